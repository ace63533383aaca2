/**
 * The lease over Redis: `SET NX PX` inside one script that also hands out the next fencing token,
 * and renewal/release that compare the stored `<token>|<holder>` first (Lua, so the check and the
 * PEXPIRE/DEL are one step: a holder whose lease expired, and possibly went to another, cannot
 * extend or delete it).
 *
 * The TTL runs on the Redis server's clock; holders only count their own time conservatively (see
 * core/scheduler.ts), so clock skew between nodes does not matter.
 */
import type { LeaseHolder, LeaseStore } from '../../core/ports.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';
import { defineScript } from './luaScript.js';

// KEYS[1] lease, KEYS[2] fence counter; ARGV[1] holder, ARGV[2] ttl ms.
const acquireScript = defineScript(`
local token = tonumber(redis.call('GET', KEYS[2]) or '0') + 1
if not redis.call('SET', KEYS[1], token .. '|' .. ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
redis.call('SET', KEYS[2], token)
return token`);

// KEYS[1] lease; ARGV[1] the value the caller believes is stored, ARGV[2] ttl ms.
const renewScript = defineScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`);

// KEYS[1] lease; ARGV[1] the value the caller believes is stored.
const releaseScript = defineScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`);

const stored = (holder: string, token: number): string => `${token}|${holder}`;

const parse = (value: string | null): LeaseHolder | null => {
  if (value === null) return null;
  const bar = value.indexOf('|');
  return { token: Number(value.slice(0, bar)), holder: value.slice(bar + 1) };
};

const positive = (ttlMs: number): number => {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new Error(`lease ttl must be a positive integer of milliseconds, got ${ttlMs}`);
  return ttlMs;
};

export const createRedisLeaseStore = (redis: RedisClient, keys: Keys): LeaseStore => ({
  async acquire(name, holder, ttlMs) {
    const k = keys.lease(name);
    const token = await acquireScript.run(redis, [k.lease, k.fence], [holder, positive(ttlMs)]);
    return typeof token === 'number' ? token : null;
  },
  async renew(name, holder, token, ttlMs) {
    return (await renewScript.run(redis, [keys.lease(name).lease], [stored(holder, token), positive(ttlMs)])) === 1;
  },
  async release(name, holder, token) {
    await releaseScript.run(redis, [keys.lease(name).lease], [stored(holder, token)]);
  },
  current: async (name) => parse(await redis.get(keys.lease(name).lease)),
});
