/**
 * Live event streams for subscriptions, with resume: a subscriber that passes the last version it
 * saw first gets every stored event after it, then live events — contiguous, no gap and no
 * duplicate, even while writes race the hand-over:
 *   1. subscribe to the live bus and wait until the subscription is active (it buffers from then),
 *   2. read the stored tail after `afterVersion`,
 *   3. forward live events, dropping versions already sent and filling any hole from the store.
 */
import type { EventBus, EventFilter, EventStream } from '../core/projections/ports.js';
import type { EventEnvelope } from '../core/messages.js';
import type { EventStore, StreamRef } from '../core/ports.js';

/** Live events from every node (the event bus's iterator: subscribed at once, buffered from `ready`). */
export type LiveEvents = Pick<EventBus, 'asyncIterator'>;

/**
 * A subscription body whose `return()` takes effect at once. A plain async generator waiting in
 * `for await` (or a sleep) runs its `finally` — which unsubscribes — only when the next event
 * arrives, and an ended game has none: the Redis subscription and the generator would stay
 * forever. Here closing first calls `close` (ending the stream: its pending next() resolves as
 * done, or aborting the wait), so the body finishes and its `finally` runs now.
 */
export function closable<T>(close: () => unknown, inner: AsyncGenerator<T>): AsyncGenerator<T> {
  const iterator: AsyncGenerator<T> = {
    next: (...args) => inner.next(...args),
    return: async (value) => {
      await close();
      return inner.return(value);
    },
    throw: async (error) => {
      await close();
      return inner.throw(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Live events matching `filter`, from the moment the subscription is active until the client
 * leaves, each turned into what the subscription sends (`map` may drop one by returning null).
 */
export function liveEvents(live: LiveEvents, filter: EventFilter): AsyncGenerator<EventEnvelope>;
export function liveEvents<T>(live: LiveEvents, filter: EventFilter, map: (event: EventEnvelope) => T | null | Promise<T | null>): AsyncGenerator<T>;
export function liveEvents<T>(live: LiveEvents, filter: EventFilter, map?: (event: EventEnvelope) => T | null | Promise<T | null>): AsyncGenerator<T | EventEnvelope> {
  const stream = live.asyncIterator(filter);
  const body = async function* () {
    try {
      await stream.ready;
      for await (const event of stream) {
        const value = map ? await map(event) : event;
        if (value !== null) yield value;
      }
    } finally {
      await stream.return();
    }
  };
  return closable(() => stream.return(), body());
}

export interface ResumableStreamOptions {
  readonly live: LiveEvents;
  readonly eventStore: EventStore;
  readonly ref: StreamRef;
  /** Last version the client saw (0 = from the start); null = live only. */
  readonly afterVersion: number | null;
}

export function resumableStream(options: ResumableStreamOptions): AsyncGenerator<EventEnvelope> {
  const { live, ref } = options;
  const stream = live.asyncIterator({ aggregateType: ref.aggregateType, aggregateId: ref.aggregateId });
  return closable(() => stream.return(), resume(stream, options));
}

async function* resume(subscription: EventStream, { eventStore, ref, afterVersion }: ResumableStreamOptions): AsyncGenerator<EventEnvelope> {
  try {
    await subscription.ready;
    let last: number | null = afterVersion;
    if (last !== null) {
      for (const event of await eventStore.read(ref, { fromVersion: last + 1 })) {
        yield event;
        last = event.aggregateVersion;
      }
    }
    for await (const event of subscription) {
      if (last === null) last = event.aggregateVersion - 1; // live only: start with the first live event
      if (event.aggregateVersion <= last) continue; // already sent by the catch-up read
      if (event.aggregateVersion > last + 1) {
        // A hole (a Pub/Sub message this node missed, or one racing the catch-up read): the store has it.
        for (const missed of await eventStore.read(ref, { fromVersion: last + 1, toVersion: event.aggregateVersion - 1 })) {
          yield missed;
          last = missed.aggregateVersion;
        }
      }
      yield event;
      last = event.aggregateVersion;
    }
  } finally {
    await subscription.return();
  }
}
