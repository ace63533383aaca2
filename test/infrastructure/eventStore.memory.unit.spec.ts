import { describe } from 'vitest';
import { eventStoreContract } from './eventStore.contract.js';
import { memoryFixture } from './storageFixture.js';

describe('MemoryEventStore', () => eventStoreContract(memoryFixture));
