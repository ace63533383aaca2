/**
 * Assembly only: the read side's infrastructure (read store, projection runtime, live event bus)
 * over Redis or the embedded in-memory twins, plus a ProjectionManager configured from
 * configs/cqrs.yaml. Used by the API (server) and by the standalone worker (worker.ts).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { EventBus, ManagedReadStore, ProjectionRuntime } from '../core/projections/ports.js';
import { ProjectionManager, type ProjectionManagerOptions } from '../core/projections/manager.js';
import type { Logger } from '../logger.js';
import { MemoryEventBus } from './memory/eventBus.js';
import { MemoryProjectionRuntime } from './memory/projectionRuntime.js';
import { MemoryReadStore } from './memory/readStore.js';
import { RedisEventBus } from './redis/eventBus.js';
import { createEventChannels, createReadModelKeys } from './redis/keys.js';
import { RedisProjectionRuntime } from './redis/projectionRuntime.js';
import { RedisReadStore } from './redis/readStore.js';
import { serializerFor } from './serialization/serializer.js';
import type { Infrastructure } from './wiring.js';

export interface ReadModels {
  readonly readStore: ManagedReadStore;
  readonly runtime: ProjectionRuntime;
  readonly bus: EventBus;
  /** Bus and runtime; the connections themselves close with the infrastructure (after this). */
  close(): Promise<void>;
}

export function createReadModels(config: Config, infrastructure: Infrastructure, log: Logger): ReadModels {
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
      deadLettersMax: config.retention.deadLettersMax,
      blockMs: config.eventBus.blockMs,
      watchConnection: () => infrastructure.connect('projection-watcher') ?? redis.duplicate(),
      onError,
    });
    // Publishing shares the command connection; subscribing needs its own (SUBSCRIBE mode).
    const subscriber = infrastructure.connect('bus-subscriber') ?? redis.duplicate();
    const bus = new RedisEventBus({ publisher: redis, subscriber, channels: createEventChannels(config.redis.keyPrefix), onError: busError, ownsConnections: false });
    return { readStore, runtime, bus, close: async () => void (await Promise.all([bus.close(), runtime.close()])) };
  }
  const readStore = new MemoryReadStore();
  const runtime = new MemoryProjectionRuntime({ log: infrastructure.partitionLog, store: readStore, deadLettersMax: config.retention.deadLettersMax });
  const bus = new MemoryEventBus(busError);
  return { readStore, runtime, bus, close: async () => void (await Promise.all([bus.close(), runtime.close()])) };
}

/** A unique consumer name: several workers (and API nodes) share the partitions as different consumers. */
export const consumerName = (role: string): string => `${role}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

export const createProjectionManager = (config: Config, runtime: ProjectionRuntime, log: Logger, role = 'api', overrides: Partial<ProjectionManagerOptions> = {}): ProjectionManager => {
  const manager = new ProjectionManager({
    runtime,
    consumer: consumerName(role),
    batchSize: config.eventBus.batchSize,
    retry: config.eventBus.retry,
    claimIdleMs: config.eventBus.claimIdleMs,
    blockMs: config.eventBus.blockMs,
    onError: (error, context) => log.warn({ ...context, err: error instanceof Error ? error.message : String(error) }, 'projection error'),
    ...overrides,
  });
  manager.onStatusChange((change) => log.info({ projection: change.name, state: change.state, previous: change.previous, error: change.error }, 'projection state'));
  return manager;
};
