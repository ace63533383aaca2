import { describe } from 'vitest';
import { snapshotStoreContract } from './snapshotStore.contract.js';
import { memoryFixture } from './storageFixture.js';

describe('MemorySnapshotStore', () => snapshotStoreContract(memoryFixture));
