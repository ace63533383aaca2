/**
 * Building blocks of subscription streams: `closable` (return() takes effect at once) and
 * `liveEvents` (filtered live events, no resume). One aggregate's resumable, gap-free stream is
 * `LiveFanOut.follow` (liveFanOut.ts), which shares one bus subscription per aggregate per node.
 */
import type { EventBus, EventFilter } from '../core/projections/ports.js';
import type { EventEnvelope } from '../core/messages.js';

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
