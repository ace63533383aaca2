import { describe } from 'vitest';
import { stateStoreContract } from './stateStore.contract.js';
import { memoryFixture } from './storageFixture.js';

describe('MemoryStateStore', () => stateStoreContract(memoryFixture));
