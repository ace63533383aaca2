/**
 * SystemMetrics: an event-sourced series of samples, one aggregate per node (its id) or
 * 'cluster'. A sampler on each node flushes its counters every `metrics.sampleIntervalSeconds`;
 * each sample covers the `windowSeconds` that end at `at`.
 */
import { RuleBrokenError, ValidationError } from '../../core/errors.js';
import type { FieldError } from '../../core/errors.js';
import type { Command, Decider, Event } from '../../core/messages.js';
import { event } from '../../core/messages.js';
import { requireInstant, toEpochMs } from './time.js';

export const aggregateType = 'system_metrics';
export const snapshotVersion = 'system_metrics/1';

/** One command type over one window; latencies in milliseconds. */
export interface CommandCounters {
  readonly count: number;
  readonly failures: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** `processed` counts successful handler runs and `failed` the failed ones, so together they are all attempts. */
export interface EventBusCounters {
  readonly published: number;
  readonly processed: number;
  readonly failed: number;
}

export interface MetricsSample {
  readonly sampleId: string;
  readonly at: string;
  readonly windowSeconds: number;
  /** By command type (e.g. `PlaceTower`). */
  readonly commands: Readonly<Record<string, CommandCounters>>;
  readonly eventBus: EventBusCounters;
  /** Projection name → events behind the head of the partition logs at `at`. */
  readonly projections: Readonly<Record<string, number>>;
}

export type RecordMetricsSample = Command<'RecordMetricsSample', MetricsSample>;
export type MetricsSampleRecorded = Event<'MetricsSampleRecorded', MetricsSample>;

export type SystemMetricsCommand = RecordMetricsSample;
export type SystemMetricsEvent = MetricsSampleRecorded;

/** Only what the rules need: the series itself lives in events and in the metrics read model. */
export type SystemMetrics =
  | { readonly status: 'Empty' }
  | { readonly status: 'Recording'; readonly samples: number; readonly lastSampleId: string; readonly lastSampleAt: string; readonly lastSampleAtMs: number };

const initialState = (): SystemMetrics => ({ status: 'Empty' });

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isMillis = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Every malformed counter at once, so a buggy sampler is fixed in one round trip. */
const counterErrors = (sample: MetricsSample): FieldError[] => {
  const errors: FieldError[] = [];
  const check = (ok: boolean, field: string, message: string): void => {
    if (!ok) errors.push({ field, message });
  };
  check(Number.isFinite(sample.windowSeconds) && sample.windowSeconds > 0, 'windowSeconds', 'windowSeconds must be a positive number');
  for (const [type, c] of Object.entries(sample.commands)) {
    const at = `commands.${type}`;
    check(isCount(c.count), `${at}.count`, 'count must be a non-negative integer');
    check(isCount(c.failures) && c.failures <= c.count, `${at}.failures`, 'failures must be a non-negative integer no larger than count');
    check(isMillis(c.p50) && isMillis(c.p95) && isMillis(c.p99), `${at}.latency`, 'latency percentiles must be non-negative milliseconds');
    // Percentiles of one distribution cannot decrease; a sampler that says so mixed up its fields.
    check(c.p50 <= c.p95 && c.p95 <= c.p99, `${at}.latency`, 'latency percentiles must satisfy p50 <= p95 <= p99');
  }
  for (const field of ['published', 'processed', 'failed'] as const) {
    check(isCount(sample.eventBus[field]), `eventBus.${field}`, `${field} must be a non-negative integer`);
  }
  for (const [name, lag] of Object.entries(sample.projections)) {
    check(isCount(lag), `projections.${name}`, 'projection lag must be a non-negative integer');
  }
  return errors;
};

const recordSample = ({ data }: RecordMetricsSample, state: SystemMetrics): MetricsSampleRecorded => {
  const atMs = requireInstant('at', data.at);
  const errors = counterErrors(data);
  if (errors.length > 0) throw new ValidationError('Invalid metrics sample', errors);
  if (state.status === 'Recording') {
    // Checked before ordering so a sampler retrying a flush it already made can recognise it.
    if (data.sampleId === state.lastSampleId) {
      throw new RuleBrokenError('SAMPLE_DUPLICATE', `Sample ${data.sampleId} is already recorded`);
    }
    // Windows are adjacent and end at `at`; an older or equal stamp would overlap a recorded
    // window and count the same commands twice in every rate computed from the series.
    if (atMs <= state.lastSampleAtMs) {
      throw new RuleBrokenError('SAMPLE_OUT_OF_ORDER', `Sample at ${data.at} is not after the last sample at ${state.lastSampleAt}`);
    }
  }
  return event<MetricsSampleRecorded>('MetricsSampleRecorded', data);
};

// One command, so no switch: were a second added to SystemMetricsCommand, this line would stop compiling.
const decide = (command: SystemMetricsCommand, state: SystemMetrics): SystemMetricsEvent[] => [recordSample(command, state)];

const evolve = (state: SystemMetrics, { type, data }: SystemMetricsEvent): SystemMetrics => {
  // evolve never throws: an event type it does not know leaves the state as it was.
  if (type !== 'MetricsSampleRecorded') return state;
  return {
    status: 'Recording',
    samples: (state.status === 'Recording' ? state.samples : 0) + 1,
    lastSampleId: data.sampleId,
    lastSampleAt: data.at,
    // evolve never throws: a stored stamp that no longer parses keeps the previous order mark.
    lastSampleAtMs: toEpochMs(data.at) ?? (state.status === 'Recording' ? state.lastSampleAtMs : 0),
  };
};

export const systemMetricsDecider: Decider<SystemMetricsCommand, SystemMetricsEvent, SystemMetrics> = { decide, evolve, initialState };

// ---------------------------------------------------------------------------------------------
// The time-series query: pure, over samples the caller read from the stream or the read model.

export interface CommandSummary {
  readonly count: number;
  readonly failures: number;
  readonly commandsPerSecond: number;
  readonly failureRate: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** The worst p99 of any sample: the weighted p99 above smooths away a single bad minute. */
  readonly maxP99: number;
}

export interface MetricsSummary {
  readonly from: string;
  readonly to: string;
  readonly samples: number;
  /** Sum of the windows of the samples taken into account: the denominator of every rate. */
  readonly coveredSeconds: number;
  readonly commandsPerSecond: number;
  readonly failureRate: number;
  readonly commands: Readonly<Record<string, CommandSummary>>;
  readonly eventBus: EventBusCounters & { readonly failureRate: number };
  /** Lag of each projection in the newest sample of the window, and its worst lag over the window. */
  readonly projections: Readonly<Record<string, { readonly lastLag: number; readonly maxLag: number }>>;
}

const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/**
 * Summarises one series (one node, or the cluster) over the samples with `from < at <= to`:
 * a sample's window ends at its stamp, so this takes exactly the windows ending inside the range.
 *
 * Rates divide by the covered seconds (the sum of the windows), not by `to - from`, so a sampler
 * that was down for a while does not make the system look idle. Samples hold percentiles, not
 * histograms, so a window's percentile is the count-weighted mean of the samples' percentiles:
 * an approximation, exact when every sample saw the same distribution.
 */
export const summarizeSamples = (samples: readonly MetricsSample[], from: string, to: string): MetricsSummary => {
  const fromMs = requireInstant('from', from);
  const toMs = requireInstant('to', to);
  const inRange = samples
    .map((s) => ({ s, ms: toEpochMs(s.at) }))
    .filter((x): x is { s: MetricsSample; ms: number } => x.ms !== null && x.ms > fromMs && x.ms <= toMs)
    .sort((a, b) => a.ms - b.ms)
    .map((x) => x.s);

  const coveredSeconds = inRange.reduce((sum, s) => sum + s.windowSeconds, 0);
  const acc = new Map<string, { count: number; failures: number; w50: number; w95: number; w99: number; maxP99: number }>();
  const bus = { published: 0, processed: 0, failed: 0 };
  const projections: Record<string, { lastLag: number; maxLag: number }> = {};

  for (const sample of inRange) {
    for (const [type, c] of Object.entries(sample.commands)) {
      const a = acc.get(type) ?? { count: 0, failures: 0, w50: 0, w95: 0, w99: 0, maxP99: 0 };
      acc.set(type, {
        count: a.count + c.count,
        failures: a.failures + c.failures,
        w50: a.w50 + c.p50 * c.count,
        w95: a.w95 + c.p95 * c.count,
        w99: a.w99 + c.p99 * c.count,
        // An idle window reports placeholder latencies; they say nothing about the worst case.
        maxP99: c.count > 0 ? Math.max(a.maxP99, c.p99) : a.maxP99,
      });
    }
    bus.published += sample.eventBus.published;
    bus.processed += sample.eventBus.processed;
    bus.failed += sample.eventBus.failed;
    for (const [name, lag] of Object.entries(sample.projections)) {
      projections[name] = { lastLag: lag, maxLag: Math.max(projections[name]?.maxLag ?? 0, lag) };
    }
  }

  const commands: Record<string, CommandSummary> = {};
  let total = 0;
  let failures = 0;
  for (const [type, a] of [...acc.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    total += a.count;
    failures += a.failures;
    commands[type] = {
      count: a.count,
      failures: a.failures,
      commandsPerSecond: ratio(a.count, coveredSeconds),
      failureRate: ratio(a.failures, a.count),
      p50: ratio(a.w50, a.count),
      p95: ratio(a.w95, a.count),
      p99: ratio(a.w99, a.count),
      maxP99: a.maxP99,
    };
  }

  return {
    from,
    to,
    samples: inRange.length,
    coveredSeconds,
    commandsPerSecond: ratio(total, coveredSeconds),
    failureRate: ratio(failures, total),
    commands,
    eventBus: { ...bus, failureRate: ratio(bus.failed, bus.processed + bus.failed) },
    projections,
  };
};
