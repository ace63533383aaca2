/**
 * In-process event bus for the embedded dev mode: the Redis bus's behaviour (filters, metrics,
 * asynchronous delivery, iterators that end on close) over an EventEmitter. Delivery is deferred
 * to the next turn of the event loop, as a network hop would, so callers do not come to rely on
 * handlers having run when publish() returns.
 */
import { EventEmitter } from 'node:events';
import { BusMetricsRecorder, trackedEventStream, matches } from '../../core/projections/eventBus.js';
import type { EventBus, EventBusMetrics, EventFilter, EventStream, EventStreamOptions, LiveHandler } from '../../core/projections/ports.js';
import type { EventEnvelope } from '../../core/messages.js';

const EVENT = 'event';

export class MemoryEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  private readonly recorder = new BusMetricsRecorder();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly closers = new Set<() => Promise<void>>();
  private readonly streams = new Set<EventStream>();
  private closed = false;

  constructor(private readonly onError?: (error: unknown, event?: EventEnvelope) => void) {
    this.emitter.setMaxListeners(0);
  }

  async publish(event: EventEnvelope): Promise<void> {
    await this.publishBatch([event]);
  }

  async publishBatch(events: readonly EventEnvelope[]): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    // Serialized like the Redis bus: subscribers never share (or mutate) the publisher's objects.
    const copies = events.map((e) => JSON.parse(JSON.stringify(e)) as EventEnvelope);
    this.recorder.countPublished(events.length);
    setImmediate(() => copies.forEach((e) => this.emitter.emit(EVENT, e)));
  }

  async subscribe(filter: EventFilter, handler: LiveHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('event bus is closed');
    const listener = (event: EventEnvelope): void => {
      if (!matches(filter, event)) return;
      const delivery = this.recorder.deliver(event, handler, this.onError).finally(() => this.inflight.delete(delivery));
      this.inflight.add(delivery);
    };
    this.emitter.on(EVENT, listener);
    const unsubscribe = async (): Promise<void> => {
      this.emitter.off(EVENT, listener);
      this.closers.delete(unsubscribe);
      await Promise.all([...this.inflight]);
    };
    this.closers.add(unsubscribe);
    return unsubscribe;
  }

  asyncIterator(filter: EventFilter, options?: EventStreamOptions): EventStream {
    return trackedEventStream(this.streams, (push) => this.subscribe(filter, push), options);
  }

  /** In process nothing is lost between publish and delivery: never called. */
  onResubscribed(_listener: () => void): () => void {
    return () => undefined;
  }

  metrics(): EventBusMetrics {
    return this.recorder.snapshot();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.streams].map((stream) => stream.return?.()));
    await Promise.all([...this.closers].map((close) => close()));
    await Promise.all([...this.inflight]);
  }
}
