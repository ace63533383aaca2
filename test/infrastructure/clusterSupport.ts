/**
 * A 3-master Redis Cluster for one spec file: started in beforeAll, stopped in afterAll. Only
 * this file's processes are touched; the cluster is thrown away, so no key cleanup is needed.
 */
import type { Cluster } from 'ioredis';
import { createRedis } from '../../src/infrastructure/redis/connection.js';
import { afterAll, beforeAll } from 'vitest';
import { type RedisClusterHandle, startRedisCluster } from '../support/redisServer.js';
import { uniquePrefix } from '../support/testRedis.js';

export interface TestCluster {
  readonly cluster: Cluster;
  /** `host:port` of each master. */
  readonly nodes: readonly string[];
  readonly prefix: string;
}

export const useTestCluster = (): TestCluster => {
  let handle: RedisClusterHandle | null = null;
  let cluster: Cluster | null = null;
  const prefix = uniquePrefix();
  beforeAll(async () => {
    handle = await startRedisCluster(3);
    // Through the production factory: several seeds → Cluster.
    cluster = createRedis(handle.nodes, { connectionName: 'da:test' }) as Cluster;
    await cluster.ping();
  }, 60_000);
  afterAll(async () => {
    await cluster?.quit().catch(() => cluster?.disconnect());
    await handle?.stop();
  });
  return {
    get cluster() {
      if (!cluster) throw new Error('useTestCluster(): only available inside tests and hooks');
      return cluster;
    },
    get nodes() {
      if (!handle) throw new Error('useTestCluster(): only available inside tests and hooks');
      return handle.nodes;
    },
    prefix,
  };
};
