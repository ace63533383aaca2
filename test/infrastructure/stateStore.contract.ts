/** The StateStore contract: optimistic saves whose events reach the partition log atomically. */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/core/errors.js';
import { msgpackSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { aggregate, newEvent } from './events.js';
import type { FixtureFactory } from './storageFixture.js';

export const stateStoreContract = (fixture: FixtureFactory): void => {
  describe('state store', () => {
    it('loads null when nothing is stored, then the saved state and version', async () => {
      const { stateStore } = fixture().storage();
      const ref = aggregate('session');
      expect(await stateStore.load(ref)).toBeNull();
      const result = await stateStore.save(ref, { userId: 'u1', open: true }, { expectedVersion: 'no_stream' });
      expect(result).toEqual({ nextVersion: 1, positions: [], envelopes: [] });
      expect(await stateStore.load(ref)).toEqual({ version: 1, state: { userId: 'u1', open: true } });
    });

    it('moves the version by the number of events and appends them inline to the partition log', async () => {
      const { stateStore, partitionLog, partitionOf } = fixture().storage();
      const ref = aggregate('player_stats');
      await stateStore.save(ref, { wins: 0 }, { expectedVersion: 'no_stream' });
      const events = [newEvent('GameWon', { gold: 10 }), newEvent('GameWon', { gold: 20 })];
      const result = await stateStore.save(ref, { wins: 2 }, { expectedVersion: 1, events });
      expect(result.nextVersion).toBe(3);
      expect(result.envelopes.map((e) => [e.aggregateVersion, e.eventId])).toEqual([[2, events[0]!.eventId], [3, events[1]!.eventId]]);
      const log = await partitionLog.read(partitionOf(ref), '0', 10);
      expect(log.map((entry) => entry.event)).toEqual(result.envelopes);
      expect(await stateStore.load(ref)).toEqual({ version: 3, state: { wins: 2 } });
    });

    it('refuses a stale version with a conflict naming the actual one, writing nothing', async () => {
      const { stateStore, partitionLog, partitionOf } = fixture().storage();
      const ref = aggregate('session');
      await stateStore.save(ref, { n: 1 }, { expectedVersion: 'no_stream', events: [newEvent('Opened')] });
      const error = await stateStore.save(ref, { n: 2 }, { expectedVersion: 0, events: [newEvent('Touched')] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
      expect(await stateStore.load(ref)).toEqual({ version: 1, state: { n: 1 } });
      expect(await partitionLog.read(partitionOf(ref), '0', 10)).toHaveLength(1);
    });

    it('honours no_stream, stream_exists and any', async () => {
      const { stateStore } = fixture().storage();
      const ref = aggregate('session');
      await expect(stateStore.save(ref, {}, { expectedVersion: 'stream_exists' })).rejects.toMatchObject({ actualVersion: 0 });
      await stateStore.save(ref, { a: 1 }, { expectedVersion: 'any' });
      await expect(stateStore.save(ref, {}, { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(ConflictError);
      expect((await stateStore.save(ref, { a: 2 }, { expectedVersion: 'stream_exists' })).nextVersion).toBe(2);
    });

    it('lets exactly one of 50 concurrent saves with the same expected version win', async () => {
      const { stateStore } = fixture().storage();
      const ref = aggregate('session');
      await stateStore.save(ref, { n: 0 }, { expectedVersion: 'no_stream' });
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, n) => stateStore.save(ref, { n }, { expectedVersion: 1, events: [newEvent('Set', { n })] })));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ actualVersion: 2 });
    });

    it('writes nothing when the partition log refuses the write', async () => {
      const f = fixture();
      const { stateStore } = f.storage();
      const ref = aggregate('session');
      const broken = await f.breakWrites(ref, 'partitionLog');
      await expect(stateStore.save(ref, { n: 1 }, { expectedVersion: 'any', events: [newEvent('Opened')] })).rejects.toThrow(broken.error);
      expect(await stateStore.load(ref)).toBeNull();
      expect(await broken.intact()).toBe(true);
    });

    it('writes nothing when the state refuses the write', async () => {
      const f = fixture();
      const { stateStore, partitionLog, partitionOf } = f.storage();
      const ref = aggregate('session');
      const broken = await f.breakWrites(ref, 'state');
      await expect(stateStore.save(ref, { n: 1 }, { expectedVersion: 'any', events: [newEvent('Opened')] })).rejects.toThrow(broken.error);
      expect(await partitionLog.read(partitionOf(ref), '0', 10)).toEqual([]);
      expect(await broken.intact()).toBe(true);
    });

    it('round-trips MessagePack with compression, and deletes', async () => {
      const { stateStore } = fixture().storage({ snapshotSerializer: msgpackSerializer, compression: { algorithm: 'brotli', thresholdBytes: 64 } });
      const ref = aggregate('player_stats');
      const state = { history: Array.from({ length: 200 }, (_, i) => ({ game: i, score: i * 3 })), at: 'ü' };
      await stateStore.save(ref, state, { expectedVersion: 'no_stream' });
      expect((await stateStore.load(ref))?.state).toEqual(state);
      await stateStore.delete(ref);
      expect(await stateStore.load(ref)).toBeNull();
    });
  });
};
