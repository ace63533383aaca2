/**
 * Prometheus metrics (prom-client) and the in-process window the SystemMetrics sampler flushes.
 *
 * One Registry per server instance, never prom-client's global one: tests run several app
 * instances in one process, and two of them on the global registry would fail with "metric
 * already registered" (or, worse, mix their counts).
 *
 * Label sets are bounded: `command` is a registered command type, `projection` a registered
 * projection name; nothing client-controlled (operation names, URLs, ids) becomes a label.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Middleware } from '../core/commands/dispatcher.js';
import { UnavailableError } from '../core/errors.js';
import type { EventBusMetrics, ProjectionState, ProjectionStatus } from '../core/projections/ports.js';
import type { CommandCounters, EventBusCounters } from './domain/systemMetrics.js';

const projectionStates: readonly ProjectionState[] = ['stopped', 'running', 'catching_up', 'faulted', 'rebuilding'];

/** Where the scrape-time metrics read from; attached once the projection manager / bus exist. */
export interface MetricsSources {
  readonly projections?: () => readonly ProjectionStatus[] | Promise<readonly ProjectionStatus[]>;
  readonly redisUp?: () => boolean | Promise<boolean>;
  /** The live event bus's cumulative counters (EventBus.metrics()). */
  readonly eventBus?: () => EventBusMetrics;
  /** Whether this process is the active scheduler (absent without the scheduler role). */
  readonly schedulerActive?: () => boolean;
}

/** One window of command counters, per command type, plus the bus counters of the same window. */
export interface MetricsWindow {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly commands: Readonly<Record<string, CommandCounters>>;
  readonly eventBus: EventBusCounters;
}

export interface OpsMetrics {
  readonly registry: Registry;
  /** Dispatcher middleware: counts every command and observes its duration. */
  readonly middleware: Middleware;
  /** Call when a subscription starts; call the returned function when it ends (idempotent). */
  subscriptionOpened(): () => void;
  /** A live subscriber was cut off because its buffer overflowed (da_subscribers_cut_off_total). */
  subscriberCutOff(): void;
  /** A storage failure outside a command (authenticating the caller, a query), answered UNAVAILABLE. */
  storageFailure(reason: string): void;
  /** Events appended (the dispatcher's committed hook feeds it). */
  eventsAppended(count: number): void;
  attach(sources: MetricsSources): void;
  /** Hands over the current window and starts a new one (the sampler's flush). */
  takeWindow(nowMs?: number): MetricsWindow;
  /** Prometheus text exposition. */
  render(): Promise<{ contentType: string; body: string }>;
  readonly sources: () => MetricsSources;
}

export interface OpsMetricsOptions {
  /** Added as a label to every series (e.g. the node id), so several nodes can share a Prometheus job. */
  readonly defaultLabels?: Readonly<Record<string, string>>;
  /** Process metrics (CPU, memory, event loop lag, GC). Default true. */
  readonly processMetrics?: boolean;
  /** Command types left out of the sampled window (the sampler's own command, so idle nodes look idle). */
  readonly excludeFromWindow?: readonly string[];
  /** Durations kept per command type per window for the percentiles; beyond it, reservoir sampling. */
  readonly maxDurationsPerType?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Nearest-rank percentile of an ascending array (0 when empty). */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
};

interface TypeWindow {
  count: number;
  failures: number;
  durations: number[];
}

const outcomeOf = (error: unknown): string => {
  if (error && typeof error === 'object' && 'kind' in error && typeof error.kind === 'string') return error.kind.toLowerCase();
  return 'error';
};

/** Milliseconds rounded to microseconds: samples stay readable in JSON. */
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

