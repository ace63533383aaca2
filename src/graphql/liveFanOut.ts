/**
 * The live fan-out of one node: every subscriber of an aggregate (a game) shares ONE bus
 * subscription, so an event is received, decoded and looked up once per node, then handed by
 * reference to each local follower. Each follower keeps its own resume position and a bounded
 * queue:
 *   - contiguous, in order, exactly once: versions already sent are dropped, a jump is filled from
 *     the store (one read per gap per aggregate, shared by the followers that need the same range);
 *   - live only (no `afterVersion`) starts after the version current when the subscription became
 *     active, so an event that overtakes an older one on the bus does not make the older one skip;
 *   - after the bus lost its connection and subscribed again, every aggregate with followers reads
 *     what came after its followers' positions from the store once and fans it out: nothing ends
 *     with a gap after a quiet period;
 *   - a follower with more than `bufferLimit` events waiting fails with SubscriberTooSlowError and
 *     leaves at once (its queue is freed); the others never wait for it.
 */
import { SubscriberTooSlowError } from '../core/errors.js';
import type { EventEnvelope } from '../core/messages.js';
import type { EventStore, StreamRef } from '../core/ports.js';
import type { EventBus } from '../core/projections/ports.js';
import { closable } from './subscriptions.js';

export interface LiveFanOutOptions {
  readonly bus: Pick<EventBus, 'subscribe' | 'onResubscribed'>;
  readonly eventStore: Pick<EventStore, 'read' | 'lastVersion'>;
  /** Events that may wait for one follower before it is cut off. */
  readonly bufferLimit: number;
  /** A refill after a reconnect failed (the next event still fills the gap). */
  readonly onError?: (error: unknown) => void;
}

/** A bounded FIFO for one follower; `take` waits for the next event (null once ended). */
class Follower {
  /** Last version handed to the client (null until the start position is known). */
  last: number | null = null;
  private items: EventEnvelope[] = [];
  private head = 0;
  private waiter: { resolve: (event: EventEnvelope | null) => void; reject: (error: unknown) => void } | null = null;
  private ended = false;
  private failure: unknown = null;

  constructor(
    private readonly limit: number,
    private readonly onFail: (follower: Follower) => void,
  ) {}

