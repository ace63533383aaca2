/**
 * Per-file Redis access for integration tests: a connection to the run's own redis-server (see
 * globalSetup.ts) and a unique key prefix, so files running in parallel never see each other's
 * keys. Keys are removed by prefix afterwards; nothing is ever flushed.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';

export interface TestRedis {
  readonly redis: Redis;
  /** e.g. `test:1a2b3c4d:`; ends with a colon, contains no braces. */
  readonly prefix: string;
}

export const uniquePrefix = (): string => `test:${randomUUID().slice(0, 8)}:`;

export const connectTestRedis = (): TestRedis => {
  const url = inject('redisUrl');
  if (!url) throw new Error('No redisUrl provided: run integration tests with the int/e2e vitest project (globalSetup)');
  return { redis: new Redis(url, { maxRetriesPerRequest: 1 }), prefix: uniquePrefix() };
};

export const deleteByPrefix = async (redis: Redis, prefix: string): Promise<void> => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
};

/** Registers beforeAll/afterAll: connect, then delete this file's keys and quit. */
export const useTestRedis = (): TestRedis => {
  let current: TestRedis | null = null;
  beforeAll(() => {
    current = connectTestRedis();
  });
  afterAll(async () => {
    if (!current) return;
    await deleteByPrefix(current.redis, current.prefix);
    await current.redis.quit();
  });
  const get = (): TestRedis => {
    if (!current) throw new Error('useTestRedis(): only available inside tests and hooks');
    return current;
  };
  return {
    get redis() {
      return get().redis;
    },
    get prefix() {
      return get().prefix;
    },
  };
};
