/**
 * Reads over the read models that ops needs beyond a get: the metrics series and the report
 * contents. Read models only — never aggregate replays; what other contexts know (games, logins)
 * arrives through ReportFacts.
 */
import type { ReadStore } from '../core/ports.js';
import { scanByTime, type RangeScan } from '../core/projections/timeRange.js';
import { difficulties, victoryResult } from './domain/gameStatistics.js';
import type { JsonValue } from './domain/json.js';
import type { ReportKind } from './domain/reports.js';
import { summarizeSamples, type MetricsSample, type MetricsSummary } from './domain/systemMetrics.js';
import { METRICS_SAMPLES, readGameStatistics, type MetricsSampleView } from './projections.js';

/** One summary per node, plus every node together (rates add up across nodes). */
export interface SeriesSummary {
  readonly nodes: Readonly<Record<string, MetricsSummary>>;
  readonly cluster: MetricsSummary;
  readonly samples: readonly MetricsSampleView[];
  readonly truncated: boolean;
}

/**
 * The cluster-wide view: counts add up; a node's rate is its count over its own covered time,
 * so the cluster's rate is the sum of the nodes' rates; percentiles are count-weighted means.
 */
export const mergeNodeSummaries = (from: string, to: string, nodes: readonly MetricsSummary[]): MetricsSummary => {
  const merged = summarizeSamples([], from, to);
  const commands: Record<string, { count: number; failures: number; cps: number; w50: number; w95: number; w99: number; maxP99: number }> = {};
  let count = 0;
  let failures = 0;
  let cps = 0;
  const bus = { published: 0, processed: 0, failed: 0 };
  const projections: Record<string, { lastLag: number; maxLag: number }> = {};
  for (const n of nodes) {
    cps += n.commandsPerSecond;
    for (const [type, c] of Object.entries(n.commands)) {
      const a = (commands[type] ??= { count: 0, failures: 0, cps: 0, w50: 0, w95: 0, w99: 0, maxP99: 0 });
      a.count += c.count;
      a.failures += c.failures;
      a.cps += c.commandsPerSecond;
      a.w50 += c.p50 * c.count;
      a.w95 += c.p95 * c.count;
      a.w99 += c.p99 * c.count;
      a.maxP99 = Math.max(a.maxP99, c.maxP99);
      count += c.count;
      failures += c.failures;
    }
    bus.published += n.eventBus.published;
    bus.processed += n.eventBus.processed;
    bus.failed += n.eventBus.failed;
    // Projections are shared by the cluster: every node reports the same lag, keep the worst.
    for (const [name, p] of Object.entries(n.projections)) {
      const prev = projections[name];
      projections[name] = { lastLag: Math.max(prev?.lastLag ?? 0, p.lastLag), maxLag: Math.max(prev?.maxLag ?? 0, p.maxLag) };
    }
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    ...merged,
    samples: nodes.reduce((s, n) => s + n.samples, 0),
    coveredSeconds: Math.max(0, ...nodes.map((n) => n.coveredSeconds)),
    commandsPerSecond: cps,
    failureRate: ratio(failures, count),
    commands: Object.fromEntries(
      Object.entries(commands)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([type, a]) => [
          type,
          { count: a.count, failures: a.failures, commandsPerSecond: a.cps, failureRate: ratio(a.failures, a.count), p50: ratio(a.w50, a.count), p95: ratio(a.w95, a.count), p99: ratio(a.w99, a.count), maxP99: a.maxP99 },
        ]),
    ),
    eventBus: { ...bus, failureRate: ratio(bus.failed, bus.processed + bus.failed) },
    projections,
  };
};

/** The metrics series over `(from, to]` (a sample's window ends at its stamp), per node and merged. */
export async function readMetricsSeries(store: ReadStore, from: string, to: string, nodeId?: string | null): Promise<SeriesSummary> {
  const scan = await scanByTime<MetricsSampleView>(store, METRICS_SAMPLES, 'at', 'atMs', Date.parse(from) + 1, Date.parse(to), {
    includeEnd: true,
    ...(nodeId ? { where: { nodeId } } : {}),
  });
  const samples = [...scan.items].reverse();
  const byNode = new Map<string, MetricsSample[]>();
  for (const s of samples) byNode.set(s.nodeId, [...(byNode.get(s.nodeId) ?? []), s]);
  const nodes = Object.fromEntries([...byNode.entries()].map(([node, list]) => [node, summarizeSamples(list, from, to)]));
  return { nodes, cluster: mergeNodeSummaries(from, to, Object.values(nodes)), samples, truncated: scan.truncated };
}

