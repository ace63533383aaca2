import { randomUUID } from 'node:crypto';
import { createMemoryStorage } from '../../src/infrastructure/storage.js';
import { repositoryContract } from './repository.contract.js';

repositoryContract('memory', () => createMemoryStorage({ prefix: `m${randomUUID().slice(0, 6)}:`, partitions: 4 }));
