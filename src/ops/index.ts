/**
 * Assembly only: what the composition root needs from the ops context. Everything arrives as a
 * port (the maintenance store, the projection control, the read store); ops never imports an
 * adapter or another context.
 */
import type { Plugin } from 'graphql-yoga';
import type { Dispatcher } from '../core/commands/dispatcher.js';
import type { HandledCommand } from '../core/commands/handleCommand.js';
import type { CommandMetadata } from '../core/messages.js';
import type { EventBusMetrics, Projection, ProjectionControl } from '../core/projections/ports.js';
import type { MaintenanceStore, ReadStore, SnapshotStore } from '../core/ports.js';
import type { AggregateStorage } from '../core/commands/repository.js';
import type { Logger } from '../logger.js';
import { maintenanceAggregate, opsRegistrations } from './commands.js';
import { maintenanceStreamId } from './domain/maintenance.js';
import { createMaintenance, type Maintenance, type SnapshotTarget } from './maintenance.js';
import type { OpsMetrics } from './metrics.js';
import { loggingMiddleware, metricsPlugin, requestLoggingPlugin } from './observability.js';
import { createGameStatisticsProjection, opsProjection } from './projections.js';
import { createCausationProjection } from './causation.js';
import type { ReportSources } from './queries.js';
import type { RuntimeSettings } from './runtimeSettings.js';
import { startMetricsSampler, type MetricsSampler } from './sampler.js';

export { createOpsMetrics, type OpsMetrics } from './metrics.js';
export { snapshotTarget, type Maintenance, type SnapshotTarget } from './maintenance.js';

/** The ops read models: configuration/reports/metrics/maintenance, game statistics, the causation index. */
/** `inStream(aggregateType)`: whether that type's events are kept in an aggregate stream (not state-based). */
export const opsProjections = (partitions: number, inStream: (aggregateType: string) => boolean): Projection[] => [
  opsProjection,
  createGameStatisticsProjection(partitions),
  createCausationProjection(inStream),
];

/**
 * Metrics and logs around every command. Install before the idempotency middleware so replayed
 * requests are counted and logged too.
 */
export const instrumentDispatcher = (dispatcher: Dispatcher, metrics: OpsMetrics, log: Logger): void => {
  dispatcher.use(metrics.middleware);
  dispatcher.use(loggingMiddleware(log));
  dispatcher.onCommitted((result) => metrics.eventsAppended(result.events.length));
};

export interface OpsWiring {
  readonly log: Logger;
  readonly dispatcher: Dispatcher;
  readonly readStore: ReadStore;
  readonly metrics: OpsMetrics;
  readonly settings: RuntimeSettings;
  readonly partitions: number;
  /** Raw storage for compaction, restore and log trimming; null in the embedded in-memory mode. */
  readonly maintenanceStore: MaintenanceStore | null;
  readonly snapshotStore: SnapshotStore;
  readonly projections: ProjectionControl;
  /** Every aggregate type some registration writes (snapshots, compaction); asked at each task. */
  readonly aggregates: () => readonly SnapshotTarget[];
  /** Storage strategy and snapshot frequency per aggregate type; null for an unknown type. */
  readonly storageOf: (type: string) => ReturnType<AggregateStorage> | null;
  readonly compaction: Parameters<typeof createMaintenance>[0]['compaction'];
  readonly retention: Parameters<typeof createMaintenance>[0]['retention'];
  /** REDACT_PERSONAL_DATA: each context's legacy plaintext personal fields. */
  readonly legacyPersonalData: Parameters<typeof createMaintenance>[0]['legacyPersonalData'];
  /** ROTATE_DATA_KEYS (the personal-data vault's rewrapAll). */
  readonly rotateDataKeys: Parameters<typeof createMaintenance>[0]['rotateDataKeys'];
  /** What reports count: games and users live in other contexts' read models. */
  readonly reportSources: Omit<ReportSources, 'readStore' | 'partitions'>;
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
  /**
   * forgetUser's last step: REDACT_PERSONAL_DATA on the forgotten user, recorded as a maintenance
   * run (the audit trail) when it changed anything; null in the embedded in-memory mode (nothing
   * there was written before sealing) or when nothing needed redacting.
   */
  readonly redactPersonalData: (userId: string, metadata: CommandMetadata) => Promise<HandledCommand | null>;
  readonly sampler: MetricsSampler;
  /** For createYogaServer's `plugins`: GET /metrics and one log line per operation. */
  readonly plugins: Plugin[];
}

/** Registers the ops commands, feeds the scrape-time gauges and starts this node's sampler. */
export function startOps(w: OpsWiring): OpsRuntime {
  const maintenance = createMaintenance({
    store: w.maintenanceStore,
    snapshotStore: w.snapshotStore,
    // Read at each task: the ops registrations themselves are added just below.
    get aggregates() {
      return w.aggregates();
    },
    aggregateConfig: w.storageOf,
    partitions: w.partitions,
    projections: w.projections,
    compaction: w.compaction,
    retention: w.retention,
    rotateDataKeys: w.rotateDataKeys,
    legacyPersonalData: w.legacyPersonalData,
  });
  const reportSources: ReportSources = { ...w.reportSources, readStore: w.readStore, partitions: w.partitions };
  w.dispatcher.register(...opsRegistrations({ readStore: w.readStore, reportSources, maintenance, projections: w.projections, newId: w.newId }));
  w.metrics.attach({ projections: () => w.projections.status(), redisUp: w.ping, ...(w.eventBusMetrics ? { eventBus: w.eventBusMetrics } : {}) });
  const sampler = startMetricsSampler({
    metrics: w.metrics,
    dispatcher: w.dispatcher,
    nodeId: w.nodeId,
    intervalSeconds: () => w.settings.get('metrics.sampleIntervalSeconds'),
    onError: (error) => w.log.warn({ err: error }, 'metrics sample failed'),
  });
  const redactPersonalData = async (userId: string, metadata: CommandMetadata): Promise<HandledCommand | null> => {
    if (!w.maintenanceStore) return null;
    const result = await maintenance.perform('REDACT_PERSONAL_DATA', userId);
    const counts = result as { readonly eventsRedacted?: number; readonly statesRewritten?: number };
    const changed = (counts.eventsRedacted ?? 0) > 0 || (counts.statesRewritten ?? 0) > 0;
    if (!changed) return null;
    w.log.info({ userId, result }, 'legacy personal data redacted');
    const data = { runId: w.newId(), task: 'REDACT_PERSONAL_DATA' as const, target: userId, result, performedBy: metadata.userId ?? '', at: metadata.timestamp };
    return w.dispatcher.executeOn(maintenanceAggregate, maintenanceStreamId, { type: 'PerformMaintenance', data }, metadata, true);
  };
  return { maintenance, redactPersonalData, sampler, plugins: [metricsPlugin(w.metrics), requestLoggingPlugin(w.log)] };
}
