/**
 * Ops read models.
 *  - `ops` projection: configuration (current value per key, read by runtimeSettings.ts on every
 *    node, which is how a change takes effect without a restart), its audit history, reports,
 *    metrics samples and maintenance runs.
 *  - `game-statistics` projection: the GameStatistics fold (domain/gameStatistics.ts) over game
 *    events, kept as one document PER PARTITION. A partition is consumed in order by one worker at
 *    a time, so each shard is a plain read-fold-write; a single shared document would be updated
 *    from every partition at once and lose increments. Every game lives in one partition, so the
 *    shards are disjoint and the query merges them.
 */
import { partitionOf } from '../core/partition.js';
import type { EventEnvelope } from '../core/messages.js';
import type { CollectionDefinition, ReadDocument, ReadWrite } from '../core/ports.js';
import type { Projection } from '../core/projections/ports.js';
import { index, put } from '../core/projections/readModels.js';
import type { ConfigurationUpdated } from './domain/configuration.js';
import { applyGameEvent, initialGameStatistics, summarizeGameStatistics, type GameStatistics, type GameStatisticsState } from './domain/gameStatistics.js';
import type { JsonValue } from './domain/json.js';
import type { MaintenancePerformed, MaintenanceTask } from './domain/maintenance.js';
import type { ReportGenerated, ReportKind } from './domain/reports.js';
import type { MetricsSample, MetricsSampleRecorded } from './domain/systemMetrics.js';
import { CONFIGURATION, type ConfigurationView } from './runtimeSettings.js';

export { CONFIGURATION, type ConfigurationView };
export const CONFIGURATION_HISTORY = 'configurationHistory';
export const REPORTS = 'reports';
export const METRICS_SAMPLES = 'metricsSamples';
export const MAINTENANCE_RUNS = 'maintenanceRuns';
export const GAME_STATISTICS = 'gameStatistics';

/** The configuration read model, plus what the sorted index needs. */
export type ConfigurationDoc = ConfigurationView & { readonly updatedAtMs: number; readonly reason: string | null };

export type ConfigurationChangeView = {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly value: JsonValue;
  readonly previousValue: JsonValue | null;
  readonly updatedBy: string;
  readonly reason: string | null;
  readonly at: string;
  readonly atMs: number;
};

export type ReportView = {
  readonly id: string;
  readonly kind: ReportKind;
  readonly from: string;
  readonly to: string;
  readonly requestedBy: string;
  readonly createdAt: string;
  readonly createdAtMs: number;
  readonly content: JsonValue;
};

/** A report's document, from its ReportGenerated data (also what generateReport answers at once). */
export const reportView = (d: ReportGenerated['data']): ReportView => ({
  id: d.reportId,
  kind: d.kind,
  from: d.from,
  to: d.to,
  requestedBy: d.requestedBy,
  createdAt: d.at,
  createdAtMs: Date.parse(d.at),
  content: d.content,
});

/** Mapped (not intersected with the interface) so it is a plain document type for the read store. */
type Plain<T> = { readonly [K in keyof T]: T[K] };

export type MetricsSampleView = Plain<MetricsSample> & { readonly id: string; readonly nodeId: string; readonly atMs: number };

export type MaintenanceRunView = {
  readonly id: string;
  readonly task: MaintenanceTask;
  readonly target: string | null;
  readonly result: JsonValue;
  readonly performedBy: string;
  readonly at: string;
  readonly atMs: number;
};

export type GameStatisticsShard = Plain<GameStatisticsState> & { readonly shard: string };

const opsCollections: CollectionDefinition[] = [
  { name: CONFIGURATION, indexes: [index('sorted', 'updatedAt', 'updatedAtMs')] },
  { name: CONFIGURATION_HISTORY, indexes: [index('sorted', 'at', 'atMs'), index('sorted', 'version'), index('set', 'key')] },
  { name: REPORTS, indexes: [index('sorted', 'createdAt', 'createdAtMs'), index('set', 'kind')] },
  { name: METRICS_SAMPLES, indexes: [index('sorted', 'at', 'atMs'), index('set', 'nodeId')] },
  { name: MAINTENANCE_RUNS, indexes: [index('sorted', 'at', 'atMs'), index('set', 'task')] },
];

/** Stamps from events were validated by the deciders; a stamp that does not parse sorts first. */
const ms = (iso: string): number => {
  const parsed = Date.parse(iso);
  return Number.isFinite(parsed) ? parsed : 0;
};

type OpsEvent = ConfigurationUpdated | ReportGenerated | MetricsSampleRecorded | MaintenancePerformed;

