/**
 * What the storage contract suites need from an implementation: fresh stores in an isolated
 * namespace, hooks that break or corrupt storage behind the stores' backs — each backend in its
 * own vocabulary (Redis keys, in-memory maps), addressed by stream ref — and a way to let time
 * pass. One fixture per backend (in-memory, single Redis, Redis Cluster); the suites are shared.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { ContentStore, EventStore, IdempotencyStore, PartitionLog, SnapshotStore, StateStore, StreamRef } from '../../src/core/ports.js';
import { MemoryContentStore } from '../../src/infrastructure/memory/contentStore.js';
import { RedisContentStore } from '../../src/infrastructure/redis/contentStore.js';
import { MemoryDatabase, type WriteTarget } from '../../src/infrastructure/memory/database.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/eventStore.js';
import { MemoryIdempotencyStore } from '../../src/infrastructure/memory/idempotencyStore.js';
import { MemoryPartitionLog } from '../../src/infrastructure/memory/partitionLog.js';
import { MemorySnapshotStore } from '../../src/infrastructure/memory/snapshotStore.js';
import { MemoryStateStore } from '../../src/infrastructure/memory/stateStore.js';
import { RedisEventStore } from '../../src/infrastructure/redis/eventStore.js';
import { RedisIdempotencyStore } from '../../src/infrastructure/redis/idempotencyStore.js';
import { type Keys, createKeys } from '../../src/infrastructure/redis/keys.js';
import { RedisPartitionLog } from '../../src/infrastructure/redis/partitionLog.js';
import { RedisSnapshotStore } from '../../src/infrastructure/redis/snapshotStore.js';
import { RedisStateStore } from '../../src/infrastructure/redis/stateStore.js';
import type { CompressionOptions } from '../../src/infrastructure/serialization/compression.js';
import { type Serializer, jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { type Upcasters, createUpcasters } from '../../src/infrastructure/serialization/upcasters.js';

export interface StorageOptions {
  readonly partitions: number;
  readonly eventSerializer: Serializer;
  readonly snapshotSerializer: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters: Upcasters;
}

/** Every storage port over one backend and one namespace. */
export interface Storage {
  /** The partition an aggregate's events go to (core/partition.ts on every backend). */
  partitionOf(ref: StreamRef): number;
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  readonly stateStore: StateStore;
  readonly partitionLog: PartitionLog;
  readonly idempotencyStore: IdempotencyStore;
  readonly contentStore: ContentStore;
}

/** Redis-only tests reach the keys behind the stores (trimming, slots). */
export interface RedisStorage extends Storage {
  readonly keys: Keys;
}

/** The parts of an aggregate's storage one atomic append or save writes. */
export type StoragePart = 'stream' | 'partitionLog' | 'state' | 'snapshot';

export interface BrokenPart {
  /** What a write touching the broken part fails with. */
  readonly error: RegExp;
  /** Whatever breaks the part is still there as planted: the failed write did not replace it. */
  intact(): Promise<boolean>;
}

export interface StorageFixture<S extends Storage = Storage> {
  readonly backend: 'memory' | 'redis' | 'cluster';
  /** Stores over a fresh namespace, so every test has its own partition logs; the hooks below act on the latest. */
  storage(options?: Partial<StorageOptions>): S;
  /**
   * Makes every later write to one part of `ref`'s storage fail: on Redis a key of the wrong type
   * planted where the part lives (WRONGTYPE), in memory a fault injected into the database. The
   * all-or-nothing tests then check that nothing else of the write happened.
   */
  breakWrites(ref: StreamRef, part: StoragePart): Promise<BrokenPart>;
  /** Rewrites one stored field (serialization/records.ts FIELD) of event `version` of `ref`, behind the store's back. */
  tamper(ref: StreamRef, version: number, field: string, value: string): Promise<void>;
  /** Overwrites a stored content-addressed value (ContentStore) behind the store's back. */
  tamperContent(kind: string, id: string, json: string): Promise<void>;
  /** Lets `ms` pass for TTLs (a fake clock in memory, a real wait on Redis). */
  elapse(ms: number): Promise<void>;
}

export type FixtureFactory = () => StorageFixture;

export const newId = (): string => randomUUID();

const resolve = (options: Partial<StorageOptions>) => {
  const o = { partitions: 4, eventSerializer: jsonSerializer, snapshotSerializer: jsonSerializer, upcasters: createUpcasters(), ...options };
  return { partitions: o.partitions, serializer: o.eventSerializer, stateSerializer: o.snapshotSerializer, compression: o.compression, upcasters: o.upcasters };
};

