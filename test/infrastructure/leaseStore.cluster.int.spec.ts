import { describe } from 'vitest';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { createRedisLeaseStore } from '../../src/infrastructure/redis/leaseStore.js';
import { useTestCluster } from './clusterSupport.js';
import { leaseStoreContract } from './leaseStore.contract.js';

const test = useTestCluster();

// The acquire script touches the lease and its fence counter: one hash tag, one slot.
describe('Redis lease store on a 3-master Redis Cluster', () =>
  leaseStoreContract(() => ({
    leases: () => createRedisLeaseStore(test.cluster, createKeys(test.prefix, 4)),
    ttlMs: 1_000,
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  })));
