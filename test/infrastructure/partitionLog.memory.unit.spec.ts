import { describe } from 'vitest';
import { partitionLogContract } from './partitionLog.contract.js';
import { memoryFixture } from './storageFixture.js';

describe('MemoryPartitionLog', () => partitionLogContract(memoryFixture));
