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
});
