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
/** One document per game not ended yet (its difficulty and highest wave), by game id. */
export const GAME_STATISTICS_OPEN = 'gameStatisticsOpen';

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

/** A partition's counters; its open games are documents of their own (GAME_STATISTICS_OPEN). */
export type GameStatisticsShard = Plain<Omit<GameStatisticsState, 'open'>> & { readonly shard: string; readonly gamesActive: number };
type OpenGameDoc = GameStatisticsState['open'][string];

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

const toState = (doc: GameStatisticsShard | null, open: Readonly<Record<string, OpenGameDoc>>): GameStatisticsState => {
  const base = initialGameStatistics();
  if (!doc) return { ...base, open };
  // Fields missing from an older document shape fall back to their initial values.
  const { shard: _shard, gamesActive: _active, ...counters } = doc;
  return { ...base, ...counters, byDifficulty: { ...base.byDifficulty, ...doc.byDifficulty }, open };
};

/** The events that read or change a game's open document (a tower only counts by type). */
const touchesOpenGame = new Set(['GameSessionCreated', 'WaveCompleted', 'GameEnded']);

/**
 * `partitions` must be the event store's partition count (configs/cqrs.yaml eventStore.partitions).
 *
 * One counters document per partition (shard), and one small document per open game: an event
 * reads and writes only its shard's counters and its own game, whatever the number of open games
 * (version 1 kept every open game of the shard in the shard document, rewritten on each event:
 * O(open games) per event, 13–21 ms per apply once thousands of lobbies were never ended).
 */
export const createGameStatisticsProjection = (partitions: number): Projection => ({
  name: 'game-statistics',
  version: 2,
  collections: [{ name: GAME_STATISTICS }, { name: GAME_STATISTICS_OPEN }],
  handles: gameEvents,
  async project(envelope, view) {
    if (envelope.aggregateType !== 'game_session') return [];
    const id = envelope.aggregateId;
    const shard = shardId(partitionOf(envelope.aggregateType, id, partitions));
    // Both reads at once (the worker's flushing view applies the batch's earlier writes once for both).
    const [doc, openDoc] = await Promise.all([
      view.get<GameStatisticsShard>(GAME_STATISTICS, shard),
      touchesOpenGame.has(envelope.eventType) ? view.get<Plain<OpenGameDoc & { id: string }>>(GAME_STATISTICS_OPEN, id) : null,
    ]);
    const before = openDoc ? { difficulty: openDoc.difficulty, wave: openDoc.wave } : undefined;
    const current = toState(doc, before ? { [id]: before } : {});
    const next = applyGameEvent(current, envelope);
    if (next === current) return [];
    const after = next.open[id];
    const { open: _open, ...counters } = next;
    const gamesActive = Math.max(0, (doc?.gamesActive ?? 0) + (after ? 1 : 0) - (before ? 1 : 0));
    const writes = [put(GAME_STATISTICS, shard, { ...counters, gamesActive, shard })];
    if (after && after !== before) writes.push(put(GAME_STATISTICS_OPEN, id, { id, ...after }));
    if (!after && before) writes.push({ op: 'delete', collection: GAME_STATISTICS_OPEN, id });
    return writes;
  },
});

/** Sums disjoint shards into one summary. */
export const mergeGameStatistics = (shards: readonly (GameStatisticsShard | null)[]): GameStatistics => {
  let gamesActive = 0;
  const state = shards.reduce<GameStatisticsState>((acc, s) => {
    if (!s) return acc;
    gamesActive += s.gamesActive ?? 0;
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
      open: {},
    };
  }, initialGameStatistics());
  return { ...summarizeGameStatistics(state), gamesActive };
};

/** Reads every shard and summarises them. */
export const readGameStatistics = async (
  store: { getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<(T | null)[]> },
  partitions: number,
): Promise<GameStatistics> => {
  const ids = Array.from({ length: partitions }, (_, p) => shardId(p));
  return mergeGameStatistics(await store.getMany<GameStatisticsShard>(GAME_STATISTICS, ids));
};
