import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { closeRedis, createRedis } from '../../src/infrastructure/redis/connection.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { RedisEventStore } from '../../src/infrastructure/redis/eventStore.js';
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { deleteByPrefix, uniquePrefix } from '../support/testRedis.js';
import { aggregate, numbered } from './events.js';

describe('Redis connection and scripts', () => {
  it('connects to the test server and survives a flushed script cache (NOSCRIPT → EVAL)', async () => {
    const redis = createRedis(inject('redisUrl'), { connectionName: 'da:test' });
    const prefix = uniquePrefix();
    try {
      expect(redis).toBeInstanceOf(Redis);
      expect(await redis.ping()).toBe('PONG');
      const store = new RedisEventStore({ redis, keys: createKeys(prefix, 4), serializer: jsonSerializer });
      const ref = aggregate();
      await store.append(ref, numbered(1), { expectedVersion: 'no_stream' });
      // Our own throwaway server (globalSetup): flushing its script cache is safe, and the other
      // files running now only take the same fallback.
      await redis.script('FLUSH');
      expect((await store.append(ref, numbered(1), { expectedVersion: 1 })).nextVersion).toBe(2);
    } finally {
      if (redis instanceof Redis) await deleteByPrefix(redis, prefix);
      await closeRedis(redis);
    }
  });
});
