/**
 * Assembly only: what the composition root (server.ts) needs from the ops context.
 */
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import { aggregateConfig } from '../config.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { EventBusMetrics } from '../core/eventBus.js';
import type { ReadStore, SnapshotStore } from '../core/ports.js';
import type { Projection } from '../core/projection.js';
import type { RedisClient } from '../infrastructure/redis/connection.js';
import type { Keys } from '../infrastructure/redis/keys.js';
import { createRedisMaintenanceStore } from '../infrastructure/redis/maintenanceStore.js';
import { createEventCodec } from '../infrastructure/serialization/records.js';
import { serializerFor } from '../infrastructure/serialization/serializer.js';
import type { Upcasters } from '../infrastructure/serialization/upcasters.js';
import type { Logger } from '../logger.js';
import { configurationAggregate, maintenanceAggregate, opsRegistrations, reportAggregate, systemMetricsAggregate } from './commands.js';
import { createMaintenance, snapshotTarget, type Maintenance, type MaintenanceStore, type ProjectionControl, type SnapshotTarget } from './maintenance.js';
import type { OpsMetrics } from './metrics.js';
import { loggingMiddleware, metricsPlugin, requestLoggingPlugin } from './observability.js';
import { createGameStatisticsProjection, opsProjection } from './projections.js';
import type { RuntimeSettings } from './runtimeSettings.js';
import { startMetricsSampler, type MetricsSampler } from './sampler.js';

export { opsRegistrations, opsAggregates, type OpsDeps } from './commands.js';
export { createOpsMetrics, type OpsMetrics } from './metrics.js';
export { loggingMiddleware, metricsPlugin, requestLoggingPlugin } from './observability.js';
export { startMetricsSampler, type MetricsSampler } from './sampler.js';
export { snapshotTarget, type Maintenance, type ProjectionControl, type SnapshotTarget } from './maintenance.js';

/** The ops read models: configuration/reports/metrics/maintenance, and game statistics. */
export const opsProjections = (config: Config): Projection[] => [opsProjection, createGameStatisticsProjection(config.eventStore.partitions)];

/** Ops' own aggregates as snapshot targets (add the other contexts' event-sourced / hybrid ones next to them). */
export const opsSnapshotTargets = (dispatcher: Pick<Dispatcher, 'load'>): SnapshotTarget[] => [
  snapshotTarget(dispatcher, configurationAggregate),
  snapshotTarget(dispatcher, reportAggregate),
  snapshotTarget(dispatcher, systemMetricsAggregate),
  snapshotTarget(dispatcher, maintenanceAggregate),
];

export interface OpsMaintenanceWiring {
  readonly config: Config;
  /** null in the embedded in-memory mode. */
  readonly redis: RedisClient | null;
  readonly keys: Keys;
  readonly upcasters: Upcasters;
  readonly snapshotStore: SnapshotStore;
  readonly projections: ProjectionControl;
  /** Every event-sourced or hybrid aggregate type (snapshotTarget(dispatcher, definition) for each). */
  readonly aggregates: readonly SnapshotTarget[];
}

/** The Redis maintenance store, decoding with exactly the event store's serializer, compression and upcasters. */
export const redisMaintenanceStore = (config: Config, redis: RedisClient, keys: Keys, upcasters: Upcasters): MaintenanceStore =>
  createRedisMaintenanceStore(
    redis,
    keys,
    createEventCodec({ serializer: serializerFor(config.serialization.events), compression: config.serialization.compression, upcasters }),
  );

/**
 * Metrics and logs around every command. Install before the idempotency middleware so replayed
 * requests are counted and logged too.
 */
export const instrumentDispatcher = (dispatcher: Dispatcher, metrics: OpsMetrics, log: Logger): void => {
  dispatcher.use(metrics.middleware);
  dispatcher.use(loggingMiddleware(log));
  dispatcher.onCommitted((result) => metrics.eventsAppended(result.events.length));
};

export interface OpsStartWiring extends OpsMaintenanceWiring {
  readonly log: Logger;
  readonly dispatcher: Dispatcher;
  readonly readStore: ReadStore;
  readonly metrics: OpsMetrics;
  readonly settings: RuntimeSettings;
  /** Infrastructure.ping. */
  readonly ping: () => Promise<boolean>;
  /** The live event bus's counters (EventBus.metrics), for /metrics and the samples. */
  readonly eventBusMetrics?: () => EventBusMetrics;
  /** The SystemMetrics series this node writes (e.g. hostname + pid). */
  readonly nodeId: string;
  readonly newId: () => string;
}

export interface OpsRuntime {
  readonly maintenance: Maintenance;
  readonly sampler: MetricsSampler;
  /** For createYogaServer's `plugins`: GET /metrics and one log line per operation. */
  readonly plugins: Plugin[];
}

/** Registers the ops commands, feeds the scrape-time gauges and starts this node's sampler. */
export function startOps(w: OpsStartWiring): OpsRuntime {
  const maintenance = createOpsMaintenance(w);
  w.dispatcher.register(...opsRegistrations({ readStore: w.readStore, maintenance, partitions: w.config.eventStore.partitions, newId: w.newId }));
  w.metrics.attach({ projections: () => w.projections.status(), redisUp: w.ping, ...(w.eventBusMetrics ? { eventBus: w.eventBusMetrics } : {}) });
  const sampler = startMetricsSampler({
    metrics: w.metrics,
    dispatcher: w.dispatcher,
    nodeId: w.nodeId,
    intervalSeconds: () => w.settings.get('metrics.sampleIntervalSeconds'),
    onError: (error) => w.log.warn({ err: error }, 'metrics sample failed'),
  });
  return { maintenance, sampler, plugins: [metricsPlugin(w.metrics), requestLoggingPlugin(w.log)] };
}

export const createOpsMaintenance = (w: OpsMaintenanceWiring): Maintenance =>
  createMaintenance({
    store: w.redis ? redisMaintenanceStore(w.config, w.redis, w.keys, w.upcasters) : null,
    snapshotStore: w.snapshotStore,
    aggregates: w.aggregates,
    aggregateConfig: (type) => {
      try {
        return aggregateConfig(w.config, type);
      } catch {
        return null;
      }
    },
    partitions: w.config.eventStore.partitions,
    projections: w.projections,
    compaction: w.config.compaction,
    retention: w.config.retention,
  });
