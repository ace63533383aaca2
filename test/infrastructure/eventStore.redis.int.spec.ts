import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { eventStoreContract } from './eventStore.contract.js';
import { aggregate, newEvent, numbered } from './events.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();

describe('RedisEventStore', () => eventStoreContract(() => redisFixture('redis', () => test.redis, () => test.prefix)));

describe('RedisEventStore after compaction trimmed every entry', () => {
  it('still knows the version, and appends continue from it', async () => {
    const store = redisFixture('redis', () => test.redis, () => test.prefix).storage();
    const ref = aggregate();
    await store.eventStore.append(ref, numbered(3), { expectedVersion: 'no_stream' });
    await test.redis.xtrim(store.keys.stream(ref), 'MAXLEN', 0);
    expect(await store.eventStore.lastVersion(ref)).toBe(3);
    await expect(store.eventStore.append(ref, numbered(1), { expectedVersion: 2 })).rejects.toMatchObject({ actualVersion: 3 });
    expect((await store.eventStore.append(ref, numbered(1), { expectedVersion: 3 })).nextVersion).toBe(4);
    expect((await store.eventStore.read(ref)).map((e) => e.aggregateVersion)).toEqual([4]);
  });
});

describe('RedisEventStore stream memory', () => {
  // Redis 7.0 allocates each new stream node at 4 KB and shrinks it only once full; the append
  // rewrites the stream at its size when it opened a node (a 2-event stream took ~4.7 KB).
  const usage = async (key: string) => Number(await test.redis.memory('USAGE', key, 'SAMPLES', 0));
  const sized = (count: number, from: number) => Array.from({ length: count }, (_, i) => newEvent('Sized', { n: from + i, pad: 'x'.repeat(400) }));

  it('keeps a small aggregate stream near the size of its entries, not a preallocated node', async () => {
    const store = redisFixture('redis', () => test.redis, () => test.prefix).storage();
    const ref = aggregate();
    await store.eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream' });
    expect(await usage(store.keys.stream(ref))).toBeLessThan(1_500);
  });

  it('rewrites the stream when an append opens a second node, keeping ids, last id and what follows', async () => {
    const store = redisFixture('redis', () => test.redis, () => test.prefix).storage();
    const ref = aggregate();
    const key = store.keys.stream(ref);
    const info = async () => {
      const reply = (await test.redis.call('XINFO', 'STREAM', key)) as unknown[];
      return (name: string) => reply[reply.indexOf(name) + 1];
    };
    let version = 0;
    // One event at a time until an append opens the second node.
    while ((await info().catch(() => () => 0))('radix-tree-keys') !== 2) {
      await store.eventStore.append(ref, sized(1, version + 1), { expectedVersion: version === 0 ? 'no_stream' : version });
      version++;
    }
    const field = await info();
    expect(field('last-generated-id')).toBe(`0-${version}`);
    expect(field('entries-added')).toBe(version);
    // The full first node plus one entry: under 6 KB (~9.3 KB when the second node kept its 4 KB).
    expect(await usage(key)).toBeLessThan(6_000);
    expect((await store.eventStore.read(ref)).map((e) => [e.aggregateVersion, (e.data as { n?: number }).n])).toEqual(Array.from({ length: version }, (_, i) => [i + 1, i + 1]));
    await expect(store.eventStore.append(ref, numbered(1), { expectedVersion: version - 1 })).rejects.toMatchObject({ actualVersion: version });
    expect((await store.eventStore.append(ref, numbered(1), { expectedVersion: version })).nextVersion).toBe(version + 1);
  });
});
