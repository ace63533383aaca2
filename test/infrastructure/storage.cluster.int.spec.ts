/**
 * The other storage contracts on one 3-master cluster (the event store has its own file): one
 * cluster start for four suites keeps the int run short.
 */
import { Cluster } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { closeRedis, createRedis } from '../../src/infrastructure/redis/connection.js';
import { useTestCluster } from './clusterSupport.js';
import { contentStoreContract } from './contentStore.contract.js';
import { idempotencyStoreContract } from './idempotencyStore.contract.js';
import { partitionLogContract } from './partitionLog.contract.js';
import { snapshotStoreContract } from './snapshotStore.contract.js';
import { stateStoreContract } from './stateStore.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestCluster();
const fixture = () => redisFixture('cluster', () => test.cluster, () => test.prefix);

describe('storage ports on a 3-master Redis Cluster', () => {
  partitionLogContract(fixture);
  stateStoreContract(fixture);
  snapshotStoreContract(fixture);
  idempotencyStoreContract(fixture);
  contentStoreContract(fixture);

  it('connects through a redis+cluster:// URL', async () => {
    const redis = createRedis(`redis+cluster://${test.nodes.join(',')}`);
    try {
      expect(redis).toBeInstanceOf(Cluster);
      await redis.set(`${test.prefix}url-check`, 'ok');
      expect(await redis.get(`${test.prefix}url-check`)).toBe('ok');
    } finally {
      await closeRedis(redis);
    }
  });
});
