import { describe } from 'vitest';
import { contentStoreContract } from './contentStore.contract.js';
import { memoryFixture } from './storageFixture.js';

describe('MemoryContentStore', () => contentStoreContract(memoryFixture));
