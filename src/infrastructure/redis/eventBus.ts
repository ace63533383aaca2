/**
 * The live event bus on Redis Pub/Sub through graphql-redis-subscriptions, with SEPARATE publisher
 * and subscriber connections (a connection in SUBSCRIBE mode can run nothing else). Each event is
 * published ONCE, on its aggregate's channel: a follower of one game subscribes to exactly that
 * channel; wider subscriptions are patterns (PSUBSCRIBE) over the aggregate channels — of one
 * aggregate type, or of all of them for `'all'` and event-type filters, which are then narrowed
 * here. One PUBLISH per event instead of four (and on Cluster a quarter of the cluster-bus
 * broadcast); Redis matches each publish against the few patterns subscribed. RedisPubSub does the
 * reference counting and message routing; publishing bypasses it to pipeline a batch's PUBLISHes.
 *
 * graphql-redis-subscriptions fires UNSUBSCRIBE/PUNSUBSCRIBE without awaiting them; quitting while
 * they are in flight produces unhandled "Connection is closed" rejections. The subscriber is
 * therefore wrapped so those calls are tracked (and their failures caught), and close() drains them
 * — plus running handlers and open iterators — before quitting.
 *
 * Messages published while the subscriber connection is down are gone. ioredis subscribes again
 * on reconnect; once those SUBSCRIBEs are through, `onResubscribed` listeners run so that live
 * readers refill what they missed from the store. On Cluster the subscriber is one connection to
 * one node, which ioredis replaces (on a new node) when it drops, without any event on the Cluster
 * object: the bus watches that connection itself (issue #12: a primary SIGKILLed under a node's
 * subscriber left its followers short of the last events before a quiet period).
 */
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Cluster, type Redis } from 'ioredis';
import { BusMetricsRecorder, matches, trackedEventStream } from '../../core/projections/eventBus.js';
import type { EventBus, EventBusMetrics, EventFilter, EventStream, EventStreamOptions, LiveHandler } from '../../core/projections/ports.js';
import type { EventEnvelope } from '../../core/messages.js';
import { closeRedis, type RedisClient } from './connection.js';
import type { EventChannels } from './keys.js';

export interface RedisEventBusOptions {
  readonly publisher: RedisClient;
  /** Dedicated: it enters SUBSCRIBE mode. */
  readonly subscriber: RedisClient;
  readonly channels: EventChannels;
  /** Handler failures (the bus itself keeps going). */
  readonly onError?: (error: unknown, event?: EventEnvelope) => void;
  /** Quit both connections on close (default true). */
  readonly ownsConnections?: boolean;
}

export class RedisEventBus implements EventBus {
  private readonly pubsub: RedisPubSub;
  private readonly recorder = new BusMetricsRecorder();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly subscriptions = new Set<number>();
  /** Channels and patterns subscribed through this bus, with how many subscriptions hold each. */
  private readonly channelRefs = new Map<string, { readonly pattern: boolean; refs: number }>();
  private readonly iterators = new Set<EventStream>();
  private readonly resubscribed = new Set<() => void>();
  private readonly stopWatching: () => void;
  private closed = false;

  constructor(private readonly options: RedisEventBusOptions) {
    this.pubsub = new RedisPubSub({ publisher: options.publisher, subscriber: this.trackUnsubscribes(options.subscriber) });
    this.stopWatching = this.watchReconnects(options.subscriber);
  }

  onResubscribed(listener: () => void): () => void {
    this.resubscribed.add(listener);
    return () => void this.resubscribed.delete(listener);
  }

  publish(event: EventEnvelope): Promise<void> {
    return this.publishBatch([event]);
  }

  async publishBatch(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.publisherNode().pipeline();
    for (const event of events) {
      pipeline.publish(this.options.channels.aggregate(event.aggregateType, event.aggregateId), JSON.stringify(event));
    }
    const replies = (await pipeline.exec()) ?? [];
    const failure = replies.find(([error]) => error)?.[0];
    if (failure) throw failure;
    this.recorder.countPublished(events.length);
  }

