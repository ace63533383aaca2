import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Dispatcher } from '../../src/core/commands/dispatcher.js';
import { NotFoundError, ValidationError } from '../../src/core/errors.js';
import type { ProjectionControl, ProjectionStatus } from '../../src/core/projections/ports.js';
import { createRepository } from '../../src/core/commands/repository.js';
import { createRedisDataKeyStore } from '../../src/infrastructure/redis/dataKeyStore.js';
import { createRedisMaintenanceStore } from '../../src/infrastructure/redis/maintenanceStore.js';
import { createVault, masterKeyId } from '../../src/infrastructure/shared/vault.js';
import { createEventCodec, createStateCodec } from '../../src/infrastructure/serialization/records.js';
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { createRedisStorage } from '../../src/infrastructure/storage.js';
import { readArchivedEnvelopes } from '../../src/ops/archive.js';
import { createMaintenance, restoreFromArchive, snapshotTarget, type MaintenanceDeps } from '../../src/ops/maintenance.js';
import { main } from '../../src/restoreArchive.js';
import { counter } from '../core/counter.js';
import { useTestRedis } from '../support/testRedis.js';

const test = useTestRedis();
const OLD_MASTER = 'the-master-key-before-rotation-32-chars-long';
const NEW_MASTER = 'the-master-key-after-rotation-32-chars-long!';
const def = counter();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const fakeProjections = (): ProjectionControl => ({
  names: () => ['game', 'ops'],
  status: async () => [{ name: 'game', deadLetters: 5 } as ProjectionStatus],
  reset: vi.fn(async () => {}),
  rebuild: vi.fn(async () => {}),
  retryDeadLetters: vi.fn(async () => 3),
  skipDeadLetters: vi.fn(async () => 2),
  deadLetters: vi.fn(async () => []),
});

let n = 0;
const setup = async (overrides: Partial<MaintenanceDeps> = {}) => {
  const redis = test.redis;
  const prefix = `${test.prefix}${++n}:`;
  const storage = createRedisStorage(redis, { prefix, partitions: 2 });
  // Snapshots only when a task takes them: the test decides what they cover.
  const dispatcher = new Dispatcher({ conflictRetries: 0, repositoryFor: (d) => createRepository(d, 'event_sourced', storage, 1000) });
  const store = createRedisMaintenanceStore(redis, storage.keys, {
    events: createEventCodec({ serializer: jsonSerializer, upcasters: storage.upcasters }),
    stored: createEventCodec({ serializer: jsonSerializer }),
    states: createStateCodec(jsonSerializer),
  });
  const archiveDir = await mkdtemp(join(tmpdir(), 'da-archive-'));
  dirs.push(archiveDir);
  const deps: MaintenanceDeps = {
    store,
    snapshotStore: storage.snapshotStore,
    aggregates: [snapshotTarget(dispatcher, def)],
    aggregateConfig: (type) => (type === 'counter' ? { storage: 'event_sourced', snapshotEvery: 1000 } : type === 'session' ? { storage: 'state_based', snapshotEvery: 0 } : null),
    partitions: 2,
    projections: fakeProjections(),
    compaction: { archiveDir, keepEventsBeforeSnapshot: 0 },
    retention: { partitionLogMaxAgeHours: 1 },
    legacyPersonalData: [],
    rotateDataKeys: () => createVault({ keys: createRedisDataKeyStore(redis, storage.keys), masterKey: NEW_MASTER, previousMasterKeys: [OLD_MASTER] }).rewrapAll(),
    ...overrides,
  };
  const add = async (id: string, times: number) => {
    for (let i = 0; i < times; i++) await dispatcher.executeOn(def, id, { type: 'Add', data: { amount: 1 } }, dispatcher.metadata({ userId: 'u1' }));
  };
  /** A consumer group that reads and acknowledges `count` entries of every partition log (all by default). */
  const consume = async (group: string, count = 1_000_000, ack = true) => {
    for (const key of storage.keys.partitionLogs()) {
      await redis.xgroup('CREATE', key, group, '0', 'MKSTREAM').catch(() => undefined);
      const reply = (await redis.xreadgroup('GROUP', group, 'c1', 'COUNT', count, 'STREAMS', key, '>')) as Array<[string, Array<[string, string[]]>]> | null;
      const ids = reply?.[0]?.[1].map(([id]) => id) ?? [];
      if (ack && ids.length > 0) await redis.xack(key, group, ...ids);
    }
  };
  const ref = (id: string) => ({ aggregateType: 'counter', aggregateId: id });
  return { redis, storage, dispatcher, store, deps, maintenance: createMaintenance(deps), archiveDir, add, consume, ref, prefix };
};

