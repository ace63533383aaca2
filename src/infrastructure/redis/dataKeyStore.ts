/** Wrapped personal-data keys in Redis: one string per subject (SET NX to create, SET to bury). */
import { Cluster } from 'ioredis';
import type { DataKeyStore } from '../../core/ports.js';
import type { RedisClient } from './connection.js';
import { dataKeyPattern, parseDataKey, type Keys } from './keys.js';

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
  async replaceIf(subjectId, expected, next) {
    // Compare-and-set: a key buried (or rewrapped by another node) meanwhile is left as it is.
    const done = await redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]); return 1 end; return 0`, 1, keys.dataKey(subjectId), expected, next);
    return Number(done) === 1;
  },
  async *subjects() {
    for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
      let cursor = '0';
      do {
        const [nextCursor, found] = await node.scan(cursor, 'MATCH', dataKeyPattern(keys), 'COUNT', 1000);
        cursor = nextCursor;
        for (const key of found) {
          const subjectId = parseDataKey(keys, key);
          if (subjectId !== null) yield subjectId;
        }
      } while (cursor !== '0');
    }
  },
});
