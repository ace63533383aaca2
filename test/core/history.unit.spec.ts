/**
 * Time travel, the rebuild logic: pure folds and checks, then the history reader on the in-memory
 * twin (snapshots used when they lie before the point, holes refused, bounds named).
 */
import { describe, expect, it } from 'vitest';
import { changedFields, checkPoint, createHistory, foldEvents, historyOf, usableSnapshot } from '../../src/core/commands/history.js';
import { NotFoundError, RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import type { EventEnvelope } from '../../src/core/messages.js';
import { createMemoryStorage } from '../../src/infrastructure/storage.js';
import { counter } from './counter.js';

const def = counter();
const added = (version: number, amount: number, at = `2026-01-01T00:00:${String(version).padStart(2, '0')}.000Z`): EventEnvelope => ({
  eventId: `e${version}`,
  eventType: 'Added',
  schemaVersion: 1,
  aggregateType: 'counter',
  aggregateId: 'c',
  aggregateVersion: version,
  data: { amount },
  metadata: { correlationId: 'x', causationId: 'y', timestamp: at },
  createdAt: at,
  checksum: '',
});
const initial = { state: def.decider.initialState(), version: 0 };

describe('foldEvents', () => {
  it('folds through the decider evolve, up to where `stop` says', () => {
    const events = [added(1, 2), added(2, 3), added(3, 4)];
    expect(foldEvents(def, 'c', initial, events)).toEqual({ state: { total: 9, applied: 3 }, version: 3 });
    expect(foldEvents(def, 'c', initial, events, (e) => e.aggregateVersion > 2)).toEqual({ state: { total: 5, applied: 2 }, version: 2 });
  });

  it('refuses a hole (events compacted away) instead of inventing a state', () => {
    expect(() => foldEvents(def, 'c', initial, [added(1, 1), added(3, 1)])).toThrow(RuleBrokenError);
    expect(() => foldEvents(def, 'c', initial, [added(2, 1)])).toThrow(/events 1\.\.1/);
  });
});

describe('historyOf', () => {
  it('pairs each event with the state after it and what it changed', () => {
    const entries = historyOf(def, 'c', initial, [added(1, 2), added(2, 0)]);
    expect(entries.map((e) => [e.event.aggregateVersion, e.state, e.changed])).toEqual([
      [1, { total: 2, applied: 1 }, ['applied', 'total']],
      [2, { total: 2, applied: 2 }, ['applied']],
    ]);
  });
});

describe('changedFields', () => {
  it('compares top-level fields by value', () => {
    expect(changedFields({ a: 1, b: [1], c: 'x' }, { a: 1, b: [1, 2], d: true })).toEqual(['b', 'c', 'd']);
    expect(changedFields({ status: 'None' }, null)).toEqual(['status']);
  });
});

describe('usableSnapshot', () => {
  const snapshot = { version: 10, schema: 'counter/1', state: { total: 10, applied: 10 }, takenAt: '2026-01-01T00:00:10.000Z' };
  it('only with the same shape and at or before the point', () => {
    expect(usableSnapshot(snapshot, 'counter/1', { version: 12 })).toEqual({ state: snapshot.state, version: 10 });
    expect(usableSnapshot(snapshot, 'counter/1', { version: 10 })).toEqual({ state: snapshot.state, version: 10 });
    expect(usableSnapshot(snapshot, 'counter/1', { version: 9 })).toBeNull();
    expect(usableSnapshot(snapshot, 'counter/2', { version: 12 })).toBeNull();
    expect(usableSnapshot(snapshot, 'counter/1', { at: '2026-01-01T00:00:09.999Z' })).toBeNull();
    expect(usableSnapshot(snapshot, 'counter/1', { at: '2026-01-01T00:00:10.000Z' })).not.toBeNull();
    expect(usableSnapshot(null, 'counter/1', { version: 12 })).toBeNull();
  });
});

describe('checkPoint', () => {
  it('names the latest version when asked beyond it', () => {
    expect(() => checkPoint({ version: 8 }, 7, 'counter c')).toThrow('Version 8 is beyond the stream: the latest version of counter c is 7');
    expect(() => checkPoint({ version: 0 }, 7, 'counter c')).toThrow(ValidationError);
    expect(() => checkPoint({ version: 2, at: '2026-01-01T00:00:00Z' }, 7, 'counter c')).toThrow(ValidationError);
    expect(() => checkPoint({ at: 'yesterday' }, 7, 'counter c')).toThrow(ValidationError);
    expect(checkPoint({}, 7, 'counter c')).toEqual({ version: 7 });
    expect(checkPoint({ at: '2026-01-01T01:00:00+01:00' }, 7, 'counter c')).toEqual({ at: '2026-01-01T00:00:00.000Z' });
  });
});

describe('the history reader on the in-memory twin', () => {
  const setup = async (events: number, snapshotEvery: number) => {
    const storage = createMemoryStorage({ prefix: 'h:', partitions: 2 });
    const ref = { aggregateType: 'counter', aggregateId: 'c' };
    const newEvents = Array.from({ length: events }, (_, i) => ({
      eventId: `e${i + 1}`,
      type: 'Added',
      data: { amount: i + 1 },
      schemaVersion: 1,
      metadata: { correlationId: 'x', causationId: 'y', timestamp: `2026-01-01T00:00:${String(i + 1).padStart(2, '0')}.000Z` },
      createdAt: `2026-01-01T00:00:${String(i + 1).padStart(2, '0')}.000Z`,
    }));
    await storage.eventStore.append(ref, newEvents, { expectedVersion: 'no_stream' });
    const history = createHistory(storage, () => [def], () => ({ storage: 'event_sourced', snapshotEvery }));
    return { storage, ref, history };
  };
  const sum = (n: number) => (n * (n + 1)) / 2;

  it('rebuilds the state at a version and at an instant', async () => {
    const { history } = await setup(6, 0);
    expect(await history.at(def, 'c', { version: 4 })).toEqual({ state: { total: sum(4), applied: 4 }, version: 4, latestVersion: 6 });
    expect(await history.at(def, 'c', { at: '2026-01-01T00:00:02.500Z' })).toMatchObject({ state: { total: sum(2) }, version: 2 });
    expect(await history.at(def, 'c', {})).toMatchObject({ version: 6, state: { total: sum(6) } });
    // Before the first event the aggregate did not exist yet.
    expect(await history.at(def, 'c', { at: '2025-12-31T23:59:59.000Z' })).toBeNull();
  });

  it('starts from a snapshot before the point (trusting it), and ignores one after it', async () => {
    const { storage, ref, history } = await setup(6, 3);
    // A marked snapshot at version 3: a rebuild that used it carries the mark.
    await storage.snapshotStore.save(ref, { version: 3, schema: 'counter/1', state: { total: 1000, applied: 3 }, takenAt: '2026-01-01T00:00:03.000Z' });
    expect(await history.at(def, 'c', { version: 5 })).toMatchObject({ state: { total: 1000 + 4 + 5 } });
    expect(await history.at(def, 'c', { version: 3 })).toMatchObject({ state: { total: 1000 } });
    expect(await history.at(def, 'c', { version: 2 })).toMatchObject({ state: { total: sum(2) } });
    expect(await history.at(def, 'c', { at: '2026-01-01T00:00:02.000Z' })).toMatchObject({ state: { total: sum(2) } });
  });

  it('pages the history with the state after each event', async () => {
    const { history } = await setup(5, 0);
    const first = await history.page(def, 'c', 0, 2);
    expect(first.entries.map((e) => [e.event.aggregateVersion, e.state.total])).toEqual([[1, 1], [2, 3]]);
    expect(first).toMatchObject({ latestVersion: 5, hasNextPage: true });
    const last = await history.page(def, 'c', 4, 2);
    expect(last.entries.map((e) => [e.event.aggregateVersion, e.state.total])).toEqual([[5, 15]]);
    expect(last.hasNextPage).toBe(false);
    await expect(history.page(def, 'c', 6, 2)).rejects.toBeInstanceOf(ValidationError);
  });

  it('unknown ids, versions beyond the stream and types without a stream are typed errors', async () => {
    const { history } = await setup(2, 0);
    await expect(history.at(def, 'nobody', { version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(history.at(def, 'c', { version: 3 })).rejects.toThrow('the latest version of counter c is 2');
    expect(() => history.definition('nope')).toThrow(ValidationError);
    expect(history.definition('counter')).toBe(def);
  });
});
