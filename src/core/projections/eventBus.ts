/**
 * The live event bus: fan-out of committed events to whoever listens right now (GraphQL
 * subscriptions, notifications) on every node. It is best-effort by nature — a node that is not
 * subscribed when an event is published never sees it — so durable work (projections, process
 * managers, sagas) runs over the partition logs under the ProjectionManager instead.
 */
import { SubscriberTooSlowError } from '../errors.js';
import type { EventEnvelope } from '../messages.js';
import type { EventBus, EventBusMetrics, EventFilter, EventStream, EventStreamOptions, HandlerKind, LatencySummary, LiveHandler } from './ports.js';

const WINDOW = 1024;

/** A small rolling window (the last 1024 samples): cheap p50/p99 without a metrics library. */
class Window {
  private readonly samples: number[] = [];
  private total = 0;
  add(ms: number): void {
    this.total++;
    this.samples.push(ms);
    if (this.samples.length > WINDOW) this.samples.shift();
  }
  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: this.total, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0 };
  }
}

/** Counting and timing shared by the Redis bus and its in-memory twin. */
export class BusMetricsRecorder {
  private published = 0;
  private readonly latency = new Window();
  private readonly lag = new Window();
  private readonly kinds: Record<HandlerKind, { processed: number; failed: number }> = {
    projection: { processed: 0, failed: 0 },
    process_manager: { processed: 0, failed: 0 },
    saga: { processed: 0, failed: 0 },
    notification: { processed: 0, failed: 0 },
  };

  constructor(private readonly now: () => number = Date.now) {}

  countPublished(n: number): void {
    this.published += n;
  }

  /** Runs a handler for one delivered event, counting and timing it; never throws. */
  async deliver(event: EventEnvelope, handler: LiveHandler, onError?: (error: unknown, event: EventEnvelope) => void): Promise<void> {
    const kind = typeof handler === 'function' ? 'notification' : handler.kind;
    const created = Date.parse(event.createdAt);
    const started = this.now();
    if (Number.isFinite(created)) this.lag.add(Math.max(0, started - created));
    try {
      await (typeof handler === 'function' ? handler(event) : handler.handle(event));
      this.kinds[kind].processed++;
    } catch (error) {
      this.kinds[kind].failed++;
      onError?.(error, event);
    } finally {
      this.latency.add(this.now() - started);
    }
  }

  snapshot(): EventBusMetrics {
    const byKind = Object.fromEntries(Object.entries(this.kinds).map(([k, v]) => [k, { ...v }])) as EventBusMetrics['byKind'];
    const sum = (f: 'processed' | 'failed') => Object.values(this.kinds).reduce((n, v) => n + v[f], 0);
    return { published: this.published, processed: sum('processed'), failed: sum('failed'), latency: this.latency.summary(), deliveryLag: this.lag.summary(), byKind };
  }
}

/** Whether an event passes a filter (both buses check it on delivery; Redis channels narrow it first). */
export const matches = (filter: EventFilter, event: EventEnvelope): boolean =>
  filter === 'all' ||
  ((filter.aggregateType === undefined || filter.aggregateType === event.aggregateType) &&
    (filter.aggregateId === undefined || filter.aggregateId === event.aggregateId) &&
    (filter.eventTypes === undefined || filter.eventTypes.length === 0 || filter.eventTypes.includes(event.eventType)));

/**
 * An EventStream over any push subscription: `start` subscribes with a push callback and resolves
 * to its unsubscribe function. A failed subscription ends the stream and rejects `ready` and the
 * pending next(). Past `bufferLimit` waiting events the stream fails with SubscriberTooSlowError
 * (the queue is dropped and the subscription released at once: memory stays bounded).
 */
export const createEventStream = (start: (push: (event: EventEnvelope) => void) => Promise<() => Promise<void>>, options: EventStreamOptions = {}): EventStream => {
  const limit = options.bufferLimit ?? Infinity;
  const queue: EventEnvelope[] = [];
  const waiting: Array<{ resolve: (r: IteratorResult<EventEnvelope>) => void; reject: (e: unknown) => void }> = [];
  let finished = false;
  let failure: unknown = null;
  let unsubscribe: (() => Promise<void>) | null = null;
  const end = (): void => {
    finished = true;
    queue.length = 0;
    for (const w of waiting.splice(0)) {
      if (failure) w.reject(failure);
      else w.resolve({ value: undefined, done: true });
    }
  };
  const ready = start((event) => {
    if (finished) return;
    const next = waiting.shift();
    if (next) next.resolve({ value: event, done: false });
    else if (queue.length < limit) queue.push(event);
    else {
      failure = new SubscriberTooSlowError(limit);
      end();
      void release();
    }
  }).then(
    async (stop) => {
      if (finished) await stop();
      else unsubscribe = stop;
    },
    (error: unknown) => {
      failure = error;
      end();
      throw error;
    },
  );
  ready.catch(() => undefined); // observed through next() / ready; never unhandled
  const release = async (): Promise<void> => {
    await ready.catch(() => undefined);
    const stop = unsubscribe;
    unsubscribe = null;
    await stop?.();
  };
  const stream: EventStream = {
    ready,
    next: () => {
      const queued = queue.shift();
      if (queued) return Promise.resolve({ value: queued, done: false });
      if (finished) return failure ? Promise.reject(failure) : Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return: async () => {
      if (!finished) end();
      await release();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
};

/** A stream registered in `open` until it ends, so a closing bus can end every stream it handed out. */
export const trackedEventStream = (open: Set<EventStream>, start: Parameters<typeof createEventStream>[0], options?: EventStreamOptions): EventStream => {
  const stream = createEventStream(start, options);
  const { return: end } = stream;
  const tracked: EventStream = Object.assign(stream, {
    return: () => {
      open.delete(tracked);
      return end();
    },
  });
  open.add(tracked);
  return tracked;
};

/**
 * A live publish retried with a capped backoff while the bus cannot deliver it (its Redis node
 * failing over): a publish that never happens leaves the subscribers of every node short of the
 * last events of that aggregate until a later event reveals the gap. Followers drop versions they
 * already have, so a late or repeated publish is harmless. Gives up (rejects with the last error)
 * after `deadlineMs`, or at once when `stopped()` says the process is shutting down.
 */
export const publishWithRetry = async (
  bus: Pick<EventBus, 'publishBatch'>,
  events: readonly EventEnvelope[],
  options: { readonly deadlineMs?: number; readonly stopped?: () => boolean } = {},
): Promise<void> => {
  const deadline = Date.now() + (options.deadlineMs ?? 30_000);
  for (let attempt = 0; ; attempt++) {
    try {
      await bus.publishBatch(events);
      return;
    } catch (error) {
      if (Date.now() >= deadline || options.stopped?.()) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)).unref());
    }
  }
};