// ---------------------------------------------------------------------------------------------
// Report contents. Game-based reports count the games CREATED in the period (the index the game
// read model keeps), each with its current outcome; all-time figures come from GameStatistics.

const tally = (values: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

/** One game as reports count it: the game context's read model, seen through ReportFacts. */
export interface GameFact {
  readonly status: string;
  readonly difficulty: string;
  readonly result: string | null;
  readonly towers: ReadonlyArray<{ readonly towerType: string }>;
  readonly players: ReadonlyArray<{ readonly userId: string }>;
}

/** What reports count from other contexts' read models (wired in the composition root), each over `[fromMs, toMs)`, newest first. */
export interface ReportFacts {
  gamesCreated(fromMs: number, toMs: number): Promise<RangeScan<GameFact>>;
  logins(fromMs: number, toMs: number): Promise<RangeScan<{ readonly userId: string }>>;
  registrations(fromMs: number, toMs: number): Promise<RangeScan<object>>;
}

export interface ReportSources {
  readonly readStore: ReadStore;
  readonly partitions: number;
  readonly facts: ReportFacts;
}

export async function reportContent(sources: ReportSources, kind: ReportKind, from: string, to: string): Promise<JsonValue> {
  const { readStore } = sources;
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const period = { from, to };
  const games = () => sources.facts.gamesCreated(fromMs, toMs);
  const allTime = () => readGameStatistics(readStore, sources.partitions);
  switch (kind) {
    case 'GAMES': {
      const scan = await games();
      return {
        period,
        gamesCreated: scan.items.length,
        byStatus: tally(scan.items.map((g) => g.status)),
        byDifficulty: tally(scan.items.map((g) => g.difficulty)),
        byResult: tally(scan.items.flatMap((g) => (g.result ? [g.result] : []))),
        truncated: scan.truncated,
        allTime: { ...(await allTime()) },
      };
    }
    case 'WIN_RATES': {
      const scan = await games();
      const ended = scan.items.filter((g) => g.status === 'ENDED');
      const byDifficulty = Object.fromEntries(
        difficulties.map((d) => {
          const of = ended.filter((g) => g.difficulty === d);
          const won = of.filter((g) => g.result === victoryResult).length;
          return [d, { ended: of.length, won, winRate: of.length > 0 ? won / of.length : 0 }];
        }),
      );
      return { period, gamesEnded: ended.length, byDifficulty, truncated: scan.truncated, allTime: { ...(await allTime()).winRateByDifficulty } };
    }
    case 'TOWERS': {
      const scan = await games();
      const towers = scan.items.flatMap((g) => g.towers.map((t) => t.towerType));
      return { period, towersPlaced: towers.length, byType: tally(towers), games: scan.items.length, truncated: scan.truncated, allTime: { ...(await allTime()).towersByType } };
    }
    case 'ACTIVE_USERS': {
      const sessions = await sources.facts.logins(fromMs, toMs);
      const registered = await sources.facts.registrations(fromMs, toMs);
      const scan = await games();
      const players = new Set(scan.items.flatMap((g) => g.players.map((p) => p.userId)));
      return {
        period,
        activeUsers: new Set(sessions.items.map((s) => s.userId)).size,
        logins: sessions.items.length,
        newUsers: registered.items.length,
        playersInNewGames: players.size,
        truncated: sessions.truncated || registered.truncated || scan.truncated,
      };
    }
    case 'COMMAND_LATENCY': {
      const series = await readMetricsSeries(readStore, from, to);
      return { period, cluster: { ...series.cluster }, nodes: { ...series.nodes }, truncated: series.truncated } as unknown as JsonValue;
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown report kind ${String(unreachable)}`);
    }
  }
}
