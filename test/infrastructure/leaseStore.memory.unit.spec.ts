import { describe } from 'vitest';
import { createMemoryLeaseStore } from '../../src/infrastructure/memory/leaseStore.js';
import { leaseStoreContract } from './leaseStore.contract.js';

describe('memory lease store', () =>
  leaseStoreContract(() => {
    let clock = 1_000_000;
    return {
      leases: () => createMemoryLeaseStore(() => clock),
      ttlMs: 300,
      elapse: async (ms) => void (clock += ms),
    };
  }));
