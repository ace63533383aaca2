import { describe } from 'vitest';
import { idempotencyStoreContract } from './idempotencyStore.contract.js';
import { memoryFixture } from './storageFixture.js';

describe('MemoryIdempotencyStore', () => idempotencyStoreContract(memoryFixture));
