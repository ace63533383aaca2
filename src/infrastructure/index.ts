/**
 * Assembly only: the adapters of one process, from configuration — Redis (standalone or Cluster)
 * or, in development without a reachable Redis, the embedded in-memory twins (said loudly): the
 * storage ports, guards and maintenance store, then the read side (read store, projection
 * runtime, live event bus).
 */
import type { Config } from '../config.js';
import type { ConcurrencySlots, DataKeyStore, EventArchive, LeaseStore, MaintenanceStore, PersonalDataVault, RateLimiter, UniquenessStore } from '../core/ports.js';
import { createVault } from './shared/vault.js';
import { createMemoryDataKeyStore } from './memory/dataKeyStore.js';
import { createRedisDataKeyStore } from './redis/dataKeyStore.js';
import type { Logger } from '../logger.js';
import { createMemoryRateLimiter, createMemoryUniquenessStore } from './memory/guards.js';
import { createMemoryLeaseStore } from './memory/leaseStore.js';
import { createMemoryConcurrencySlots } from './memory/concurrencySlots.js';
import { closeRedis, createRedis, type RedisClient } from './redis/connection.js';
import { createRedisRateLimiter, createRedisUniquenessStore } from './redis/guards.js';
import { createRedisLeaseStore } from './redis/leaseStore.js';
import { createRedisConcurrencySlots } from './redis/concurrencySlots.js';
import type { Keys } from './redis/keys.js';
import { createRedisMaintenanceStore } from './redis/maintenanceStore.js';
import { replicatedWriter, type ScriptWriter } from './redis/durableWrites.js';
import { classifyRedisFailure, outcomeUnknown } from './redis/failures.js';
import type { UnavailableError } from '../core/errors.js';
import { createEventCodec, createStateCodec } from './serialization/records.js';
import type { Upcasters } from './serialization/upcasters.js';
import { serializerFor } from './serialization/serializer.js';
import { createMemoryStorage, createRedisStorage, type Storage, type StorageOptions } from './storage.js';
import type { EventBus, ManagedReadStore, ProjectionRuntime } from '../core/projections/ports.js';
import { MemoryEventBus } from './memory/eventBus.js';
import { MemoryProjectionRuntime } from './memory/projectionRuntime.js';
import { MemoryReadStore } from './memory/readStore.js';
import { RedisEventBus } from './redis/eventBus.js';
import { createEventChannels, createReadModelKeys } from './redis/keys.js';
import { RedisProjectionRuntime } from './redis/projectionRuntime.js';
import { RedisReadStore } from './redis/readStore.js';

export interface Infrastructure extends Storage {
  readonly kind: 'redis' | 'memory';
  readonly uniqueness: UniquenessStore;
  readonly rateLimiter: RateLimiter;
  /** Leases (the active scheduler's); in memory, only this process competes. */
  readonly leases: LeaseStore;
  /** Per-owner concurrency bounds shared by every node (replays per user); in memory, this process only. */
  readonly slots: ConcurrencySlots;
  /** Wrapped personal-data keys (apart from the events they unlock). */
  readonly dataKeys: DataKeyStore;
  /** Seals and opens personal data with those keys (privacy.masterKey wraps them). */
  readonly vault: PersonalDataVault;
  /** The shared command connection (Redis only). */
  readonly redis: RedisClient | null;
  /** A new dedicated connection for blocking reads or pub/sub (Redis only); closed with the rest. */
  readonly connect: (name: string) => RedisClient | null;
  /** Operator maintenance over raw storage (compaction, restore, log trimming); Redis only. */
  readonly maintenanceStore: MaintenanceStore | null;
  readonly ping: () => Promise<boolean>;
  /** A storage failure as the typed error clients get (StorageFailureOptions.classify); null for anything else. */
  readonly classifyFailure: (error: unknown) => UnavailableError | null;
  /** Whether a write that failed so may still have been applied (an answer lost, not a refusal). */
  readonly outcomeUnknown: (error: unknown) => boolean;
  readonly close: () => Promise<void>;
}