describe('COMPACT_EVENTS', () => {
  it('archives what the snapshot covers, trims it, and a restore gives back identical events', async () => {
    const { storage, store, maintenance, add, consume, ref, dispatcher, archiveDir } = await setup();
    await add('a', 10);
    await add('b', 3);
    await add('c', 1);
    await consume('proj:g1');
    const snapshots = await maintenance.perform('SNAPSHOT_AGGREGATES', 'counter');
    expect(snapshots).toEqual({ aggregateTypes: { counter: { aggregates: 3, snapshotsTaken: 3, upToDate: 0 } } });
    expect(await maintenance.perform('SNAPSHOT_AGGREGATES', null)).toEqual({ aggregateTypes: { counter: { aggregates: 3, snapshotsTaken: 0, upToDate: 3 } } });
    await add('a', 2);
    await consume('proj:g1');

    const before = { a: await storage.eventStore.read(ref('a')), b: await storage.eventStore.read(ref('b')), c: await storage.eventStore.read(ref('c')) };
    const rawBefore = await store.readRaw(ref('a'), 1, 12);

    const result = await maintenance.perform('COMPACT_EVENTS', 'counter');
    expect(result).toMatchObject({ aggregateType: 'counter', aggregates: 3, compacted: 2, eventsArchived: 12, eventsRemoved: 12, noSnapshot: 0, upToDate: 1, waitingForConsumers: 0, archiveDir });
    expect(await storage.eventStore.read(ref('a'))).toEqual(before.a.slice(10)); // the last two stay
    expect(await storage.eventStore.read(ref('b'))).toEqual(before.b.slice(2)); // never the last event
    expect(await storage.eventStore.read(ref('c'))).toEqual(before.c);
    // Loads still work (snapshot + later events), and so do appends with the next version.
    expect((await dispatcher.load(def, 'a')).state).toEqual({ total: 12, applied: 12 });
    await add('a', 1);
    expect(await storage.eventStore.lastVersion(ref('a'))).toBe(13);

    const archives = [...(result as { archives: string[] }).archives].sort(); // SCAN order is arbitrary
    expect(archives.map((p) => p.slice(archiveDir.length))).toEqual(['/counter/a.1-10.jsonl.gz', '/counter/b.1-2.jsonl.gz']);
    expect(await readArchivedEnvelopes(archives[0]!)).toEqual(before.a.slice(0, 10));

    for (const path of archives) await restoreFromArchive(store, path);
    expect(await storage.eventStore.read(ref('a'))).toEqual([...before.a, ...(await storage.eventStore.read(ref('a'), { fromVersion: 13 }))]);
    expect((await storage.eventStore.read(ref('a'))).map((e) => e.aggregateVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(await storage.eventStore.read(ref('b'))).toEqual(before.b);
    // Byte for byte, not just equal once decoded.
    expect(await store.readRaw(ref('a'), 1, 12)).toEqual(rawBefore);
    // Restoring again is harmless.
    expect(await restoreFromArchive(store, archives[0]!)).toMatchObject({ restored: 0, alreadyPresent: 10 });
  });

  it('waits for every consumer group before trimming what they still have to read', async () => {
    const { maintenance, add, consume, storage, ref } = await setup();
    await add('a', 5);
    await consume('proj:g1');
    await consume('slow:g1', 2, false); // delivered, never acknowledged
    await maintenance.perform('SNAPSHOT_AGGREGATES', 'counter');
    expect(await maintenance.perform('COMPACT_EVENTS', 'counter')).toMatchObject({ compacted: 0, waitingForConsumers: 1 });
    expect(await storage.eventStore.read(ref('a'))).toHaveLength(5);

    // The slow group acknowledges its two: versions 1–2 may go, not more.
    for (const key of storage.keys.partitionLogs()) {
      const pending = (await test.redis.xpending(key, 'slow:g1', '-', '+', 10)) as Array<[string]>;
      if (pending.length) await test.redis.xack(key, 'slow:g1', ...pending.map(([id]) => id));
    }
    expect(await maintenance.perform('COMPACT_EVENTS', 'counter')).toMatchObject({ compacted: 1, eventsArchived: 2 });
    expect((await storage.eventStore.read(ref('a'))).map((e) => e.aggregateVersion)).toEqual([3, 4, 5]);
  });

  it('keeps compaction.keepEventsBeforeSnapshot events before the snapshot', async () => {
    const { deps, add, consume, storage, ref } = await setup();
    const maintenance = createMaintenance({ ...deps, compaction: { ...deps.compaction, keepEventsBeforeSnapshot: 3 } });
    await add('a', 8);
    await consume('proj:g1');
    await maintenance.perform('SNAPSHOT_AGGREGATES', 'counter');
    expect(await maintenance.perform('COMPACT_EVENTS', 'counter')).toMatchObject({ eventsArchived: 5 });
    expect((await storage.eventStore.read(ref('a'))).map((e) => e.aggregateVersion)).toEqual([6, 7, 8]);
  });

  it('skips aggregates without a usable snapshot and refuses types that load without snapshots', async () => {
    const { maintenance, add, consume, deps } = await setup();
    await add('a', 4);
    await consume('proj:g1');
    expect(await maintenance.perform('COMPACT_EVENTS', 'counter')).toMatchObject({ compacted: 0, noSnapshot: 1 });
    await expect(maintenance.perform('COMPACT_EVENTS', 'nope')).rejects.toBeInstanceOf(ValidationError);
    const noSnapshots = createMaintenance({ ...deps, aggregateConfig: () => ({ storage: 'event_sourced', snapshotEvery: 0 }) });
    await expect(noSnapshots.perform('COMPACT_EVENTS', 'counter')).rejects.toMatchObject({ code: 'SNAPSHOTS_DISABLED' });
    const memory = createMaintenance({ ...deps, store: null });
    await expect(memory.perform('TRIM_PARTITION_LOGS', null)).rejects.toMatchObject({ code: 'NOT_SUPPORTED_IN_MEMORY_MODE' });
  });
});

describe('the archive:restore command', () => {
  it('restores archives with the deployment configuration and reports each file', async () => {
    const { maintenance, add, consume, storage, ref, prefix } = await setup();
    await add('a', 4);
    await consume('proj:g1');
    await maintenance.perform('SNAPSHOT_AGGREGATES', 'counter');
    const before = await storage.eventStore.read(ref('a'));
    const { archives } = (await maintenance.perform('COMPACT_EVENTS', 'counter')) as { archives: string[] };
    const config = loadConfig({ env: {}, overrides: { 'redis.url': inject('redisUrl'), 'redis.keyPrefix': prefix, 'eventStore.partitions': 2 } });
    const lines: string[] = [];
    expect(await main([archives[0]!, '/nonexistent.jsonl.gz'], (l) => lines.push(l), config)).toBe(1);
    expect(lines[0]).toMatch(/counter:a — restored 3 event\(s\), 0 already present/);
    expect(lines[1]).toMatch(/FAILED/);
    expect(await storage.eventStore.read(ref('a'))).toEqual(before);
    expect(await main([], () => undefined, config)).toBe(2);
  });
});

describe('partition-log trimming', () => {
  const lengths = async (keys: string[]) => Promise.all(keys.map((k) => test.redis.xlen(k)));

  it('TRIM_PARTITION_LOGS archives and trims below every group’s acknowledged position, never the head', async () => {
    const { maintenance, add, consume, storage, archiveDir } = await setup();
    await add('a', 6);
    await add('b', 6);
    const keys = storage.keys.partitionLogs();
    expect(await maintenance.perform('TRIM_PARTITION_LOGS', null)).toMatchObject({ removed: 0 }); // no consumer groups yet
    await consume('fast:g1');
    await consume('slow:g1', 2);
    const before = await lengths(keys);
    const result = (await maintenance.perform('TRIM_PARTITION_LOGS', null)) as { removed: number; archives: string[] };
    // The slow group acknowledged 2 entries per partition: those go, except a log's head.
    expect(result.removed).toBe(before.reduce((sum, l) => sum + Math.max(0, Math.min(2, l - 1)), 0));
    expect(result.removed).toBeGreaterThan(0);
    expect((await lengths(keys)).reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0) - result.removed);
    expect(result.archives.every((p) => p.startsWith(join(archiveDir, 'partitions')))).toBe(true);

    await consume('slow:g1');
    await maintenance.perform('TRIM_PARTITION_LOGS', null);
    // Everything acknowledged: only each non-empty log's head remains.
    expect(await lengths(keys)).toEqual(keys.map(() => 1));
    // The aggregate streams are untouched: the log only referenced them.
    expect(await storage.eventStore.read({ aggregateType: 'counter', aggregateId: 'a' })).toHaveLength(6);
    const files = await readdir(join(archiveDir, 'partitions'));
    expect(files.length).toBeGreaterThan(0);
  });

  it('archives inline (state-based) events before trimming them', async () => {
    const { maintenance, consume, storage, archiveDir } = await setup();
    const newEvent = (i: number) => ({
      eventId: `e${i}`,
      type: 'SessionTouched',
      data: { i },
      schemaVersion: 1,
      metadata: { correlationId: 'c', causationId: 'c', timestamp: '2026-11-24T12:00:00Z' },
      createdAt: '2026-11-24T12:00:00Z',
    });
    await storage.stateStore.save({ aggregateType: 'session', aggregateId: 's1' }, { n: 1 }, { expectedVersion: 'no_stream', events: [newEvent(1)] });
    await storage.stateStore.save({ aggregateType: 'session', aggregateId: 's1' }, { n: 2 }, { expectedVersion: 1, events: [newEvent(2)] });
    await consume('proj:g1');
    const result = (await maintenance.perform('TRIM_PARTITION_LOGS', null)) as { removed: number; archives: string[] };
    expect(result.removed).toBe(1);
    const { gunzipSync } = await import('node:zlib');
    const { readFile } = await import('node:fs/promises');
    const lines = gunzipSync(await readFile(result.archives[0]!)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: { eventId: string; data: unknown } });
    expect(lines.map((l) => [l.event.eventId, l.event.data])).toEqual([['e1', { i: 1 }]]);
    expect(result.archives[0]!.startsWith(archiveDir)).toBe(true);
  });

  it('APPLY_RETENTION trims only entries older than the retention age', async () => {
    const { deps, maintenance, add, consume, storage } = await setup();
    await add('a', 4);
    await consume('proj:g1');
    const keys = storage.keys.partitionLogs();
    const before = await lengths(keys);
    expect(await maintenance.perform('APPLY_RETENTION', null)).toMatchObject({ removed: 0 }); // all younger than an hour
    const later = createMaintenance({ ...deps, now: () => Date.now() + 2 * 3_600_000 });
    const result = (await later.perform('APPLY_RETENTION', null)) as { removed: number; cutoff: string };
    expect(result.removed).toBe(before.reduce((a, b) => a + b, 0) - before.filter((l) => l > 0).length);
    expect(Date.parse(result.cutoff)).toBeGreaterThan(Date.now());
  });
});