export const projectOps = (envelope: EventEnvelope): ReadWrite[] => {
  const event = { type: envelope.eventType, data: envelope.data } as OpsEvent;
  switch (event.type) {
    case 'ConfigurationUpdated': {
      const d = event.data;
      const current: ConfigurationDoc = { key: d.key, value: d.value, version: d.version, updatedBy: d.updatedBy, updatedAt: d.at, updatedAtMs: ms(d.at), reason: d.reason };
      const change: ConfigurationChangeView = {
        id: `${d.key}:${d.version}`,
        key: d.key,
        version: d.version,
        value: d.value,
        previousValue: d.previousValue,
        updatedBy: d.updatedBy,
        reason: d.reason,
        at: d.at,
        atMs: ms(d.at),
      };
      return [put(CONFIGURATION, d.key, current), put(CONFIGURATION_HISTORY, change.id, change)];
    }
    case 'ReportGenerated': {
      const d = event.data;
      return [put(REPORTS, d.reportId, reportView(d))];
    }
    case 'MetricsSampleRecorded': {
      const d = event.data;
      const doc: MetricsSampleView = { ...d, id: d.sampleId, nodeId: envelope.aggregateId, atMs: ms(d.at) };
      return [put(METRICS_SAMPLES, d.sampleId, doc)];
    }
    case 'MaintenancePerformed': {
      const d = event.data;
      const doc: MaintenanceRunView = { id: d.runId, task: d.task, target: d.target, result: d.result, performedBy: d.performedBy, at: d.at, atMs: ms(d.at) };
      return [put(MAINTENANCE_RUNS, d.runId, doc)];
    }
    default:
      return [];
  }
};

export const opsProjection: Projection = {
  name: 'ops',
  version: 1,
  collections: opsCollections,
  handles: ['ConfigurationUpdated', 'ReportGenerated', 'MetricsSampleRecorded', 'MaintenancePerformed'],
  project: projectOps,
};

// ---------------------------------------------------------------------------------------------
// GameStatistics

const gameEvents = ['GameSessionCreated', 'TowerPlaced', 'WaveCompleted', 'GameEnded'];
export const shardId = (partition: number): string => `p${partition}`;

const toShard = (doc: GameStatisticsShard | null, shard: string): GameStatisticsShard => {
  const base = initialGameStatistics();
  if (!doc) return { ...base, shard };
  // Fields missing from an older document shape fall back to their initial values.
  return { ...base, ...doc, byDifficulty: { ...base.byDifficulty, ...doc.byDifficulty }, shard };
};

/** `partitions` must be the event store's partition count (configs/cqrs.yaml eventStore.partitions). */
export const createGameStatisticsProjection = (partitions: number): Projection => ({
  name: 'game-statistics',
  version: 1,
  collections: [{ name: GAME_STATISTICS }],
  handles: gameEvents,
  async project(envelope, view) {
    if (envelope.aggregateType !== 'game_session') return [];
    const shard = shardId(partitionOf(envelope.aggregateType, envelope.aggregateId, partitions));
    const current = toShard(await view.get<GameStatisticsShard>(GAME_STATISTICS, shard), shard);
    const next = applyGameEvent(current, envelope);
    return next === current ? [] : [put(GAME_STATISTICS, shard, { ...next, shard })];
  },
});

/** Sums disjoint shards into one state (each game is open in at most one shard). */
export const mergeGameStatistics = (shards: readonly (GameStatisticsState | null)[]): GameStatisticsState =>
  shards.reduce<GameStatisticsState>((acc, s) => {
    if (!s) return acc;
    const towers: Record<string, number> = { ...acc.towersByType };
    for (const [type, n] of Object.entries(s.towersByType ?? {})) towers[type] = (towers[type] ?? 0) + n;
    const tally = (d: 'EASY' | 'NORMAL' | 'HARD') => ({
      ended: acc.byDifficulty[d].ended + (s.byDifficulty?.[d]?.ended ?? 0),
      won: acc.byDifficulty[d].won + (s.byDifficulty?.[d]?.won ?? 0),
    });
    return {
      gamesCreated: acc.gamesCreated + (s.gamesCreated ?? 0),
      gamesEnded: acc.gamesEnded + (s.gamesEnded ?? 0),
      byDifficulty: { EASY: tally('EASY'), NORMAL: tally('NORMAL'), HARD: tally('HARD') },
      towersByType: towers,
      wavesReachedTotal: acc.wavesReachedTotal + (s.wavesReachedTotal ?? 0),
      wavesReachedGames: acc.wavesReachedGames + (s.wavesReachedGames ?? 0),
      open: { ...acc.open, ...(s.open ?? {}) },
    };
  }, initialGameStatistics());

/** Reads every shard and summarises them. */
export const readGameStatistics = async (
  store: { getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<(T | null)[]> },
  partitions: number,
): Promise<GameStatistics> => {
  const ids = Array.from({ length: partitions }, (_, p) => shardId(p));
  return summarizeGameStatistics(mergeGameStatistics(await store.getMany<GameStatisticsShard>(GAME_STATISTICS, ids)));
};
