import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { eventStoreContract } from './eventStore.contract.js';
import { aggregate, numbered } from './events.js';
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
