import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedis } from '../../src/infrastructure/redis/connection.js';

// lazyConnect: these only check which client is built and how; nothing connects.
/** ioredis keeps the seeds private; the test only reads them. */
const seedsOf = (cluster: Cluster): unknown => (cluster as unknown as { startupNodes: unknown }).startupNodes;

const build = (...args: Parameters<typeof createRedis>) => {
  const redis = createRedis(args[0], { lazyConnect: true, ...args[1] });
  redis.disconnect();
  return redis;
};

describe('createRedis', () => {
  it('builds a single-node client from a URL', () => {
    const redis = build('redis://:secret@10.0.0.1:6380/2', { commandTimeoutMs: 250, maxRetriesPerRequest: 1 });
    expect(redis).toBeInstanceOf(Redis);
    expect((redis as Redis).options).toMatchObject({ host: '10.0.0.1', port: 6380, db: 2, password: 'secret', commandTimeout: 250, maxRetriesPerRequest: 1, enableAutoPipelining: true });
  });

  it('builds a cluster client from several seeds, a cluster URL, or cluster: true', () => {
    const seeds = build(['10.0.0.1:7000', '10.0.0.2:7000']) as Cluster;
    expect(seeds).toBeInstanceOf(Cluster);
    expect(seedsOf(seeds)).toEqual([{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7000 }]);

    const url = build('rediss+cluster://app:p%40ss@h1:7001,h2:7002') as Cluster;
    expect(url).toBeInstanceOf(Cluster);
    expect(seedsOf(url)).toEqual([{ host: 'h1', port: 7001 }, { host: 'h2', port: 7002 }]);
    expect(url.options.redisOptions).toMatchObject({ username: 'app', password: 'p@ss', tls: {} });

    expect(build('redis://h1:7000', { cluster: true })).toBeInstanceOf(Cluster);
    expect(build(['h1:6379'])).toBeInstanceOf(Redis);
  });

  it('refuses an empty target', () => {
    expect(() => createRedis([])).toThrow(/no Redis URL/);
  });
});