export function createOpsMetrics(options: OpsMetricsOptions = {}): OpsMetrics {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxDurations = options.maxDurationsPerType ?? 10_000;
  const excluded = new Set(options.excludeFromWindow ?? []);
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  // Standard names (process_cpu_seconds_total, nodejs_*) so stock Node.js dashboards find them.
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  let sources: MetricsSources = {};
  const commands = new Counter({ name: 'da_commands_total', help: 'Commands dispatched, by type and outcome (ok or the error kind).', labelNames: ['command', 'outcome'], registers: [registry] });
  const duration = new Histogram({
    name: 'da_command_duration_seconds',
    help: 'Command handling time, from dispatch to committed events (or failure).',
    labelNames: ['command'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const storageFailures = new Counter({
    name: 'da_storage_failures_total',
    help: 'Commands refused because storage could not serve them, by reason (STORAGE_UNREACHABLE, STORAGE_FULL, CLUSTER_RECONFIGURING, DURABILITY_TIMEOUT).',
    labelNames: ['reason'],
    registers: [registry],
  });
  const appended = new Counter({ name: 'da_events_appended_total', help: 'Events appended by commands handled on this node.', registers: [registry] });
  // The bus keeps cumulative counters of its own; each scrape adds what grew since the last one.
  const busSeen = { published: 0, processed: {} as Record<string, number>, failed: {} as Record<string, number> };
  const bus = (): EventBusMetrics | null => sources.eventBus?.() ?? null;
  new Counter({
    name: 'da_event_bus_published_total',
    help: 'Events published on the live event bus by this node.',
    registers: [registry],
    collect() {
      const m = bus();
      if (m && m.published > busSeen.published) this.inc(m.published - busSeen.published);
      if (m) busSeen.published = m.published;
    },
  });
  for (const field of ['processed', 'failed'] as const) {
    new Counter({
      name: `da_event_bus_${field}_total`,
      help: `Live handler runs that ${field === 'processed' ? 'succeeded' : 'failed'} on this node, by handler kind.`,
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        for (const [kind, counts] of Object.entries(bus()?.byKind ?? {})) {
          const seen = busSeen[field][kind] ?? 0;
          if (counts[field] > seen) this.inc({ kind }, counts[field] - seen);
          busSeen[field][kind] = counts[field];
        }
      },
    });
  }
  new Gauge({
    name: 'da_event_bus_latency_seconds',
    help: 'Live handler run time (p50 / p99 over the bus’s recent window) and delivery lag from commit to handler.',
    labelNames: ['measure', 'quantile'],
    registers: [registry],
    collect() {
      this.reset();
      const m = bus();
      if (!m) return;
      for (const [measure, summary] of [['handler', m.latency], ['delivery', m.deliveryLag]] as const) {
        this.set({ measure, quantile: '0.5' }, summary.p50Ms / 1000);
        this.set({ measure, quantile: '0.99' }, summary.p99Ms / 1000);
      }
    },
  });
  new Gauge({
    name: 'da_scheduler_active',
    help: 'Whether this process holds the scheduler lease and runs the cluster-wide timers (1), or not (0: standby, or no scheduler role).',
    registers: [registry],
    collect() {
      this.set(sources.schedulerActive?.() ? 1 : 0);
    },
  });
  const subscriptions = new Gauge({ name: 'da_active_subscriptions', help: 'GraphQL subscriptions open on this node.', registers: [registry] });
  const cutOff = new Counter({ name: 'da_subscribers_cut_off_total', help: 'Live subscribers cut off because their buffer overflowed (too slow).', registers: [registry] });

  // Scrape-time gauges: read the projection manager / Redis only when Prometheus asks.
  // One scrape collects four gauges from the same statuses: fetch them once per scrape.
  let cached: { at: number; value: Promise<readonly ProjectionStatus[]> } | null = null;
  const statuses = (): Promise<readonly ProjectionStatus[]> => {
    if (!cached || now() - cached.at > 250) {
      const value = Promise.resolve(sources.projections ? sources.projections() : []).catch(() => [] as readonly ProjectionStatus[]);
      cached = { at: now(), value };
    }
    return cached.value;
  };
  new Gauge({
    name: 'da_projection_lag_events',
    help: 'Events in the partition logs not yet applied by the projection.',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await statuses()) this.set({ projection: s.name }, s.lag.events);
    },
  });
  new Gauge({
    name: 'da_projection_lag_seconds',
    help: 'Age of the oldest event the projection has not applied yet (0 when caught up).',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await statuses()) this.set({ projection: s.name }, s.lag.ms / 1000);
    },
  });
  new Gauge({
    name: 'da_projection_dead_letters',
    help: 'Entries in the projection dead-letter list.',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await statuses()) this.set({ projection: s.name }, s.deadLetters);
    },
  });
  new Gauge({
    name: 'da_projection_events',
    help: 'Events applied (outcome=processed) and failed attempts (outcome=failed) by this node since it started.',
    labelNames: ['projection', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await statuses()) {
        this.set({ projection: s.name, outcome: 'processed' }, s.processedEvents);
        this.set({ projection: s.name, outcome: 'failed' }, s.failedEvents);
      }
    },
  });
  new Gauge({
    name: 'da_projection_state',
    help: '1 for the state each projection is in, 0 for the others.',
    labelNames: ['projection', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await statuses()) for (const state of projectionStates) this.set({ projection: s.name, state }, s.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'da_redis_up',
    help: '1 when Redis answers PING, else 0.',
    registers: [registry],
    async collect() {
      const up = sources.redisUp ? await Promise.resolve(sources.redisUp()).catch(() => false) : false;
      this.set(up ? 1 : 0);
    },
  });

  let window = new Map<string, TypeWindow>();
  let windowStart = now();
  // The bus's totals when the current window started: a window's counts are the difference.
  const busTotals = (): EventBusCounters => {
    const m = bus();
    return m ? { published: m.published, processed: m.processed, failed: m.failed } : { published: 0, processed: 0, failed: 0 };
  };
  let busAtStart: EventBusCounters | null = null;

  const observe = (type: string, ms: number, ok: boolean): void => {
    if (excluded.has(type)) return;
    const w = window.get(type) ?? { count: 0, failures: 0, durations: [] };
    w.count += 1;
    if (!ok) w.failures += 1;
    // Reservoir sampling keeps a uniform sample of the window's durations in bounded memory.
    if (w.durations.length < maxDurations) w.durations.push(ms);
    else {
      const slot = Math.floor(random() * w.count);
      if (slot < maxDurations) w.durations[slot] = ms;
    }
    window.set(type, w);
  };

  const middleware: Middleware = async ({ command }, next) => {
    const started = performance.now();
    try {
      const result = await next();
      const ms = performance.now() - started;
      commands.inc({ command: command.type, outcome: 'ok' });
      duration.observe({ command: command.type }, ms / 1000);
      observe(command.type, ms, true);
      return result;
    } catch (error) {
      const ms = performance.now() - started;
      commands.inc({ command: command.type, outcome: outcomeOf(error) });
      if (error instanceof UnavailableError) storageFailures.inc({ reason: error.reason });
      duration.observe({ command: command.type }, ms / 1000);
      observe(command.type, ms, false);
      throw error;
    }
  };

  return {
    registry,
    middleware,
    subscriptionOpened() {
      subscriptions.inc();
      let open = true;
      return () => {
        if (open) subscriptions.dec();
        open = false;
      };
    },
    subscriberCutOff: () => cutOff.inc(),
    eventsAppended: (count) => appended.inc(count),
    storageFailure: (reason) => storageFailures.inc({ reason }),
    attach(next) {
      sources = { ...sources, ...next };
      busAtStart ??= next.eventBus ? busTotals() : null;
    },
    sources: () => sources,
    takeWindow(nowMs = now()) {
      const taken = window;
      const counters: Record<string, CommandCounters> = {};
      for (const [type, w] of [...taken.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const sorted = [...w.durations].sort((a, b) => a - b);
        counters[type] = { count: w.count, failures: w.failures, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
      }
      const totals = busTotals();
      const base = busAtStart ?? totals;
      const delta = (f: keyof EventBusCounters) => Math.max(0, totals[f] - base[f]);
      const result: MetricsWindow = { startedAtMs: windowStart, endedAtMs: nowMs, commands: counters, eventBus: { published: delta('published'), processed: delta('processed'), failed: delta('failed') } };
      window = new Map();
      busAtStart = totals;
      windowStart = nowMs;
      return result;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
