/** Wrapped personal-data keys in Redis: one string per subject (SET NX to create, SET to bury). */
import type { DataKeyStore } from '../../core/ports.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';

export const createRedisDataKeyStore = (redis: RedisClient, keys: Keys): DataKeyStore => ({
  get: (subjectId) => redis.get(keys.dataKey(subjectId)),
  async putIfAbsent(subjectId, wrapped) {
    const key = keys.dataKey(subjectId);
    if ((await redis.set(key, wrapped, 'NX')) === 'OK') return wrapped;
    return (await redis.get(key)) ?? wrapped;
  },
  async bury(subjectId, tombstone) {
    // GET + SET in one step: the answer says whether this call destroyed the key.
    const previous = (await redis.eval(`local p = redis.call('GET', KEYS[1]); redis.call('SET', KEYS[1], ARGV[1]); return p`, 1, keys.dataKey(subjectId), tombstone)) as string | null;
    return previous === null || !previous.startsWith('forgotten:');
  },
});
