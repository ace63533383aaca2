/**
 * What the storage contract suites need from an implementation: fresh stores in an isolated
 * namespace, raw access to plant keys of the wrong type, and a way to let time pass. One fixture
 * per backend (in-memory, single Redis, Redis Cluster); the suites are shared.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { EventStore, IdempotencyStore, PartitionLog, SnapshotStore, StateStore } from '../../src/core/ports.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/eventStore.js';
import { MemoryIdempotencyStore } from '../../src/infrastructure/memory/idempotencyStore.js';
import { MemoryKeyspace } from '../../src/infrastructure/memory/keyspace.js';
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

/** Every storage port over one backend and one key prefix. */
export interface Storage {
  readonly keys: Keys;
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  readonly stateStore: StateStore;
  readonly partitionLog: PartitionLog;
  readonly idempotencyStore: IdempotencyStore;
}

export interface StorageFixture {
  readonly backend: 'memory' | 'redis' | 'cluster';
  /** Stores over a fresh key prefix, so every test has its own partition logs. */
  storage(options?: Partial<StorageOptions>): Storage;
  readonly raw: {
    setString(key: string, value: string): Promise<void>;
    type(key: string): Promise<string>;
    streamLength(key: string): Promise<number>;
  };
  /** Rewrites one field of an aggregate-stream entry behind the store's back (Redis only). */
  readonly tamper?: (streamKey: string, version: number, field: string, value: string) => Promise<void>;
  /** Lets `ms` pass for TTLs (a fake clock in memory, a real wait on Redis). */
  elapse(ms: number): Promise<void>;
}

export type FixtureFactory = () => StorageFixture;

export const newId = (): string => randomUUID();

const resolve = (prefix: string, options: Partial<StorageOptions>) => {
  const o = { partitions: 4, eventSerializer: jsonSerializer, snapshotSerializer: jsonSerializer, upcasters: createUpcasters(), ...options };
  const keys = createKeys(prefix, o.partitions);
  return { keys, serializer: o.eventSerializer, stateSerializer: o.snapshotSerializer, compression: o.compression, upcasters: o.upcasters };
};

const memoryStorage = (keyspace: MemoryKeyspace, options: Partial<StorageOptions>): Storage => {
  const c = { keyspace, ...resolve('mem:', options) };
  return {
    keys: c.keys,
    eventStore: new MemoryEventStore(c),
    snapshotStore: new MemorySnapshotStore({ ...c, serializer: c.stateSerializer }),
    stateStore: new MemoryStateStore(c),
    partitionLog: new MemoryPartitionLog(c),
    idempotencyStore: new MemoryIdempotencyStore(c),
  };
};

const redisStorage = (redis: Redis | Cluster, prefix: string, options: Partial<StorageOptions>): Storage => {
  const c = { redis, ...resolve(prefix, options) };
  return {
    keys: c.keys,
    eventStore: new RedisEventStore(c),
    snapshotStore: new RedisSnapshotStore({ ...c, serializer: c.stateSerializer }),
    stateStore: new RedisStateStore(c),
    partitionLog: new RedisPartitionLog(c),
    idempotencyStore: new RedisIdempotencyStore(c),
  };
};

export const memoryFixture = (): StorageFixture => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  let keyspace = new MemoryKeyspace(() => now);
  return {
    backend: 'memory',
    storage(options = {}) {
      keyspace = new MemoryKeyspace(() => now);
      return memoryStorage(keyspace, options);
    },
    raw: {
      setString: async (key, value) => void keyspace.set(key, value),
      type: async (key) => keyspace.type(key),
      streamLength: async (key) => keyspace.streamEntries(key).length,
    },
    async elapse(ms) {
      now += ms;
    },
  };
};

export const redisFixture = (backend: 'redis' | 'cluster', client: () => Redis | Cluster, basePrefix: () => string): StorageFixture => ({
  backend,
  storage: (options = {}) => redisStorage(client(), `${basePrefix()}${randomUUID().slice(0, 8)}:`, options),
  raw: {
    setString: async (key, value) => void (await client().set(key, value)),
    type: (key) => client().type(key),
    streamLength: (key) => client().xlen(key),
  },
  async tamper(streamKey, version, field, value) {
    // Stream entries cannot be edited in place: rebuild the stream with one field changed.
    const redis = client();
    const entries = await redis.xrangeBuffer(streamKey, '-', '+');
    await redis.del(streamKey);
    for (const [id, flat] of entries) {
      const fields = flat.map((part, i) => (i % 2 === 1 && flat[i - 1]!.toString() === field && id.toString() === `0-${version}` ? Buffer.from(value) : part));
      await redis.xadd(streamKey, id, ...fields);
    }
  },
  elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
