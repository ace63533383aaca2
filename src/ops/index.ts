/**
 * Assembly only: what the composition root (server.ts) needs from the ops context.
 */
import type { Config } from '../config.js';
import { aggregateConfig } from '../config.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { SnapshotStore } from '../core/ports.js';
import type { Projection } from '../core/projection.js';
import type { RedisClient } from '../infrastructure/redis/connection.js';
import type { Keys } from '../infrastructure/redis/keys.js';
import { createRedisMaintenanceStore } from '../infrastructure/redis/maintenanceStore.js';
import { createEventCodec } from '../infrastructure/serialization/records.js';
import { serializerFor } from '../infrastructure/serialization/serializer.js';
import type { Upcasters } from '../infrastructure/serialization/upcasters.js';
import { configurationAggregate, maintenanceAggregate, reportAggregate, systemMetricsAggregate } from './commands.js';
import { createMaintenance, snapshotTarget, type Maintenance, type MaintenanceStore, type ProjectionControl, type SnapshotTarget } from './maintenance.js';
import { createGameStatisticsProjection, opsProjection } from './projections.js';

export { opsRegistrations, type OpsDeps } from './commands.js';
export { createOpsMetrics, type OpsMetrics } from './metrics.js';
export { loggingMiddleware, metricsPlugin, readiness, requestLoggingPlugin } from './observability.js';
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
