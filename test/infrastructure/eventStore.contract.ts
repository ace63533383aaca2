/** The EventStore contract: every implementation (memory, Redis, Redis Cluster) must pass it. */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/core/errors.js';
import type { EventEnvelope } from '../../src/core/messages.js';
import { FIELD } from '../../src/infrastructure/serialization/records.js';
import { msgpackSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { createUpcasters } from '../../src/infrastructure/serialization/upcasters.js';
import { aggregate, newEvent, numbered } from './events.js';
import type { FixtureFactory } from './storageFixture.js';

const versions = (events: readonly EventEnvelope[]) => events.map((e) => e.aggregateVersion);
const conflictOf = async (promise: Promise<unknown>): Promise<ConflictError> => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConflictError);
  return error as ConflictError;
};

export const eventStoreContract = (fixture: FixtureFactory): void => {
  describe('append and read', () => {
    it('appends to a new stream and reads the envelopes back', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      const events = [newEvent('GameCreated', { name: 'alpha', players: ['a', 'b'] }), newEvent('PlayerJoined', { playerId: 'a' })];
      const result = await eventStore.append(ref, events, { expectedVersion: 'no_stream' });

      expect(result.nextVersion).toBe(2);
      expect(result.positions).toHaveLength(2);
      expect(versions(result.envelopes)).toEqual([1, 2]);
      const read = await eventStore.read(ref);
      expect(read).toEqual(result.envelopes.map(({ position: _position, ...rest }) => rest));
      expect(read[0]).toMatchObject({
        eventId: events[0]!.eventId, eventType: 'GameCreated', schemaVersion: 1, aggregateType: ref.aggregateType,
        aggregateId: ref.aggregateId, data: { name: 'alpha', players: ['a', 'b'] }, metadata: events[0]!.metadata, createdAt: events[0]!.createdAt,
      });
      expect(read[0]!.checksum).toMatch(/^[0-9a-f]{8}$/);
    });

    it('reports lastVersion and exists (0 / false without a stream)', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      expect(await eventStore.lastVersion(ref)).toBe(0);
      expect(await eventStore.exists(ref)).toBe(false);
      expect(await eventStore.read(ref)).toEqual([]);
      await eventStore.append(ref, numbered(3), { expectedVersion: 'no_stream' });
      expect(await eventStore.lastVersion(ref)).toBe(3);
      expect(await eventStore.exists(ref)).toBe(true);
    });

    it('reads from a version, up to a version, and with a limit', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(10), { expectedVersion: 'no_stream' });
      expect(versions(await eventStore.read(ref, { fromVersion: 7 }))).toEqual([7, 8, 9, 10]);
      expect(versions(await eventStore.read(ref, { fromVersion: 3, toVersion: 5 }))).toEqual([3, 4, 5]);
      expect(versions(await eventStore.read(ref, { fromVersion: 4, limit: 2 }))).toEqual([4, 5]);
      expect(versions(await eventStore.read(ref, { fromVersion: 11 }))).toEqual([]);
      expect(versions(await eventStore.read(ref, { fromVersion: 6, toVersion: 5 }))).toEqual([]);
    });

    it('streams more events than one batch, in order', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(25), { expectedVersion: 'no_stream' });
      const all: number[] = [];
      for await (const e of eventStore.stream(ref, { batchSize: 10 })) all.push(e.aggregateVersion);
      expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      const tail: number[] = [];
      for await (const e of eventStore.stream(ref, { fromVersion: 21, batchSize: 5 })) tail.push((e.data as { n: number }).n);
      expect(tail).toEqual([21, 22, 23, 24, 25]);
    });

    it('streams up to a version, across batches, and nothing when the range is empty', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(25), { expectedVersion: 'no_stream' });
      const upTo = async (options: { fromVersion?: number; toVersion?: number; batchSize?: number }) => {
        const seen: number[] = [];
        for await (const e of eventStore.stream(ref, options)) seen.push(e.aggregateVersion);
        return seen;
      };
      expect(await upTo({ toVersion: 12, batchSize: 5 })).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await upTo({ fromVersion: 9, toVersion: 10, batchSize: 5 })).toEqual([9, 10]);
      expect(await upTo({ fromVersion: 20, toVersion: 40, batchSize: 5 })).toEqual([20, 21, 22, 23, 24, 25]);
      expect(await upTo({ fromVersion: 11, toVersion: 10 })).toEqual([]);
      expect(await upTo({ toVersion: 0 })).toEqual([]);
    });

    it('appends nothing for an empty batch but still checks the expected version', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream' });
      expect((await eventStore.append(ref, [], { expectedVersion: 2 })).nextVersion).toBe(2);
      await conflictOf(eventStore.append(ref, [], { expectedVersion: 1 }));
      expect(await eventStore.lastVersion(ref)).toBe(2);
    });
  });

  describe('expected version', () => {
    it('exact: a mismatch names expected and actual and writes nothing', async () => {
      const { eventStore, partitionLog, partitionOf } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(3), { expectedVersion: 0 });
      const conflict = await conflictOf(eventStore.append(ref, numbered(1), { expectedVersion: 2 }));
      expect(conflict).toMatchObject({ expectedVersion: 2, actualVersion: 3 });
      expect(conflict.message).toMatch(/expected version 2.*version 3/);
      expect(await eventStore.lastVersion(ref)).toBe(3);
      const partition = partitionOf(ref);
      expect(await partitionLog.read(partition, '0', 100)).toHaveLength(3);
      expect((await eventStore.append(ref, numbered(1), { expectedVersion: 3 })).nextVersion).toBe(4);
    });

    it('no_stream: only when the stream does not exist', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream' });
      const conflict = await conflictOf(eventStore.append(ref, numbered(1), { expectedVersion: 'no_stream' }));
      expect(conflict).toMatchObject({ expectedVersion: 0, actualVersion: 2 });
      expect(conflict.message).toMatch(/no stream.*version 2/);
    });

    it('stream_exists: only when the stream exists', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      const conflict = await conflictOf(eventStore.append(ref, numbered(1), { expectedVersion: 'stream_exists' }));
      expect(conflict).toMatchObject({ expectedVersion: null, actualVersion: 0 });
      expect(conflict.message).toMatch(/does not exist/);
      expect(await eventStore.exists(ref)).toBe(false);
      await eventStore.append(ref, numbered(1), { expectedVersion: 'any' });
      expect((await eventStore.append(ref, numbered(1), { expectedVersion: 'stream_exists' })).nextVersion).toBe(2);
    });

    it('any: appends whatever the version', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(1), { expectedVersion: 'any' });
      expect((await eventStore.append(ref, numbered(2), { expectedVersion: 'any' })).nextVersion).toBe(3);
    });

    it('100 concurrent appends with the same expected version: exactly one wins', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(3), { expectedVersion: 'no_stream' });
      const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => eventStore.append(ref, [newEvent('Raced', { i })], { expectedVersion: 3 })));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(99);
      for (const error of lost) {
        expect(error).toBeInstanceOf(ConflictError);
        expect(error).toMatchObject({ expectedVersion: 3, actualVersion: 4 });
        expect((error as Error).message).toMatch(/version 4/);
      }
      expect(versions(await eventStore.read(ref))).toEqual([1, 2, 3, 4]);
    });

    it('100 concurrent writers retrying on conflict: versions 1..100, no gap, no duplicate', async () => {
      const { eventStore, partitionLog, partitionOf } = fixture().storage();
      const ref = aggregate();
      let conflicts = 0;
      const write = async (i: number): Promise<void> => {
        for (;;) {
          const expected = await eventStore.lastVersion(ref);
          try {
            await eventStore.append(ref, [newEvent('Raced', { i })], { expectedVersion: expected });
            return;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
            conflicts++;
          }
        }
      };
      await Promise.all(Array.from({ length: 100 }, (_, i) => write(i)));
      // The writers did race: all read version 0 before the first append, so 99 lost at least once.
      expect(conflicts).toBeGreaterThanOrEqual(99);
      const read = await eventStore.read(ref);
      expect(versions(read)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(new Set(read.map((e) => (e.data as { i: number }).i)).size).toBe(100);
      const log = await partitionLog.read(partitionOf(ref), '0', 1_000);
      expect(log.map((entry) => entry.event.aggregateVersion)).toEqual(versions(read));
    });
  });

  describe('command marks (idempotency keys, recorded with the append)', () => {
    const mark = (id: string, ttlSeconds = 60) => ({ id, fingerprint: `fp-${id}`, ttlSeconds });

    it('a command already recorded appends nothing and reports what it appended, even on a stale expected version', async () => {
      const { eventStore } = fixture().storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream' });
      const first = await eventStore.append(ref, numbered(3), { expectedVersion: 2, command: mark('c1') });
      expect(first.applied).toBeUndefined();
      expect(first.nextVersion).toBe(5);
      const recorded = { fromVersion: 3, toVersion: 5, positions: first.positions, fingerprint: 'fp-c1' };
      expect(await eventStore.appliedCommand(ref, 'c1')).toEqual(recorded);

      // The retry decided on the state before its own first attempt: expected version 2, not 5.
      const again = await eventStore.append(ref, numbered(3), { expectedVersion: 2, command: mark('c1') });
      expect(again).toEqual({ nextVersion: 5, positions: [], envelopes: [], applied: recorded });
      // On the current version, with another state or snapshot: still nothing.
      const hybrid = await eventStore.append(ref, numbered(1), { expectedVersion: 5, command: mark('c1'), state: { n: 1 } });
      expect(hybrid.applied).toEqual(recorded);
      expect(await eventStore.lastVersion(ref)).toBe(5);
    });

    it('other command ids append; marks are per aggregate; a refused append records nothing', async () => {
      const { eventStore } = fixture().storage();
      const [ref, other] = [aggregate(), aggregate()];
      await eventStore.append(ref, numbered(1), { expectedVersion: 'no_stream', command: mark('c1') });
      expect((await eventStore.append(ref, numbered(1), { expectedVersion: 1, command: mark('c2') })).nextVersion).toBe(2);
      // The same command id on another aggregate is another command.
      const elsewhere = await eventStore.append(other, numbered(1), { expectedVersion: 'no_stream', command: mark('c1') });
      expect(elsewhere.applied).toBeUndefined();
      expect(elsewhere.nextVersion).toBe(1);
      // A conflict leaves no mark: the retry on fresh state then appends.
      await conflictOf(eventStore.append(ref, numbered(1), { expectedVersion: 1, command: mark('c3') }));
      expect(await eventStore.appliedCommand(ref, 'c3')).toBeNull();
      expect((await eventStore.append(ref, numbered(1), { expectedVersion: 2, command: mark('c3') })).nextVersion).toBe(3);
      // An append of nothing records nothing.
      await eventStore.append(ref, [], { expectedVersion: 3, command: mark('c4') });
      expect(await eventStore.appliedCommand(ref, 'c4')).toBeNull();
    });

    it('a mark lasts its TTL, then the command id is free again', async () => {
      const f = fixture();
      const { eventStore } = f.storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(1), { expectedVersion: 'no_stream', command: mark('c1', 1) });
      expect(await eventStore.appliedCommand(ref, 'c1')).toMatchObject({ fromVersion: 1, toVersion: 1 });
      await f.elapse(1_100);
      expect(await eventStore.appliedCommand(ref, 'c1')).toBeNull();
      const later = await eventStore.append(ref, numbered(1), { expectedVersion: 1, command: mark('c1', 1) });
      expect(later.applied).toBeUndefined();
      expect(later.nextVersion).toBe(2);
    });
  });

  describe('hybrid append (events + state + snapshot, all or nothing)', () => {
    it('writes the state and the snapshot with the events', async () => {
      const { eventStore, stateStore, snapshotStore } = fixture().storage();
      const ref = aggregate();
      const snapshot = { version: 2, schema: 'v1', state: { towers: 2 }, takenAt: '2026-03-01T12:00:00.000Z' };
      await eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream', state: { towers: 2 }, snapshot });
      expect(await stateStore.load(ref)).toEqual({ version: 2, state: { towers: 2 } });
      expect(await snapshotStore.load(ref)).toEqual(snapshot);
      await eventStore.append(ref, numbered(1), { expectedVersion: 2, state: { towers: 3 } });
      expect(await stateStore.load(ref)).toEqual({ version: 3, state: { towers: 3 } });
      // With its shape, stored beside it; an append without one leaves no older claim behind.
      await eventStore.append(ref, numbered(1), { expectedVersion: 3, state: { towers: 4 }, stateSchema: 'towers/2' });
      expect(await stateStore.load(ref)).toEqual({ version: 4, state: { towers: 4 }, schema: 'towers/2' });
      await eventStore.append(ref, numbered(1), { expectedVersion: 4, state: { towers: 5 } });
      expect(await stateStore.load(ref)).toEqual({ version: 5, state: { towers: 5 } });
    });

    it('a state that refuses the write fails the append before anything is written', async () => {
      const f = fixture();
      const { eventStore, partitionOf, partitionLog } = f.storage();
      const ref = aggregate();
      const broken = await f.breakWrites(ref, 'state');
      await expect(eventStore.append(ref, numbered(3), { expectedVersion: 'no_stream', state: { x: 1 } })).rejects.toThrow(broken.error);
      expect(await eventStore.exists(ref)).toBe(false);
      expect(await eventStore.lastVersion(ref)).toBe(0);
      expect(await partitionLog.read(partitionOf(ref), '0', 10)).toEqual([]);
      expect(await broken.intact()).toBe(true);
    });

    it('a partition log that refuses the write fails the append before anything is written', async () => {
      const f = fixture();
      const { eventStore, stateStore } = f.storage();
      const ref = aggregate();
      const broken = await f.breakWrites(ref, 'partitionLog');
      await expect(eventStore.append(ref, numbered(2), { expectedVersion: 'any', state: { x: 1 } })).rejects.toThrow(broken.error);
      expect(await eventStore.exists(ref)).toBe(false);
      expect(await eventStore.read(ref)).toEqual([]);
      expect(await stateStore.load(ref)).toBeNull();
      expect(await broken.intact()).toBe(true);
    });

    it('a snapshot that refuses the write fails an existing stream without touching it', async () => {
      const f = fixture();
      const { eventStore, partitionOf, partitionLog, stateStore } = f.storage();
      const ref = aggregate();
      await eventStore.append(ref, numbered(2), { expectedVersion: 'no_stream', state: { v: 2 } });
      const broken = await f.breakWrites(ref, 'snapshot');
      const snapshot = { version: 3, schema: 'v1', state: {}, takenAt: '2026-03-01T12:00:00.000Z' };
      await expect(eventStore.append(ref, numbered(1), { expectedVersion: 2, state: { v: 3 }, snapshot })).rejects.toThrow(broken.error);
      expect(versions(await eventStore.read(ref))).toEqual([1, 2]);
      expect(await partitionLog.read(partitionOf(ref), '0', 10)).toHaveLength(2);
      expect(await stateStore.load(ref)).toEqual({ version: 2, state: { v: 2 } });
      expect(await broken.intact()).toBe(true);
    });

    it('an aggregate stream that refuses the write is refused, with nothing else written', async () => {
      const f = fixture();
      const { eventStore, partitionOf, partitionLog, stateStore } = f.storage();
      const ref = aggregate();
      const broken = await f.breakWrites(ref, 'stream');
      await expect(eventStore.append(ref, numbered(1), { expectedVersion: 'any', state: { x: 1 } })).rejects.toThrow(broken.error);
      expect(await partitionLog.read(partitionOf(ref), '0', 10)).toEqual([]);
      expect(await stateStore.load(ref)).toBeNull();
      expect(await broken.intact()).toBe(true);
    });
  });

  describe('serialization', () => {
    it('applies upcasters on read (event store and partition log)', async () => {
      const f = fixture();
      const ref = aggregate();
      const upcasters = createUpcasters()
        .register('TowerPlaced', 1, (data) => ({ ...data, kind: data.type, type: undefined }))
        .register('TowerPlaced', 2, (data) => ({ x: data.x, y: data.y, towerType: String(data.kind).toUpperCase() }));
      const { eventStore, partitionLog, partitionOf } = f.storage({ upcasters, partitions: 1 });
      await eventStore.append(ref, [newEvent('TowerPlaced', { x: 1, y: 2, type: 'arrow' }, 1), newEvent('TowerPlaced', { x: 3, y: 4, towerType: 'CANNON' }, 3)], {
        expectedVersion: 'no_stream',
      });
      const read = await eventStore.read(ref);
      expect(read.map((e) => [e.schemaVersion, e.data])).toEqual([
        [3, { x: 1, y: 2, towerType: 'ARROW' }],
        [3, { x: 3, y: 4, towerType: 'CANNON' }],
      ]);
      const [entry] = await partitionLog.read(partitionOf(ref), '0', 1);
      expect(entry?.event).toMatchObject({ schemaVersion: 3, data: { towerType: 'ARROW' } });
    });

    it('round-trips MessagePack, with compressed large payloads', async () => {
      const { eventStore, stateStore } = fixture().storage({
        eventSerializer: msgpackSerializer,
        snapshotSerializer: msgpackSerializer,
        compression: { algorithm: 'gzip', thresholdBytes: 256 },
      });
      const ref = aggregate();
      const data = { name: 'Défense ✓', n: 42, ratio: 0.5, big: 2 ** 40, nested: { list: [1, 'two', null, true] }, blob: 'x'.repeat(2_000) };
      await eventStore.append(ref, [newEvent('Packed', data), newEvent('Small', { a: 1 })], { expectedVersion: 'no_stream', state: { data } });
      const [big, small] = await eventStore.read(ref);
      expect(big?.data).toEqual(data);
      expect(small?.data).toEqual({ a: 1 });
      expect((await stateStore.load(ref))?.state).toEqual({ data });
    });

    it('detects a tampered payload on read', async () => {
      const f = fixture();
      const { eventStore } = f.storage();
      const ref = aggregate();
      await eventStore.append(ref, [newEvent('GoldGranted', { gold: 10 }), newEvent('GoldGranted', { gold: 20 })], { expectedVersion: 'no_stream' });
      await f.tamper(ref, 2, FIELD.data, JSON.stringify({ gold: 2_000_000 }));
      await expect(eventStore.read(ref)).rejects.toThrow(/Checksum mismatch/);
      await expect(eventStore.read(ref, { toVersion: 1 })).resolves.toHaveLength(1);
    });
  });
};
