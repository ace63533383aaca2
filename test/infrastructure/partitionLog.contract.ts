/** The PartitionLog contract: references resolved in order, inline entries, exclusive cursors. */
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/core/partition.js';
import { comparePosition } from '../../src/core/projections/projection.js';
import { FIELD } from '../../src/infrastructure/serialization/records.js';
import { msgpackSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { createUpcasters } from '../../src/infrastructure/serialization/upcasters.js';
import { aggregate, newEvent, numbered } from './events.js';
import type { FixtureFactory } from './storageFixture.js';

export const partitionLogContract = (fixture: FixtureFactory): void => {
  describe('partition log', () => {
    it('is empty at first: head "0", nothing to read', async () => {
      const { partitionLog } = fixture().storage();
      expect(partitionLog.partitions).toBe(4);
      expect(await partitionLog.head(0)).toBe('0');
      expect(await partitionLog.read(0, '0', 10)).toEqual([]);
    });

    it('resolves references of several aggregates, in append order', async () => {
      const { eventStore, partitionLog } = fixture().storage({ partitions: 1 });
      const [a, b] = [aggregate('user'), aggregate('game_session')];
      const appended = [
        ...(await eventStore.append(a, numbered(2), { expectedVersion: 'no_stream' })).envelopes,
        ...(await eventStore.append(b, numbered(3), { expectedVersion: 'no_stream' })).envelopes,
        ...(await eventStore.append(a, numbered(1, 3), { expectedVersion: 2 })).envelopes,
      ];
      const entries = await partitionLog.read(0, '0', 100);
      expect(entries.map((e) => e.event)).toEqual(appended);
      expect(entries.map((e) => e.position)).toEqual(appended.map((e) => e.position));
      expect(entries.every((e) => e.partition === 0)).toBe(true);
      const positions = entries.map((e) => e.position);
      expect([...positions].sort(comparePosition)).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);
      expect(await partitionLog.head(0)).toBe(positions.at(-1));
    });

    it('reads strictly after a position, count at a time', async () => {
      const { eventStore, partitionLog } = fixture().storage({ partitions: 1 });
      const { positions } = await eventStore.append(aggregate(), numbered(7), { expectedVersion: 'no_stream' });
      const pages: number[][] = [];
      let after = '0';
      for (;;) {
        const page = await partitionLog.read(0, after, 3);
        if (page.length === 0) break;
        pages.push(page.map((e) => e.event.aggregateVersion));
        after = page.at(-1)!.position;
      }
      expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
      expect((await partitionLog.read(0, positions[4]!, 100)).map((e) => e.event.aggregateVersion)).toEqual([6, 7]);
    });

    it('puts each aggregate in the partition core/partition.ts names (read-your-writes tokens rely on it)', async () => {
      const { eventStore, partitionLog } = fixture().storage({ partitions: 4 });
      const refs = Array.from({ length: 12 }, () => aggregate());
      for (const ref of refs) await eventStore.append(ref, numbered(1), { expectedVersion: 'no_stream' });
      for (let p = 0; p < 4; p++) {
        const ids = (await partitionLog.read(p, '0', 100)).map((e) => e.event.aggregateId);
        expect(ids).toEqual(refs.filter((r) => partitionOf(r.aggregateType, r.aggregateId, 4) === p).map((r) => r.aggregateId));
      }
    });

    it('mixes inline state-store events and references in order, with upcasting and MessagePack', async () => {
      const upcasters = createUpcasters().register('Renamed', 1, (data) => ({ name: String(data.title) }));
      const { eventStore, stateStore, partitionLog } = fixture().storage({ partitions: 1, upcasters, eventSerializer: msgpackSerializer });
      const [session, game] = [aggregate('session'), aggregate('game_session')];
      await stateStore.save(session, { open: true }, { expectedVersion: 'no_stream', events: [newEvent('SessionOpened', { by: 'u1' })] });
      await eventStore.append(game, [newEvent('Renamed', { title: 'old' })], { expectedVersion: 'no_stream' });
      await stateStore.save(session, { open: false }, { expectedVersion: 1, events: [newEvent('Renamed', { title: 'inline' })] });
      const entries = await partitionLog.read(0, '0', 10);
      expect(entries.map((e) => [e.event.aggregateType, e.event.eventType, e.event.aggregateVersion, e.event.data])).toEqual([
        ['session', 'SessionOpened', 1, { by: 'u1' }],
        ['game_session', 'Renamed', 1, { name: 'old' }],
        ['session', 'Renamed', 2, { name: 'inline' }],
      ]);
    });

    it('refuses an event that no longer decodes instead of leaving a silent gap', async () => {
      const f = fixture();
      const { eventStore, partitionLog } = f.storage({ partitions: 1 });
      const ref = aggregate();
      await eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream' });
      await f.tamper(ref, 1, FIELD.checksum, '00000000');
      await expect(partitionLog.read(0, '0', 10)).rejects.toThrow(/Checksum|checksum/);
    });
  });
};
