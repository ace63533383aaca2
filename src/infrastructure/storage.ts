/**
 * Assembly only: every storage port over Redis, or over one shared in-memory database, built from
 * the same options. The composition root (server.ts) picks one.
 *
 * `keys` is the Redis layout; the in-memory twin never uses it, it is built for both because
 * callers (read-your-writes tokens, ops) read `keys.partitionOf`, which is core/partition.ts and
 * agrees with the in-memory database's partitions.
 */
import type { ContentStore, DurabilityCheck, EventStore, IdempotencyStore, PartitionLog, SnapshotStore, StateStore } from '../core/ports.js';
import { MemoryContentStore } from './memory/contentStore.js';
import { MemoryDatabase } from './memory/database.js';
import { MemoryEventStore } from './memory/eventStore.js';
import { MemoryIdempotencyStore } from './memory/idempotencyStore.js';
import { MemoryPartitionLog } from './memory/partitionLog.js';
import { MemorySnapshotStore } from './memory/snapshotStore.js';
import { MemoryStateStore } from './memory/stateStore.js';
import type { RedisClient } from './redis/connection.js';
import { RedisContentStore } from './redis/contentStore.js';
import type { ScriptWriter } from './redis/durableWrites.js';
import { RedisEventStore } from './redis/eventStore.js';
import { RedisIdempotencyStore } from './redis/idempotencyStore.js';
import { type Keys, createKeys } from './redis/keys.js';
import { RedisPartitionLog } from './redis/partitionLog.js';
import { RedisSnapshotStore } from './redis/snapshotStore.js';
import { RedisStateStore } from './redis/stateStore.js';
import type { CompressionOptions } from './serialization/compression.js';
import { type Serializer, jsonSerializer } from './serialization/serializer.js';
import { type Upcasters, createUpcasters } from './serialization/upcasters.js';

export interface StorageOptions {
  /** Key prefix, e.g. `da:`. */
  readonly prefix: string;
  /** Number of partition logs: part of the storage layout, never change it on a live store. */
  readonly partitions: number;
  /** Events. Default JSON. */
  readonly eventSerializer?: Serializer;
  /** States and snapshots. Default JSON. */
  readonly snapshotSerializer?: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
}

export interface RedisStorageOptions extends StorageOptions {
  /** How commits are written per durability mode (Redis only; default: acknowledged by the primary). */
  readonly writer?: ScriptWriter;
}

export interface Storage {
  readonly keys: Keys;
  readonly upcasters: Upcasters;
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  readonly stateStore: StateStore;
  readonly partitionLog: PartitionLog;
  readonly idempotencyStore: IdempotencyStore;
  readonly contentStore: ContentStore;
  /** Re-checks the durability of events committed earlier (an idempotent retry after DURABILITY_TIMEOUT). */
  readonly durability: DurabilityCheck;
}

const shared = (options: StorageOptions) => {
  const keys = createKeys(options.prefix, options.partitions);
  // One registry for every reader, so the event store and the partition log upcast alike.
  const upcasters = options.upcasters ?? createUpcasters();
  return {
    keys,
    upcasters,
    serializer: options.eventSerializer ?? jsonSerializer,
    stateSerializer: options.snapshotSerializer ?? jsonSerializer,
    compression: options.compression,
  };
};

export const createRedisStorage = (redis: RedisClient, options: RedisStorageOptions): Storage => {
  const c = shared(options);
  const writer = options.writer;
  const eventStore = new RedisEventStore({ redis, ...c, ...(writer ? { writer } : {}) });
  return {
    keys: c.keys,
    upcasters: c.upcasters,
    eventStore,
    durability: eventStore,
    snapshotStore: new RedisSnapshotStore({ redis, keys: c.keys, serializer: c.stateSerializer, compression: c.compression }),
    stateStore: new RedisStateStore({ redis, ...c, ...(writer ? { writer } : {}) }),
    partitionLog: new RedisPartitionLog({ redis, ...c }),
    idempotencyStore: new RedisIdempotencyStore({ redis, keys: c.keys }),
    contentStore: new RedisContentStore({ redis, keys: c.keys }),
  };
};

/** Nothing here is durable: for the embedded dev mode and fast tests. Pass a database to reach it (or share it). */
export const createMemoryStorage = (options: StorageOptions, database: MemoryDatabase = new MemoryDatabase({ partitions: options.partitions })): Storage => {
  if (database.partitions !== options.partitions) throw new Error(`the database has ${database.partitions} partitions, the options ${options.partitions}`);
  const { keys, ...c } = shared(options);
  return {
    keys,
    upcasters: c.upcasters,
    eventStore: new MemoryEventStore({ database, ...c }),
    snapshotStore: new MemorySnapshotStore({ database, serializer: c.stateSerializer, compression: c.compression }),
    stateStore: new MemoryStateStore({ database, ...c }),
    partitionLog: new MemoryPartitionLog({ database, ...c }),
    idempotencyStore: new MemoryIdempotencyStore({ database }),
    contentStore: new MemoryContentStore({ database }),
    // One process holds the only copy: nothing to wait for (and nothing durable either).
    durability: { confirm: async () => 'confirmed' },
  };
};
