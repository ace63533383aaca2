/** What every benchmark section receives: the run profile, the Redis under test, and where figures go. */
import type { AofMode, BenchRedis } from './redis.js';
import type { Figure } from './table.js';

export interface Profile {
  readonly name: 'quick' | 'full' | 'soak';
  /** Runs per figure; each figure is the median of these. */
  readonly runs: number;
  /** Length of one throughput run. */
  readonly runMs: number;
  readonly warmupMs: number;
  /** Time budget per load-latency figure per run (at least `minLoads` loads). */
  readonly loadBudgetMs: number;
  readonly minLoads: number;
  /** Aggregates of 10 events each written for the bytes-per-event figure. */
  readonly memoryAggregates: number;
  /** GraphQL: runs per figure and the length of one autocannon run (s). */
  readonly httpRuns: number;
  readonly httpSeconds: number;
  /** Requests in a single-connection placeTower latency run. */
  readonly singleClientRequests: number;
  /** Live path: how long events are sent at the target rate per configuration. */
  readonly liveSeconds: number;
  /** Runs per live-path configuration (each needs fresh sessions). */
  readonly liveRuns: number;
  /** Subscriber counts for the live path (SSE); the WebSocket figure uses the largest. */
  readonly liveSubscribers: readonly number[];
  /** Idle subscriptions opened for the RSS-per-subscription figure, in this many steps. */
  readonly idleSubscriptions: number;
  readonly idleSteps: number;
  /** Game sessions played to 10 events for the whole-server bytes-per-event figure, and runs of it. */
  readonly memorySessions: number;
  readonly memoryRuns: number;
  /** Spectators: graphql-ws subscribers on one game, events/s sent to it, window length (s), runs. */
  readonly spectatorSubscribers: number;
  readonly spectatorEventsPerSecond: number;
  readonly spectatorSeconds: number;
  readonly spectatorRuns: number;
  /** Soak: total play (s) and the first part it is compared with (s); 0 = no soak. */
  readonly soakSeconds: number;
  readonly soakFirstSeconds: number;
}

export const PROFILES: Record<'quick' | 'full', Profile> = {
  quick: {
    name: 'quick',
    runs: 3,
    runMs: 300,
    warmupMs: 200,
    loadBudgetMs: 40,
    minLoads: 3,
    memoryAggregates: 500,
    httpRuns: 2,
    httpSeconds: 0.7,
    singleClientRequests: 60,
    liveSeconds: 1.5,
    liveRuns: 1,
    liveSubscribers: [1_000],
    idleSubscriptions: 300,
    idleSteps: 3,
    memorySessions: 40,
    memoryRuns: 1,
    spectatorSubscribers: 200,
    spectatorEventsPerSecond: 50,
    spectatorSeconds: 3,
    spectatorRuns: 1,
    soakSeconds: 0,
    soakFirstSeconds: 0,
  },
  full: {
    name: 'full',
    runs: 5,
    runMs: 2_000,
    warmupMs: 1_000,
    loadBudgetMs: 600,
    minLoads: 5,
    memoryAggregates: 10_000,
    httpRuns: 5,
    httpSeconds: 3,
    singleClientRequests: 1_000,
    liveSeconds: 5,
    liveRuns: 3,
    liveSubscribers: [100, 1_000],
    idleSubscriptions: 2_000,
    idleSteps: 5,
    memorySessions: 200,
    memoryRuns: 3,
    spectatorSubscribers: 1_000,
    spectatorEventsPerSecond: 100,
    spectatorSeconds: 5,
    spectatorRuns: 3,
    soakSeconds: 90,
    soakFirstSeconds: 30,
  },
};

export interface BenchContext {
  readonly profile: Profile;
  readonly aof: AofMode;
  readonly redis: BenchRedis;
  /** Figures in print order. */
  readonly figures: Figure[];
  /** Raw measurements kept for ratios across sections (e.g. the raw c1 p99 for the GraphQL p99 target). */
  readonly shared: Map<string, unknown>;
  /** Profiling notes and diagnostics (INFO commandstats deltas, SLOWLOG), written to the JSON file. */
  readonly diagnostics: Record<string, unknown>;
  log(message: string): void;
}