  async subscribe(filter: EventFilter, handler: LiveHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('event bus is closed');
    const onMessage = (event: EventEnvelope): void => {
      // The channel or pattern narrows by aggregate; the rest of the filter (event types) is checked here.
      if (matches(filter, event)) this.track(this.recorder.deliver(event, handler, this.options.onError));
    };
    const { name, pattern } = this.channelFor(filter);
    const id = await this.pubsub.subscribe<EventEnvelope>(name, onMessage, pattern ? { pattern: true } : {});
    this.subscriptions.add(id);
    const held = this.channelRefs.get(name);
    if (held) held.refs++;
    else this.channelRefs.set(name, { pattern, refs: 1 });
    let released = false;
    return async () => {
      if (!released) {
        released = true;
        const entry = this.channelRefs.get(name);
        if (entry && --entry.refs <= 0) this.channelRefs.delete(name);
      }
      if (this.subscriptions.delete(id)) this.pubsub.unsubscribe(id);
      await this.drain();
    };
  }

  /**
   * Built on subscribe() rather than RedisPubSub's own iterator, which subscribes lazily on the
   * first next() and cannot say when the subscription is live (needed for gap-free catch-up).
   */
  asyncIterator(filter: EventFilter, options?: EventStreamOptions): EventStream {
    return trackedEventStream(this.iterators, (push) => this.subscribe(filter, push), options);
  }

  metrics(): EventBusMetrics {
    return this.recorder.snapshot();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching();
    await Promise.all([...this.iterators].map((it) => it.return?.()));
    for (const id of this.subscriptions) this.pubsub.unsubscribe(id);
    this.subscriptions.clear();
    await this.drain();
    if (this.options.ownsConnections ?? true) {
      await Promise.all([this.options.publisher, this.options.subscriber].map(closeRedis));
    }
  }

  /**
   * On Cluster, PUBLISH goes to a random node and reaches the others over the cluster bus, so two
   * publishes through two nodes can arrive in either order. Every publish goes through one master
   * (the same one in every process), which keeps each publisher's events in order.
   */
  private publisherNode(): RedisClient {
    const { publisher } = this.options;
    if (!(publisher instanceof Cluster)) return publisher;
    const address = (node: Redis) => `${node.options.host}:${node.options.port}`;
    const [node] = publisher.nodes('master').sort((a, b) => address(a).localeCompare(address(b)));
    return node ?? publisher;
  }

  /** The narrowest channel (or pattern) that carries every matching event; the rest of the filter is checked on delivery. */
  private channelFor(filter: EventFilter): { readonly name: string; readonly pattern: boolean } {
    const { channels } = this.options;
    if (filter !== 'all' && filter.aggregateType !== undefined) {
      return filter.aggregateId === undefined
        ? { name: channels.aggregatePattern(filter.aggregateType), pattern: true }
        : { name: channels.aggregate(filter.aggregateType, filter.aggregateId), pattern: false };
    }
    return { name: channels.aggregatePattern(), pattern: true };
  }