/** The Redis maintenance store, decoding with exactly the event store's serializer, compression and upcasters. */
export const redisMaintenanceStore = (config: Config, redis: RedisClient, keys: Keys, upcasters: Upcasters): MaintenanceStore => {
  const serializer = serializerFor(config.serialization.events);
  const { compression } = config.serialization;
  return createRedisMaintenanceStore(redis, keys, {
    events: createEventCodec({ serializer, compression, upcasters }),
    stored: createEventCodec({ serializer, compression }),
    states: createStateCodec(serializerFor(config.serialization.snapshots), compression),
  });
};

/** /ready must answer fast during an outage: a ping queued while reconnecting would wait for the command timeout. */
const PING_TIMEOUT_MS = 1_000;
const pingWithin = async (redis: RedisClient, timeoutMs: number): Promise<boolean> => {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return (await Promise.race([redis.ping().catch(() => null), late])) === 'PONG';
  } finally {
    clearTimeout(timer);
  }
};

const withVault = (config: Config, dataKeys: DataKeyStore, log: Logger) => {
  // loadConfig refuses production without a master key and gives other environments a public default.
  if (!config.privacy.masterKey) throw new Error('privacy.masterKey is not configured (PRIVACY_MASTER_KEY)');
  if (config.privacy.masterKeySource === 'development' && config.server.env === 'development') {
    log.warn('PRIVACY_MASTER_KEY is not set: personal data keys are wrapped by a public development key that protects nothing (production refuses to start without one; docs/privacy.md)');
  }
  return { dataKeys, vault: createVault({ keys: dataKeys, masterKey: config.privacy.masterKey, previousMasterKeys: config.privacy.previousMasterKeys }) };
};

const redisTarget = (config: Config): string | readonly string[] | null =>
  config.redis.clusterNodes.length > 0 ? config.redis.clusterNodes : config.redis.url;

export async function createInfrastructure(config: Config, log: Logger): Promise<Infrastructure> {
  const options: StorageOptions = {
    prefix: config.redis.keyPrefix,
    partitions: config.eventStore.partitions,
    eventSerializer: serializerFor(config.serialization.events),
    snapshotSerializer: serializerFor(config.serialization.snapshots),
    compression: config.serialization.compression,
  };
  const target = redisTarget(config);
  const connectionOptions = {
    cluster: config.redis.clusterNodes.length > 0,
    connectTimeoutMs: config.redis.connectTimeoutMs,
    commandTimeoutMs: config.redis.commandTimeoutMs,
    maxRetriesPerRequest: config.redis.maxRetriesPerRequest,
    autoPipelining: config.performance.autoPipelining,
  };

  if (target) {
    const redis = createRedis(target, { ...connectionOptions, resendAfterReconnect: false, connectionName: 'da:commands' });
    redis.on('error', (error: Error) => log.warn({ err: error.message }, 'redis connection error'));
    const reachable = await redis.ping().then(
      () => true,
      () => false,
    );
    if (reachable) {
      const opened: RedisClient[] = [redis];
      const { durability, replicas, replicationTimeoutMs } = config.eventStore;
      let writer: ScriptWriter | undefined;
      if (durability === 'replicated') {
        // WAIT blocks its connection: commits get their own, so reads never queue behind a replica.
        const commits = createRedis(target, { ...connectionOptions, resendAfterReconnect: false, autoPipelining: false, connectionName: 'da:commits' });
        commits.on('error', (error: Error) => log.warn({ err: error.message, connection: 'commits' }, 'redis connection error'));
        opened.push(commits);
        writer = replicatedWriter(commits, { replicas, timeoutMs: replicationTimeoutMs });
      }
      const storage = createRedisStorage(redis, { ...options, ...(writer ? { writer } : {}) });
      log.info({ target, prefix: options.prefix, durability, ...(durability === 'replicated' ? { replicas, replicationTimeoutMs } : {}) }, 'using Redis');
      return {
        ...storage,
        kind: 'redis',
        uniqueness: createRedisUniquenessStore(redis, storage.keys),
        rateLimiter: createRedisRateLimiter(redis, storage.keys),
        leases: createRedisLeaseStore(redis, storage.keys),
        slots: createRedisConcurrencySlots(redis, storage.keys),
        ...withVault(config, createRedisDataKeyStore(redis, storage.keys), log),
        redis,
        connect: (name) => {
          // Dedicated connections: no command timeout (blocking reads wait by design), no auto-pipelining.
          const connection = createRedis(target, { ...connectionOptions, commandTimeoutMs: undefined, autoPipelining: false, connectionName: `da:${name}` });
          connection.on('error', (error: Error) => log.warn({ err: error.message, connection: name }, 'redis connection error'));
          opened.push(connection);
          return connection;
        },
        maintenanceStore: redisMaintenanceStore(config, redis, storage.keys, storage.upcasters),
        ping: () => pingWithin(redis, PING_TIMEOUT_MS),
        classifyFailure: classifyRedisFailure,
        outcomeUnknown,
        close: async () => {
          await Promise.all(opened.map(closeRedis));
        },
      };
    }
    redis.disconnect();
    if (config.server.env === 'production') throw new Error(`Redis at ${String(target)} is not reachable: production mode refuses to run without it`);
    log.warn({ target }, 'Redis is not reachable');
  }

  log.warn('*** EMBEDDED IN-MEMORY STORE: nothing is durable; every event is lost when this process stops. Set REDIS_URL to a reachable Redis. ***');
  return {
    ...createMemoryStorage(options),
    kind: 'memory',
    uniqueness: createMemoryUniquenessStore(),
    rateLimiter: createMemoryRateLimiter(),
    leases: createMemoryLeaseStore(),
    slots: createMemoryConcurrencySlots(),
    ...withVault(config, createMemoryDataKeyStore(), log),
    redis: null,
    connect: () => null,
    maintenanceStore: null,
    ping: async () => true,
    classifyFailure: () => null,
    outcomeUnknown: () => false,
    close: async () => {},
  };
}


