import { describe } from 'vitest';
import { createMemoryDataKeyStore } from '../../src/infrastructure/memory/dataKeyStore.js';
import { vaultContract } from './vault.contract.js';

describe('vault over the in-memory data-key store', () => vaultContract(() => createMemoryDataKeyStore()));
