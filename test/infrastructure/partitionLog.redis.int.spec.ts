import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { numbered, aggregate } from './events.js';
import { partitionLogContract } from './partitionLog.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();
const fixture = () => redisFixture('redis', () => test.redis, () => test.prefix);

describe('RedisPartitionLog', () => partitionLogContract(fixture));

describe('RedisPartitionLog: events behind their log entries', () => {
  it('skips entries whose event was compacted away (the archive is the record)', async () => {
    const { eventStore, partitionLog, keys } = fixture().storage({ partitions: 1 });
    const ref = aggregate();
    await eventStore.append(ref, numbered(3), { expectedVersion: 'no_stream' });
    await test.redis.xtrim(keys.stream(ref), 'MINID', '0-3'); // versions 1 and 2 archived and removed
    expect((await partitionLog.read(0, '0', 10)).map((e) => e.event.aggregateVersion)).toEqual([3]);
  });

  it('refuses an event that no longer decodes instead of leaving a silent gap', async () => {
    const f = fixture();
    const { eventStore, partitionLog, keys } = f.storage({ partitions: 1 });
    const ref = aggregate();
    await eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream' });
    await f.tamper!(keys.stream(ref), 1, 'k', '00000000');
    await expect(partitionLog.read(0, '0', 10)).rejects.toThrow(/Checksum|checksum/);
  });
});
