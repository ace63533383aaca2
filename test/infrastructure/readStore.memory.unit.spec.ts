import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';
import { readStoreContract } from './readStore.contract.js';

readStoreContract('memory', () => new MemoryReadStore());
