/**
 * The SystemMetrics sampler: every `metrics.sampleIntervalSeconds` (read from the runtime
 * settings at each tick, so an operator's change applies without a restart) it hands the
 * metrics window over as a RecordMetricsSample command on this node's series.
 */
import { uuidv7 } from '../core/ids.js';
import { SYSTEM_USER } from '../core/commands/callers.js';
import type { DispatchResult, Dispatcher } from '../core/commands/dispatcher.js';
import type { MetricsSample } from './domain/systemMetrics.js';
import type { OpsMetrics } from './metrics.js';

/** Longest wait between two looks at the interval setting. */
const CHECK_SECONDS = 5;

export interface SamplerOptions {
  readonly metrics: OpsMetrics;
  readonly dispatcher: Dispatcher;
  /** The series (aggregate id) this node writes: one per node, so each series moves forward on its own clock. */
  readonly nodeId: string;
  readonly intervalSeconds: () => number | Promise<number>;
  readonly onError: (error: unknown) => void;
  readonly now?: () => number;
}

export interface MetricsSampler {
  /** Records the current window now (tests, shutdown). */
  flush(): Promise<DispatchResult>;
  stop(): void;
}

export function startMetricsSampler(options: SamplerOptions): MetricsSampler {
  const { metrics, dispatcher, nodeId } = options;
  const now = options.now ?? Date.now;
  let lastAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const flush = async (): Promise<DispatchResult> => {
    // Samples of one series must move forward: two flushes in the same millisecond would collide.
    const at = Math.max(now(), lastAt + 1);
    const window = metrics.takeWindow(at);
    lastAt = at;
    const statuses = (await metrics.sources().projections?.()) ?? [];
    const sample: MetricsSample = {
      sampleId: uuidv7(),
      at: new Date(at).toISOString(),
      windowSeconds: Math.max(0.001, (window.endedAtMs - window.startedAtMs) / 1000),
      commands: window.commands,
      eventBus: window.eventBus,
      projections: Object.fromEntries(statuses.map((s) => [s.name, Math.max(0, Math.round(s.lag.events))])),
    };
    return dispatcher.dispatch({ type: 'RecordMetricsSample', data: { nodeId, sample } }, { userId: SYSTEM_USER, roles: ['SYSTEM'] });
  };

  // Checks every few seconds whether a sample is due, reading the interval each time: a new
  // `metrics.sampleIntervalSeconds` applies within one check, without a restart.
  let lastFlush = now();
  const tick = async (): Promise<void> => {
    if (stopped) return;
    const seconds = Math.max(1, await Promise.resolve(options.intervalSeconds()).catch(() => 60));
    if (now() - lastFlush >= seconds * 1000) {
      lastFlush = now();
      await flush().catch(options.onError);
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), Math.min(seconds, CHECK_SECONDS) * 1000);
    timer.unref();
  };
  timer = setTimeout(() => void tick(), 1000);
  timer.unref();

  return {
    flush,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
