/** Concurrency slots on real Redis: racing acquires never exceed the limit; leases expire on the server clock; release is immediate. */
import { describe, expect, it } from 'vitest';
import { createRedisConcurrencySlots } from '../../src/infrastructure/redis/concurrencySlots.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { eventually } from '../support/players.js';
import { useTestRedis } from '../support/testRedis.js';

const test = useTestRedis();
const slots = () => createRedisConcurrencySlots(test.redis, createKeys(test.prefix, 4));

describe('Redis concurrency slots', () => {
  it('lets exactly `limit` of many racing acquires through, per owner', async () => {
    const store = slots();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.acquire('replay', 'racer', `t${i}`, 3, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await store.held('replay', 'racer')).toBe(3);
    expect(await store.held('replay', 'someone-else')).toBe(0);
    expect(await store.acquire('replay', 'someone-else', 't0', 3, 60_000)).toBe(true);
  });

  it('frees a slot on release at once, and an expired token stops counting and cannot be renewed', async () => {
    const store = slots();
    expect(await store.acquire('replay', 'u', 'long', 2, 60_000)).toBe(true);
    expect(await store.acquire('replay', 'u', 'short', 2, 300)).toBe(true);
    expect(await store.acquire('replay', 'u', 'third', 2, 60_000)).toBe(false);
    await store.release('replay', 'u', 'long');
    expect(await store.acquire('replay', 'u', 'third', 2, 60_000)).toBe(true);
    expect(await store.renew('replay', 'u', 'third', 60_000)).toBe(true);
    await eventually(async () => (await store.held('replay', 'u')) === 1, 5_000);
    expect(await store.renew('replay', 'u', 'short', 60_000)).toBe(false);
    // The key expires with its longest lease and holds one member per live token.
    const key = createKeys(test.prefix, 4).slots('replay', 'u');
    expect(await test.redis.zcard(key)).toBe(1);
    expect(await test.redis.pttl(key)).toBeGreaterThan(50_000);
    await store.release('replay', 'u', 'third');
    expect(await test.redis.exists(key)).toBe(0);
  });
});
