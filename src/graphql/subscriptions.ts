/**
 * Live event streams for subscriptions, with resume: a subscriber that passes the last version it
 * saw first gets every stored event after it, then live events — contiguous, no gap and no
 * duplicate, even while writes race the hand-over:
 *   1. subscribe to the live bus and wait until the subscription is active (it buffers from then),
 *   2. read the stored tail after `afterVersion`,
 *   3. forward live events, dropping versions already sent and filling any hole from the store.
 */
import type { EventBus, EventFilter } from '../core/projections/ports.js';
import type { EventEnvelope } from '../core/messages.js';
import type { EventStore, StreamRef } from '../core/ports.js';

/** Live events from every node (the event bus's iterator: subscribed at once, buffered from `ready`). */
export type LiveEvents = Pick<EventBus, 'asyncIterator'>;

/** Live events matching `filter`, from the moment the subscription is active until the client leaves. */
export async function* liveEvents(live: LiveEvents, filter: EventFilter): AsyncGenerator<EventEnvelope> {
  const stream = live.asyncIterator(filter);
  try {
    await stream.ready;
    yield* stream;
  } finally {
    await stream.return();
  }
}

export interface ResumableStreamOptions {
  readonly live: LiveEvents;
  readonly eventStore: EventStore;
  readonly ref: StreamRef;
  /** Last version the client saw (0 = from the start); null = live only. */
  readonly afterVersion: number | null;
}

export async function* resumableStream(options: ResumableStreamOptions): AsyncGenerator<EventEnvelope> {
  const { live, eventStore, ref } = options;
  const subscription = live.asyncIterator({ aggregateType: ref.aggregateType, aggregateId: ref.aggregateId });
  try {
    await subscription.ready;
    let last: number | null = options.afterVersion;
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
