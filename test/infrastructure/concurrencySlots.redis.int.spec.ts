/** Concurrency slots on real Redis (the contract), and the key's own bookkeeping: one member per live token, expiring with its longest lease. */
import { describe, expect, it } from 'vitest';
import { createRedisConcurrencySlots } from '../../src/infrastructure/redis/concurrencySlots.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { useTestRedis } from '../support/testRedis.js';
import { concurrencySlotsContract } from './concurrencySlots.contract.js';

const test = useTestRedis();
const slots = () => createRedisConcurrencySlots(test.redis, createKeys(test.prefix, 4));

describe('Redis concurrency slots', () => {
  concurrencySlotsContract(() => ({ slots, shortMs: 300, elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }));

  it('keeps one sorted set per owner that expires with its longest lease and is gone once empty', async () => {
    const store = slots();
    const key = createKeys(test.prefix, 4).slots('replay', 'keyed');
    expect(await store.acquire('replay', 'keyed', 'a', 2, 60_000)).toBe(true);
    expect(await store.acquire('replay', 'keyed', 'b', 2, 1_000)).toBe(true);
    expect(await test.redis.zcard(key)).toBe(2);
    expect(await test.redis.pttl(key)).toBeGreaterThan(50_000);
    await store.release('replay', 'keyed', 'a');
    expect(await test.redis.pttl(key)).toBeLessThanOrEqual(1_000);
    await store.release('replay', 'keyed', 'b');
    expect(await test.redis.exists(key)).toBe(0);
  });
});
