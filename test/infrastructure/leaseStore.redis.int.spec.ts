import { describe } from 'vitest';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { createRedisLeaseStore } from '../../src/infrastructure/redis/leaseStore.js';
import { useTestRedis } from '../support/testRedis.js';
import { leaseStoreContract } from './leaseStore.contract.js';

const test = useTestRedis();

describe('Redis lease store', () =>
  leaseStoreContract(() => ({
    leases: () => createRedisLeaseStore(test.redis, createKeys(test.prefix, 4)),
    ttlMs: 1_000,
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  })));