export interface ReadModels {
  readonly readStore: ManagedReadStore;
  readonly runtime: ProjectionRuntime;
  readonly bus: EventBus;
  /**
   * Whether the bus's subscriber connection is up (`null` while it is not) and since when: the
   * number changes at every interruption, since Pub/Sub messages sent meanwhile are lost.
   */
  readonly busLink: () => number | null;
  /** Bus and runtime; the connections themselves close with the infrastructure (after this). */
  close(): Promise<void>;
}

/** `archive`: where compacted events are read back from (ops/archiveReader.ts), so rebuilds after compaction see them. */
export function createReadModels(config: Config, infrastructure: Infrastructure, log: Logger, archive?: EventArchive): ReadModels {
  const onError = (error: unknown) => log.warn({ err: error instanceof Error ? error.message : String(error) }, 'read side error');
  const busError = (error: unknown, event?: { eventType: string; eventId: string }) =>
    log.warn({ err: error instanceof Error ? error.message : String(error), eventType: event?.eventType, eventId: event?.eventId }, 'live event handler failed');
  const { redis } = infrastructure;
  if (redis) {
    const readModelKeys = createReadModelKeys(config.redis.keyPrefix);
    const readStore = new RedisReadStore({ redis, keys: readModelKeys });
    const runtime = new RedisProjectionRuntime({
      redis,
      keys: infrastructure.keys,
      readModelKeys,
      store: readStore,
      serializer: serializerFor(config.serialization.events),
      compression: config.serialization.compression,
      upcasters: infrastructure.upcasters,
      ...(archive ? { archive } : {}),
      deadLettersMax: config.retention.deadLettersMax,
      blockMs: config.eventBus.blockMs,
      watchConnection: () => infrastructure.connect('projection-watcher') ?? redis.duplicate(),
      onError,
    });
    // Publishing shares the command connection; subscribing needs its own (SUBSCRIBE mode).
    const subscriber = infrastructure.connect('bus-subscriber') ?? redis.duplicate();
    const bus = new RedisEventBus({ publisher: redis, subscriber, channels: createEventChannels(config.redis.keyPrefix), onError: busError, ownsConnections: false });
    let interruptions = 0;
    for (const event of ['close', 'end', 'reconnecting', 'error', '-node']) subscriber.on(event, () => interruptions++);
    const busLink = () => (subscriber.status === 'ready' ? interruptions : null);
    return { readStore, runtime, bus, busLink, close: async () => void (await Promise.all([bus.close(), runtime.close()])) };
  }
  const readStore = new MemoryReadStore();
  const runtime = new MemoryProjectionRuntime({ log: infrastructure.partitionLog, store: readStore, deadLettersMax: config.retention.deadLettersMax });
  const bus = new MemoryEventBus(busError);
  return { readStore, runtime, bus, busLink: () => 0, close: async () => void (await Promise.all([bus.close(), runtime.close()])) };
}