const memoryStorage = (database: MemoryDatabase, options: Partial<StorageOptions>): Storage => {
  const c = { database, ...resolve(options) };
  return {
    partitionOf: (ref) => database.partitionOf(ref),
    eventStore: new MemoryEventStore(c),
    snapshotStore: new MemorySnapshotStore({ ...c, serializer: c.stateSerializer }),
    stateStore: new MemoryStateStore(c),
    partitionLog: new MemoryPartitionLog(c),
    idempotencyStore: new MemoryIdempotencyStore(c),
    contentStore: new MemoryContentStore(c),
  };
};

const redisStorage = (redis: Redis | Cluster, prefix: string, options: Partial<StorageOptions>): RedisStorage => {
  const { partitions, ...o } = resolve(options);
  const c = { redis, keys: createKeys(prefix, partitions), ...o };
  return {
    keys: c.keys,
    partitionOf: (ref) => c.keys.partitionOf(ref.aggregateType, ref.aggregateId),
    eventStore: new RedisEventStore(c),
    snapshotStore: new RedisSnapshotStore({ ...c, serializer: c.stateSerializer }),
    stateStore: new RedisStateStore(c),
    partitionLog: new RedisPartitionLog(c),
    idempotencyStore: new RedisIdempotencyStore(c),
    contentStore: new RedisContentStore(c),
  };
};

const sameTarget = (a: WriteTarget, b: WriteTarget): boolean =>
  a.part === b.part &&
  (a.part === 'partitionLog' || b.part === 'partitionLog'
    ? a.part === 'partitionLog' && b.part === 'partitionLog' && a.partition === b.partition
    : a.ref.aggregateType === b.ref.aggregateType && a.ref.aggregateId === b.ref.aggregateId);

export const memoryFixture = (): StorageFixture => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  let broken: WriteTarget[] = [];
  const newDatabase = (partitions: number): MemoryDatabase =>
    new MemoryDatabase({
      partitions,
      now: () => now,
      beforeWrite: (target) => {
        if (broken.some((b) => sameTarget(b, target))) throw new Error(`injected fault: writes to the ${target.part} are refused`);
      },
    });
  let database = newDatabase(4);
  return {
    backend: 'memory',
    storage(options = {}) {
      broken = [];
      database = newDatabase(options.partitions ?? 4);
      return memoryStorage(database, options);
    },
    async breakWrites(ref, part) {
      const target: WriteTarget = part === 'partitionLog' ? { part, partition: database.partitionOf(ref) } : { part, ref };
      broken.push(target);
      return { error: /injected fault/, intact: async () => broken.includes(target) };
    },
    async tamper(ref, version, field, value) {
      const stream = database.streams.get(ref);
      const event = stream?.[version - 1];
      if (!stream || !event) throw new Error(`no event ${version} in ${ref.aggregateType}:${ref.aggregateId}`);
      stream[version - 1] = { ...event, [field]: Buffer.from(value) };
    },
    async tamperContent(kind, id, json) {
      const byId = database.contents.get(kind);
      if (!byId?.has(id)) throw new Error(`no ${kind} ${id}`);
      byId.set(id, json);
    },
    async elapse(ms) {
      now += ms;
    },
  };
};

export const redisFixture = (backend: 'redis' | 'cluster', client: () => Redis | Cluster, basePrefix: () => string): StorageFixture<RedisStorage> => {
  let current: RedisStorage | null = null;
  const keys = (): Keys => {
    if (!current) throw new Error('create the storage first');
    return current.keys;
  };
  const keyOf = (ref: StreamRef, part: StoragePart): string => {
    const k = keys();
    if (part === 'partitionLog') return k.partitionLog(k.partitionOf(ref.aggregateType, ref.aggregateId));
    return part === 'stream' ? k.stream(ref) : part === 'state' ? k.state(ref) : k.snapshot(ref);
  };
  return {
    backend,
    storage: (options = {}) => (current = redisStorage(client(), `${basePrefix()}${randomUUID().slice(0, 8)}:`, options)),
    async breakWrites(ref, part) {
      const key = keyOf(ref, part);
      await client().set(key, 'not what the store expects');
      return { error: /WRONGTYPE/, intact: async () => (await client().type(key)) === 'string' && (await client().get(key)) === 'not what the store expects' };
    },
    async tamper(ref, version, field, value) {
      // Stream entries cannot be edited in place: rebuild the stream with one field changed.
      const redis = client();
      const streamKey = keys().stream(ref);
      const entries = await redis.xrangeBuffer(streamKey, '-', '+');
      await redis.del(streamKey);
      for (const [id, flat] of entries) {
        const fields = flat.map((part, i) => (i % 2 === 1 && flat[i - 1]!.toString() === field && id.toString() === `0-${version}` ? Buffer.from(value) : part));
        await redis.xadd(streamKey, id, ...fields);
      }
    },
    async tamperContent(kind, id, json) {
      if ((await client().set(keys().content(kind, id), json, 'XX')) !== 'OK') throw new Error(`no ${kind} ${id}`);
    },
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
};