  offer(event: EventEnvelope): void {
    if (this.ended) return;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter.resolve(event);
    } else if (this.items.length - this.head < this.limit) {
      this.items.push(event);
    } else {
      this.fail(new SubscriberTooSlowError(this.limit));
    }
  }

  take(): Promise<EventEnvelope | null> {
    if (this.head < this.items.length) {
      const event = this.items[this.head++]!;
      if (this.head > 1_024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve(event);
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** Throws the overflow once the follower was cut off (even in the middle of a catch-up). */
  assertOpen(): void {
    if (this.failure) throw this.failure;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.items = [];
    this.head = 0;
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter && this.failure) waiter.reject(this.failure);
    else waiter?.resolve(null);
  }

  private fail(error: unknown): void {
    this.failure = error;
    this.end();
    this.onFail(this);
  }
}

/** One aggregate's shared bus subscription and its local followers. */
class Topic {
  readonly followers = new Set<Follower>();
  readonly ready: Promise<void>;
  private readonly unsubscribe: Promise<() => Promise<void>>;
  /** Store reads in flight, by range: followers missing the same events share one read. */
  private readonly reads = new Map<string, Promise<EventEnvelope[]>>();

  constructor(
    readonly ref: StreamRef,
    bus: LiveFanOutOptions['bus'],
    private readonly eventStore: LiveFanOutOptions['eventStore'],
  ) {
    this.unsubscribe = bus.subscribe({ aggregateType: ref.aggregateType, aggregateId: ref.aggregateId }, (event) => this.fanOut(event));
    this.ready = this.unsubscribe.then(() => undefined);
    this.ready.catch(() => undefined); // observed by every follower
  }

  fanOut(event: EventEnvelope): void {
    for (const follower of this.followers) follower.offer(event);
  }

  read(fromVersion: number, toVersion?: number): Promise<EventEnvelope[]> {
    const key = `${fromVersion}:${toVersion ?? ''}`;
    let pending = this.reads.get(key);
    if (!pending) {
      pending = this.eventStore.read(this.ref, toVersion === undefined ? { fromVersion } : { fromVersion, toVersion });
      this.reads.set(key, pending);
      const forget = () => void this.reads.delete(key);
      pending.then(forget, forget);
    }
    return pending;
  }

  /** Everything after the followers' positions, fanned out as if live (each drops what it has). */
  async refill(): Promise<void> {
    let from = Infinity;
    for (const follower of this.followers) if (follower.last !== null) from = Math.min(from, follower.last + 1);
    if (from === Infinity) return; // nobody has a position yet: their catch-up read is still to come
    for (const event of await this.read(from)) this.fanOut(event);
  }

  async close(): Promise<void> {
    const stop = await this.unsubscribe.catch(() => null);
    await stop?.();
  }
}

const topicKey = (ref: StreamRef) => `${ref.aggregateType}\u0000${ref.aggregateId}`;

export class LiveFanOut {
  private readonly topics = new Map<string, Topic>();
  private readonly stopWatching: () => void;
  private closed = false;

  constructor(private readonly options: LiveFanOutOptions) {
    this.stopWatching = options.bus.onResubscribed(() => void this.refillAll());
  }

  /**
   * The events of one aggregate after `afterVersion` (null = after the version current once the
   * subscription is active), then live; contiguous and exactly once. return() releases at once.
   */
  follow(ref: StreamRef, afterVersion: number | null): AsyncGenerator<EventEnvelope> {
    if (this.closed) throw new Error('live fan-out is closed');
    const key = topicKey(ref);
    let topic = this.topics.get(key);
    if (!topic) {
      const created = new Topic(ref, this.options.bus, this.options.eventStore);
      this.topics.set(key, created);
      // A subscription that failed (bus closed, Redis gone) is not handed to later followers.
      created.ready.catch(() => this.topics.get(key) === created && this.topics.delete(key));
      topic = created;
    }
    const joined = topic;
    const follower = new Follower(this.options.bufferLimit, (f) => void this.leave(joined, f));
    joined.followers.add(follower);
    return closable(() => this.leave(joined, follower), this.run(joined, follower, afterVersion));
  }

  /** Aggregates with a bus subscription on this node, and followers over all of them. */
  counts(): { topics: number; followers: number } {
    let followers = 0;
    for (const topic of this.topics.values()) followers += topic.followers.size;
    return { topics: this.topics.size, followers };
  }

  /** Refills every open follower now (what a reconnect of the bus triggers). */
  async refillAll(): Promise<void> {
    await Promise.all(
      [...this.topics.values()].map((topic) =>
        topic.refill().catch((error: unknown) => this.options.onError?.(error)),
      ),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching();
    await Promise.all([...this.topics.values()].flatMap((topic) => [...topic.followers].map((f) => this.leave(topic, f))));
  }

  private async *run(topic: Topic, follower: Follower, afterVersion: number | null): AsyncGenerator<EventEnvelope> {
    try {
      await topic.ready;
      const { eventStore } = this.options;
      if (afterVersion === null) {
        follower.last = await eventStore.lastVersion(topic.ref);
      } else {
        follower.last = afterVersion;
        for (const event of await eventStore.read(topic.ref, { fromVersion: afterVersion + 1 })) {
          follower.assertOpen();
          follower.last = event.aggregateVersion;
          yield event;
        }
      }
      for (;;) {
        const event = await follower.take();
        if (event === null) return;
        const last = follower.last;
        if (event.aggregateVersion <= last) continue; // already sent (catch-up, a refill, or a gap fill)
        if (event.aggregateVersion > last + 1) {
          // A hole: a message this node missed, or one overtaken on the bus. The store has it.
          for (const missed of await topic.read(last + 1, event.aggregateVersion - 1)) {
            if (missed.aggregateVersion <= follower.last) continue;
            follower.assertOpen();
            follower.last = missed.aggregateVersion;
            yield missed;
          }
        }
        follower.last = event.aggregateVersion;
        yield event;
      }
    } finally {
      await this.leave(topic, follower);
    }
  }

  private async leave(topic: Topic, follower: Follower): Promise<void> {
    follower.end();
    if (!topic.followers.delete(follower) || topic.followers.size > 0) return;
    // The last follower left: release the bus subscription (a newcomer gets a fresh topic).
    if (this.topics.get(topicKey(topic.ref)) === topic) this.topics.delete(topicKey(topic.ref));
    await topic.close();
  }
}