  /**
   * ioredis emits `ready` on reconnect *before* it re-sends SUBSCRIBE for the channels it had, in
   * the same tick. A PING queued after them on the same connection answers once Redis has
   * processed them: from then on every publish arrives, so a refill read misses nothing. On
   * Cluster the subscriber connection is ioredis' own, replaced on another node when it drops:
   * see watchClusterSubscriber.
   */
  private watchReconnects(subscriber: RedisClient): () => void {
    if (subscriber instanceof Cluster) {
      const handle = clusterSubscriberOf(subscriber);
      if (handle) {
        // ioredis re-subscribes a new connection to the channels of the last one that was fully
        // subscribed: a channel subscribed meanwhile on a connection that died before it was (its
        // node had just died) is lost. Every channel this bus holds is subscribed again (idempotent).
        const resubscribe = async (instance: Redis) => {
          const held = [...this.channelRefs];
          const channels = held.filter(([, h]) => !h.pattern).map(([name]) => name);
          const patterns = held.filter(([, h]) => h.pattern).map(([name]) => name);
          await Promise.all([channels.length > 0 && instance.subscribe(...channels), patterns.length > 0 && instance.psubscribe(...patterns)]);
        };
        return watchClusterSubscriber(handle, resubscribe, () => !this.closed && this.notifyResubscribed());
      }
    }
    let lost = false;
    const timers = new Set<NodeJS.Timeout>();
    const notify = () => {
      if (!this.closed) this.notifyResubscribed();
    };
    const later = (ms: number, run: () => void) => {
      const timer = setTimeout(() => (timers.delete(timer), run()), ms);
      timers.add(timer);
    };
    const onClose = () => (lost = true);
    const onReady = () => {
      if (!lost) return;
      lost = false;
      if (subscriber instanceof Cluster) {
        // ioredis without a visible ClusterSubscriber: refill after `ready` and once more a little later (twice is harmless).
        later(200, notify);
        later(2_000, notify);
        return;
      }
      later(0, () => {
        subscriber.ping().then(notify, () => undefined); // a failed ping means another reconnect, hence another `ready`
      });
    };
    subscriber.on('close', onClose);
    subscriber.on('ready', onReady);
    return () => {
      subscriber.off('close', onClose);
      subscriber.off('ready', onReady);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    };
  }

  private notifyResubscribed(): void {
    for (const listener of this.resubscribed) listener();
  }

  private track(promise: Promise<unknown>): void {
    const settled = promise.catch(() => undefined).finally(() => this.inflight.delete(settled));
    this.inflight.add(settled);
  }

  private async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  /** The subscriber as RedisPubSub sees it: same connection, but (P)UNSUBSCRIBE calls are tracked. */
  private trackUnsubscribes(subscriber: RedisClient): RedisClient {
    return new Proxy(subscriber, {
      get: (target, property) => {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'unsubscribe' || property === 'punsubscribe') {
          return (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            this.track(result);
            return result.catch(() => undefined);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  }
}

/** ioredis' ClusterSubscriber (not exported, stable through 5.x): the one Pub/Sub connection of a Cluster. */
interface ClusterSubscriberHandle {
  getInstance(): Redis | null;
}

const clusterSubscriberOf = (cluster: Cluster): ClusterSubscriberHandle | null => {
  const handle = (cluster as unknown as { subscriber?: Partial<ClusterSubscriberHandle> }).subscriber;
  return typeof handle?.getInstance === 'function' ? (handle as ClusterSubscriberHandle) : null;
};

/**
 * When the Cluster's subscriber connection drops (its node died, was restarted, or the link broke),
 * ioredis creates a new connection to a random node and queues the SUBSCRIBEs of the channels the
 * old one had on it, in the same tick; `resubscribe` adds whatever those missed. A PING queued after
 * them on the new connection answers once Redis has processed them; then `notify` runs (what was
 * published meanwhile is in the store). A
 * PING that fails means that connection dropped too, and its successor is watched in turn. The
 * replacement is seen on the old connection's `end` and, as a safety net, by a light poll.
 */
const watchClusterSubscriber = (handle: ClusterSubscriberHandle, resubscribe: (instance: Redis) => Promise<void>, notify: () => void, pollMs = 250): (() => void) => {
  let watched: Redis | null = null;
  let stopped = false;
  const check = () => {
    const instance = handle.getInstance();
    if (stopped || !instance || instance === watched) return;
    watched = instance;
    instance.once('end', () => setImmediate(check));
    // Also for the first connection seen: it may already be a replacement (a refill is harmless).
    // PING first: a SUBSCRIBE of ours sent before the connection is ready would break ioredis'
    // ready check (an INFO in subscriber mode, thrown where nobody catches it).
    instance
      .ping()
      .then(() => resubscribe(instance))
      .then(() => instance.ping())
      .then(
        () => !stopped && handle.getInstance() === instance && notify(),
        () => undefined,
      );
  };
  check();
  const timer = setInterval(check, pollMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
};
