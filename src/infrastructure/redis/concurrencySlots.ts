/**
 * Concurrency slots over Redis: one sorted set per (scope, owner), member = token, score = the
 * epoch ms its lease expires on the Redis server's clock (TIME inside the script, so clock skew
 * between API nodes cannot stretch or shrink a lease). Every script first drops expired tokens
 * (a crashed node's), then counts, adds or extends in the same atomic step: two nodes acquiring
 * at once can never both take the last slot. The key itself expires with its latest lease, so an
 * owner who stops replaying leaves nothing behind.
 */
import type { ConcurrencySlots } from '../../core/ports.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';
import { defineScript } from './luaScript.js';

// Shared prologue: `now` in ms from the server clock, expired tokens removed.
const prologue = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
`;
// The key lives as long as its longest lease.
const keepKey = `
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) else redis.call('DEL', KEYS[1]) end
`;

// KEYS[1] slots; ARGV[1] token, ARGV[2] limit, ARGV[3] ttl ms. 1 = taken, 0 = full.
const acquireScript = defineScript(`${prologue}
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
${keepKey}
return 1`);

// KEYS[1] slots; ARGV[1] token, ARGV[2] ttl ms. 1 = renewed, 0 = expired (lost).
const renewScript = defineScript(`${prologue}
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
${keepKey}
return 1`);

// KEYS[1] slots; ARGV[1] token.
const releaseScript = defineScript(`${prologue}
redis.call('ZREM', KEYS[1], ARGV[1])
${keepKey}
return 1`);

// KEYS[1] slots.
const heldScript = defineScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')`);

const positive = (ttlMs: number): number => {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new Error(`slot lease must be a positive integer of milliseconds, got ${ttlMs}`);
  return ttlMs;
};

export const createRedisConcurrencySlots = (redis: RedisClient, keys: Keys): ConcurrencySlots => ({
  acquire: async (scope, owner, token, limit, ttlMs) => (await acquireScript.run(redis, [keys.slots(scope, owner)], [token, limit, positive(ttlMs)])) === 1,
  renew: async (scope, owner, token, ttlMs) => (await renewScript.run(redis, [keys.slots(scope, owner)], [token, positive(ttlMs)])) === 1,
  release: async (scope, owner, token) => {
    await releaseScript.run(redis, [keys.slots(scope, owner)], [token]);
  },
  held: async (scope, owner) => Number(await heldScript.run(redis, [keys.slots(scope, owner)], [])),
});
