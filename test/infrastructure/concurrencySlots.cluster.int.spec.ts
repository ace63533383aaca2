import { describe } from 'vitest';
import { createRedisConcurrencySlots } from '../../src/infrastructure/redis/concurrencySlots.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { useTestCluster } from './clusterSupport.js';
import { concurrencySlotsContract } from './concurrencySlots.contract.js';

const test = useTestCluster();

// One key per script call (its hash tag names the owner): valid on any slot, including owners whose ids hold braces.
describe('Redis concurrency slots on a 3-master Redis Cluster', () =>
  concurrencySlotsContract(() => ({
    slots: () => createRedisConcurrencySlots(test.cluster, createKeys(test.prefix, 4)),
    shortMs: 300,
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  })));