describe('ROTATE_DATA_KEYS', () => {
  it('rewraps every data key in Redis with the current master key; sealed values stay readable without the old key', async () => {
    const { redis, storage, maintenance } = await setup();
    const keys = createRedisDataKeyStore(redis, storage.keys);
    const before = createVault({ keys, masterKey: OLD_MASTER });
    const subjects = Array.from({ length: 25 }, (_, i) => `user-${i}`);
    const sealed = await Promise.all(subjects.map((s) => before.seal(s, `${s}@example.com`)));
    await before.forget('user-0');
    const index = await before.blindIndex('email', 'user-1@example.com');

    const report = await maintenance.perform('ROTATE_DATA_KEYS', null);
    // 24 live keys and the blind-index key rewrapped, the tombstone left as it is.
    expect(report).toEqual({ masterKeyId: masterKeyId(NEW_MASTER), scanned: 26, rewrapped: 25, alreadyCurrent: 0, forgotten: 1, failed: [], complete: true });
    const stored = await Promise.all([...subjects.slice(1), '#blind-index'].map((s) => redis.get(storage.keys.dataKey(s))));
    for (const value of stored) expect(value).toMatch(new RegExp(`^w1:${masterKeyId(NEW_MASTER)}:`));
    expect(await redis.get(storage.keys.dataKey('user-0'))).toMatch(/^forgotten:/);

    const after = createVault({ keys, masterKey: NEW_MASTER }); // the previous key dropped from configuration
    expect(await after.open(sealed[0]!)).toBeNull();
    expect(await Promise.all(sealed.slice(1).map((v) => after.open(v)))).toEqual(subjects.slice(1).map((s) => `${s}@example.com`));
    expect(await after.blindIndex('email', 'user-1@example.com')).toBe(index);
    expect(await maintenance.perform('ROTATE_DATA_KEYS', null)).toMatchObject({ rewrapped: 0, alreadyCurrent: 25, forgotten: 1 });
  });

  it('names the keys no configured master key opens, and still rewraps the others', async () => {
    const { redis, storage, maintenance } = await setup();
    const keys = createRedisDataKeyStore(redis, storage.keys);
    await createVault({ keys, masterKey: OLD_MASTER }).seal('known', 'a');
    await createVault({ keys, masterKey: 'a-master-key-nobody-configured-anymore-32+' }).seal('stranger', 'b');
    expect(await maintenance.perform('ROTATE_DATA_KEYS', null)).toMatchObject({ scanned: 2, rewrapped: 1, failed: ['stranger'], complete: false });
  });
});

describe('projection tasks', () => {
  it('delegate to the projection manager and report its state', async () => {
    const { deps } = await setup();
    const projections = fakeProjections();
    const maintenance = createMaintenance({ ...deps, projections });
    expect(await maintenance.perform('REBUILD_PROJECTION', 'game')).toMatchObject({ projection: 'game', deadLetters: 5 });
    expect(projections.rebuild).toHaveBeenCalledWith('game');
    await maintenance.perform('RESET_PROJECTION', 'ops');
    expect(projections.reset).toHaveBeenCalledWith('ops');
    expect(await maintenance.perform('RETRY_DEAD_LETTERS', 'game')).toEqual({ projection: 'game', deadLettersBefore: 5, retried: 3, stillFailing: 2 });
    expect(await maintenance.perform('SKIP_DEAD_LETTERS', 'game')).toEqual({ projection: 'game', deadLettersBefore: 5, skipped: 2 });
    await expect(maintenance.perform('REBUILD_PROJECTION', 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
