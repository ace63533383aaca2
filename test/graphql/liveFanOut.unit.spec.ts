/**
 * The node's live fan-out on the in-memory twins: one bus subscription per aggregate, every
 * follower gets every version in order exactly once (overtaken events, holes, refills), a follower
 * that never reads is cut off without holding the others back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SubscriberTooSlowError } from '../../src/core/errors.js';
import type { EventEnvelope } from '../../src/core/messages.js';
import type { EventStore, StreamRef } from '../../src/core/ports.js';
import { LiveFanOut } from '../../src/graphql/liveFanOut.js';
import { MemoryDatabase } from '../../src/infrastructure/memory/database.js';
import { MemoryEventBus } from '../../src/infrastructure/memory/eventBus.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/eventStore.js';
import { aggregate, newEvent } from '../infrastructure/events.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

const setup = (bufferLimit = 100) => {
  const bus = new MemoryEventBus();
  const store = new MemoryEventStore({ database: new MemoryDatabase({ partitions: 2 }) });
  let subscribes = 0;
  const headReads: Array<() => void> = [];
  // Counts bus subscriptions and tells when a live-only follower has read its start position.
  const countingBus = { subscribe: (...args: Parameters<MemoryEventBus['subscribe']>) => (subscribes++, bus.subscribe(...args)), onResubscribed: bus.onResubscribed.bind(bus) };
  const watchedStore: Pick<EventStore, 'read' | 'lastVersion'> = {
    read: (ref, options) => store.read(ref, options),
    lastVersion: async (ref) => {
      const version = await store.lastVersion(ref);
      headReads.splice(0).forEach((done) => done());
      return version;
    },
  };
  const fanOut = new LiveFanOut({ bus: countingBus, eventStore: watchedStore, bufferLimit });
  open.push(fanOut, bus);
  /** Appends one event without publishing it; returns its envelope. */
  const commit = async (ref: StreamRef): Promise<EventEnvelope> => {
    const version = await store.lastVersion(ref);
    const { envelopes } = await store.append(ref, [newEvent('Counted', { n: version + 1 })], { expectedVersion: version === 0 ? 'no_stream' : version });
    return envelopes[0]!;
  };
  const headRead = () => new Promise<void>((resolve) => headReads.push(resolve));
  return { bus, store, fanOut, commit, headRead, subscribes: () => subscribes };
};

const versions = async (stream: AsyncGenerator<EventEnvelope>, count: number): Promise<number[]> => {
  const seen: number[] = [];
  while (seen.length < count) {
    const next = await stream.next();
    if (next.done) break;
    seen.push(next.value.aggregateVersion);
  }
  return seen;
};

describe('order and completeness', () => {
  it('live only: an event that overtakes an older one on the bus does not make the older one skip', async () => {
    const { bus, fanOut, commit, headRead } = setup();
    const ref = aggregate();
    await commit(ref);
    const stream = fanOut.follow(ref, null);
    const started = headRead();
    const first = versions(stream, 3);
    await started; // active, and its start position (version 1) is known
    const [v2, v3] = [await commit(ref), await commit(ref)];
    // Two commands on two nodes: the later one's publish arrives first.
    await bus.publishBatch([v3!]);
    await bus.publishBatch([v2!]);
    await bus.publishBatch([await commit(ref)]);
    expect(await first).toEqual([2, 3, 4]);
  });

  it('afterVersion: the stored tail, then live, with a hole (a lost message) filled from the store', async () => {
    const { bus, fanOut, commit } = setup();
    const ref = aggregate();
    for (let i = 0; i < 3; i++) await commit(ref);
    const stream = fanOut.follow(ref, 1);
    expect(await versions(stream, 2)).toEqual([2, 3]);
    await commit(ref); // version 4: its message never arrives
    const v5 = await commit(ref);
    await bus.publishBatch([v5]);
    await bus.publishBatch([v5]); // and a duplicate
    await bus.publishBatch([await commit(ref)]);
    expect(await versions(stream, 3)).toEqual([4, 5, 6]);
  });

  it('a refill (what a bus reconnect triggers) delivers what the bus lost, with no later event needed', async () => {
    const { fanOut, commit } = setup();
    const ref = aggregate();
    await commit(ref);
    const behind = fanOut.follow(ref, 0);
    const ahead = fanOut.follow(ref, 1);
    expect(await versions(behind, 1)).toEqual([1]);
    await commit(ref);
    await commit(ref); // neither is ever published
    await fanOut.refillAll();
    expect(await versions(behind, 2)).toEqual([2, 3]);
    expect(await versions(ahead, 2)).toEqual([2, 3]);
  });
});

describe('one subscription per aggregate', () => {
  it('followers of one aggregate share one bus subscription, released when the last leaves', async () => {
    const { bus, fanOut, commit, subscribes } = setup();
    const [game, other] = [aggregate(), aggregate()];
    await commit(game);
    await commit(other);
    const streams = [fanOut.follow(game, 0), fanOut.follow(game, 0), fanOut.follow(game, 1), fanOut.follow(other, 0)];
    expect(fanOut.counts()).toEqual({ topics: 2, followers: 4 });
    expect(subscribes()).toBe(2);
    const live = await commit(game);
    await bus.publishBatch([live]);
    const seen = await Promise.all(streams.slice(0, 3).map((s) => versions(s, s === streams[2] ? 1 : 2)));
    expect(seen).toEqual([[1, 2], [1, 2], [2]]);
    await Promise.all(streams.map((s) => s.return(undefined)));
    expect(fanOut.counts()).toEqual({ topics: 0, followers: 0 });
  });

  it('return() releases a follower waiting for an event that never comes', async () => {
    const { fanOut, commit } = setup();
    const ref = aggregate();
    await commit(ref);
    const stream = fanOut.follow(ref, 1);
    const pending = stream.next();
    await stream.return(undefined);
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(fanOut.counts()).toEqual({ topics: 0, followers: 0 });
  });
});

describe('bounded buffers', () => {
  it('a follower that never reads is cut off past its buffer; the others get every event', async () => {
    const { bus, fanOut, commit } = setup(3);
    const ref = aggregate();
    await commit(ref);
    const reader = fanOut.follow(ref, 1);
    const sleeper = fanOut.follow(ref, 1);
    const reading = versions(reader, 10);
    for (let i = 0; i < 10; i++) await bus.publishBatch([await commit(ref)]);
    expect(await reading).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(fanOut.counts()).toEqual({ topics: 1, followers: 1 });
    await expect(sleeper.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
  });
});
