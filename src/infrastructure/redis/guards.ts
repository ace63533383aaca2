/**
 * Redis uniqueness reservations (SET NX: exactly one concurrent claimant wins) and fixed-window
 * rate limiting (INCR + EXPIRE NX in one script, so a window never loses its expiry).
 */
import type { Cluster, Redis } from 'ioredis';
import type { RateDecision, RateLimiter, UniquenessStore } from '../../core/ports.js';
import type { Keys } from './keys.js';

const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const hitScript = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

export const createRedisUniquenessStore = (redis: Redis | Cluster, keys: Keys): UniquenessStore => ({
  async reserve(scope, value, owner) {
    const key = keys.unique(scope, value);
    const ok = await redis.set(key, owner, 'NX');
    if (ok === 'OK') return null;
    const holder = await redis.get(key);
    // Released between our SET and GET: try once more rather than report a phantom owner.
    if (holder === null) return (await redis.set(key, owner, 'NX')) === 'OK' ? null : ((await redis.get(key)) ?? owner);
    return holder === owner ? null : holder;
  },
  async release(scope, value, owner) {
    await redis.eval(releaseScript, 1, keys.unique(scope, value), owner);
  },
  lookup: (scope, value) => redis.get(keys.unique(scope, value)),
});

export const createRedisRateLimiter = (redis: Redis | Cluster, keys: Keys): RateLimiter => {
  const run = async (bucket: string, limit: number, windowSeconds: number, increment: number): Promise<RateDecision> => {
    const [count, ttl] = (await redis.eval(hitScript, 1, keys.rateLimit(bucket), windowSeconds, increment)) as [number, number];
    return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, ttl) };
  };
  return {
    hit: (bucket, limit, windowSeconds) => run(bucket, limit, windowSeconds, 1),
    peek: (bucket, limit, windowSeconds) => run(bucket, limit, windowSeconds, 0),
    async reset(bucket) {
      await redis.del(keys.rateLimit(bucket));
    },
  };
};
