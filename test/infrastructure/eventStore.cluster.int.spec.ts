import { describe, expect, it } from 'vitest';
import { aggregate, numbered } from './events.js';
import { useTestCluster } from './clusterSupport.js';
import { eventStoreContract } from './eventStore.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestCluster();
const fixture = () => redisFixture('cluster', () => test.cluster, () => test.prefix);

describe('RedisEventStore on a 3-master Redis Cluster', () => {
  eventStoreContract(fixture);

  it('spreads partitions over several slots, one slot per aggregate append', async () => {
    const { eventStore, keys } = fixture().storage({ partitions: 16 });
    const refs = Array.from({ length: 40 }, () => aggregate());
    await Promise.all(refs.map((ref) => eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream', state: { ok: true } })));
    const slots = new Set(await Promise.all(keys.partitionLogs().map((key) => test.cluster.cluster('KEYSLOT', key) as Promise<number>)));
    expect(slots.size).toBeGreaterThan(1);
    for (const ref of refs.slice(0, 5)) expect(await eventStore.lastVersion(ref)).toBe(2);
  });
});
