/**
 * The three repositories and the generic command handler over a storage backend (memory and
 * Redis run the same suite).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/core/errors.js';
import { handleCommand } from '../../src/core/commands/handleCommand.js';
import { partitionOf } from '../../src/core/partition.js';
import type { CommandMetadata } from '../../src/core/messages.js';
import { createRepository, type StorageStrategy } from '../../src/core/commands/repository.js';
import type { Storage } from '../../src/infrastructure/storage.js';
import { counter, type Add } from './counter.js';

const meta = (): CommandMetadata => ({ commandId: randomUUID(), correlationId: randomUUID(), userId: 'u1', timestamp: new Date().toISOString() });
const add = (amount: number): Add => ({ type: 'Add', data: { amount } });

export function repositoryContract(name: string, storage: () => Storage) {
  describe(`repositories (${name})`, () => {
    const strategies: StorageStrategy[] = ['event_sourced', 'state_based', 'hybrid'];
    for (const strategy of strategies) {
      describe(strategy, () => {
        it('loads what it saved, with the version counting events', async () => {
          const def = counter(`c_${strategy}`);
          const repo = createRepository(def, strategy, storage(), 0);
          const id = randomUUID();
          for (const n of [1, 2, 3]) await handleCommand(def, repo, id, add(n), meta(), { conflictRetries: 0 });
          expect(await repo.load(id)).toEqual({ state: { total: 6, applied: 3 }, version: 3 });
        });

        it('refuses a stale expected version and writes nothing', async () => {
          const def = counter(`c_${strategy}`);
          const repo = createRepository(def, strategy, storage(), 0);
          const id = randomUUID();
          await handleCommand(def, repo, id, add(1), meta(), { conflictRetries: 0 });
          const stale = await repo.load(id);
          await handleCommand(def, repo, id, add(1), meta(), { conflictRetries: 0 });
          const events = [{ eventId: randomUUID(), type: 'Added', data: { amount: 5 }, schemaVersion: 1, metadata: { correlationId: 'c', causationId: 'c', timestamp: meta().timestamp }, createdAt: meta().timestamp }];
          await expect(repo.save(id, stale, { total: 6, applied: 2 }, events, meta().timestamp)).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 });
          expect((await repo.load(id)).state.total).toBe(2);
        });

        it('retries a lost race when allowed: no update is lost', async () => {
          const def = counter(`c_${strategy}`);
          const repo = createRepository(def, strategy, storage(), 0);
          const id = randomUUID();
          const handled = await Promise.all(Array.from({ length: 10 }, () => handleCommand(def, repo, id, add(1), meta(), { conflictRetries: 20 })));
          expect(await repo.load(id)).toEqual({ state: { total: 10, applied: 10 }, version: 10 });
          // The race really happened: all ten loaded version 0 before any save, so nine lost at least once.
          expect(handled.reduce((sum, h) => sum + h.retries, 0)).toBeGreaterThanOrEqual(9);
        });

        it('without retries, concurrent commands on the same version: one wins, the others conflict', async () => {
          const def = counter(`c_${strategy}`);
          const repo = createRepository(def, strategy, storage(), 0);
          const id = randomUUID();
          const results = await Promise.allSettled(Array.from({ length: 8 }, () => handleCommand(def, repo, id, add(1), meta(), { conflictRetries: 0 })));
          const ok = results.filter((r) => r.status === 'fulfilled');
          expect(ok).toHaveLength(1);
          for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
          expect((await repo.load(id)).version).toBe(1);
        });

        it('a command that decides nothing writes nothing', async () => {
          const def = counter(`c_${strategy}`);
          const repo = createRepository(def, strategy, storage(), 0);
          const id = randomUUID();
          const handled = await handleCommand(def, repo, id, add(0), meta(), { conflictRetries: 0 });
          expect(handled).toMatchObject({ version: 0, events: [] });
        });
      });
    }

    it('event_sourced: events carry causation, correlation and user from the command metadata', async () => {
      const def = counter('c_meta');
      const s = storage();
      const repo = createRepository(def, 'event_sourced', s, 0);
      const id = randomUUID();
      const m = meta();
      await handleCommand(def, repo, id, add(2), m, { conflictRetries: 0 });
      const [event] = await s.eventStore.read({ aggregateType: 'c_meta', aggregateId: id });
      expect(event).toMatchObject({ eventType: 'Added', aggregateVersion: 1, data: { amount: 2 }, metadata: { causationId: m.commandId, correlationId: m.correlationId, userId: 'u1' } });
      expect(event!.eventId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('loading via snapshot + tail equals a full replay, and snapshots are taken every N events', async () => {
      const def = counter('c_snap');
      const s = storage();
      const withSnapshots = createRepository(def, 'event_sourced', s, 10);
      const id = randomUUID();
      for (let i = 1; i <= 25; i++) await handleCommand(def, withSnapshots, id, add(i), meta(), { conflictRetries: 0 });
      const snapshot = await s.snapshotStore.load({ aggregateType: 'c_snap', aggregateId: id });
      expect(snapshot).toMatchObject({ version: 20, schema: 'counter/1' });
      const replayed = await createRepository(def, 'event_sourced', s, 0).load(id);
      expect(await withSnapshots.load(id)).toEqual(replayed);
      expect(replayed).toEqual({ state: { total: 325, applied: 25 }, version: 25 });
    });

    it('a snapshot taken by an older state schema is ignored and state is rebuilt from events', async () => {
      const s = storage();
      const id = randomUUID();
      const v1 = counter('c_schema', 'counter/1');
      const repoV1 = createRepository(v1, 'event_sourced', s, 5);
      for (let i = 0; i < 7; i++) await handleCommand(v1, repoV1, id, add(1), meta(), { conflictRetries: 0 });
      // Corrupt the v1 snapshot's state: if it were used, the total would be wrong.
      await s.snapshotStore.save({ aggregateType: 'c_schema', aggregateId: id }, { version: 5, schema: 'counter/1', state: { total: 999, applied: 5 }, takenAt: meta().timestamp });
      expect((await repoV1.load(id)).state.total).toBe(999 + 2);
      const v2 = createRepository(counter('c_schema', 'counter/2'), 'event_sourced', s, 5);
      expect(await v2.load(id)).toEqual({ state: { total: 7, applied: 7 }, version: 7 });
    });

    it('a deleted snapshot loses nothing', async () => {
      const def = counter('c_del');
      const s = storage();
      const repo = createRepository(def, 'event_sourced', s, 3);
      const id = randomUUID();
      for (let i = 0; i < 7; i++) await handleCommand(def, repo, id, add(2), meta(), { conflictRetries: 0 });
      await s.snapshotStore.delete({ aggregateType: 'c_del', aggregateId: id });
      expect(await repo.load(id)).toEqual({ state: { total: 14, applied: 7 }, version: 7 });
    });

    it('hybrid: the state is written with the events and read back without replay', async () => {
      const def = counter('c_hybrid');
      const s = storage();
      const repo = createRepository(def, 'hybrid', s, 0);
      const id = randomUUID();
      await handleCommand(def, repo, id, add(4), meta(), { conflictRetries: 0 });
      expect(await s.stateStore.load({ aggregateType: 'c_hybrid', aggregateId: id })).toEqual({ state: { total: 4, applied: 1 }, version: 1, schema: def.snapshotVersion });
      expect(await s.eventStore.lastVersion({ aggregateType: 'c_hybrid', aggregateId: id })).toBe(1);
    });

    it.each([
      ['another shape (written before a snapshotVersion bump)', 'counter/0'],
      ['no shape at all (written before states carried one)', undefined],
    ])('hybrid: a stored state of %s is rebuilt from the events, then stored in the current shape', async (_case, stateSchema) => {
      const def = counter('c_hybrid');
      const s = storage();
      const repo = createRepository(def, 'hybrid', s, 0);
      const id = randomUUID();
      const ref = { aggregateType: 'c_hybrid', aggregateId: id };
      const added = (amount: number) => ({ eventId: randomUUID(), type: 'Added', data: { amount }, schemaVersion: 1, metadata: { correlationId: 'c', causationId: 'c', timestamp: meta().timestamp }, createdAt: meta().timestamp });
      // The events say 5; the stale state in its old shape says something else.
      await s.eventStore.append(ref, [added(2), added(3)], { expectedVersion: 'no_stream', state: { sum: 999 }, ...(stateSchema ? { stateSchema } : {}) });
      expect(await repo.load(id)).toEqual({ state: { total: 5, applied: 2 }, version: 2 });
      await handleCommand(def, repo, id, add(1), meta(), { conflictRetries: 0 });
      expect(await s.stateStore.load(ref)).toEqual({ state: { total: 6, applied: 3 }, version: 3, schema: def.snapshotVersion });
    });

    it('state_based: events still reach the partition log', async () => {
      const def = counter('c_state');
      const s = storage();
      const repo = createRepository(def, 'state_based', s, 0);
      const id = randomUUID();
      const handled = await handleCommand(def, repo, id, add(3), meta(), { conflictRetries: 0 });
      const partition = partitionOf('c_state', id, s.partitionLog.partitions);
      const entries = await s.partitionLog.read(partition, '0', 100);
      expect(entries.map((e) => [e.event.aggregateId, e.event.aggregateVersion, e.position])).toContainEqual([id, 1, handled.positions[0]]);
    });
  });
}
