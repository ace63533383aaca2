/**
 * Replays: a stored stream sent again at its original pace divided by `speed` (the first event at
 * once, each next one after the time that separated them when they were committed). Bounded: the
 * speed lies in [MIN_SPEED, MAX_SPEED], one pause is at most `maxGapMs` (an idle lobby need not
 * stall a replay), and one user runs at most `maxConcurrentPerUser` replays at a time across every
 * API node.
 *
 * The bound is cluster-wide: each replay holds a leased token in a per-user set shared through
 * Redis (ConcurrencySlots), taken atomically when the subscription starts, renewed every third of
 * `slotLeaseMs` while it runs and released exactly once, at once, whether the stream ends, fails or
 * the client goes away (closing aborts the pending pause). A node that crashes mid-replay cannot
 * release; its tokens stop counting when their lease runs out. A replay whose lease could not be
 * renewed in time (Redis unreachable for a whole lease) ends with UnavailableError rather than run
 * uncounted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { UnavailableError, ValidationError } from '../core/errors.js';
import type { EventEnvelope } from '../core/messages.js';
import type { ConcurrencySlots, EventStore, StreamRef } from '../core/ports.js';
import { closable } from './subscriptions.js';

declare module './context.js' {
  interface AppServices {
    /** Paced replays of stored streams, bounded per user (replayGame). */
    readonly replays: Replays;
  }
}

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

export interface ReplayLimits {
  readonly maxConcurrentPerUser: number;
  readonly maxGapMs: number;
  readonly slotLeaseMs: number;
}

/** The slots' scope in the shared store. */
const SCOPE = 'replay';

/** How long to wait before sending `next` after `previous` (ms). Pure. */
export const replayPause = (previous: EventEnvelope | null, next: EventEnvelope, speed: number, maxGapMs: number): number => {
  if (!previous) return 0;
  const gap = Math.max(0, Date.parse(next.createdAt) - Date.parse(previous.createdAt)) / speed;
  return maxGapMs > 0 ? Math.min(gap, maxGapMs) : gap;
};

export const checkSpeed = (speed: number): number => {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) throw ValidationError.field('speed', `speed must be between ${MIN_SPEED} and ${MAX_SPEED}`);
  return speed;
};

export interface Replays {
  /** Claims one of the user's slots (ValidationError when all are taken, on any node) and streams `ref` up to `toVersion`. */
  start(userId: string, eventStore: Pick<EventStore, 'stream'>, ref: StreamRef, toVersion: number, speed: number): Promise<AsyncGenerator<EventEnvelope>>;
  /** Replays the user runs now, on every node. */
  running(userId: string): Promise<number>;
}

export const createReplays = (limits: ReplayLimits, slots: ConcurrencySlots, onError: (error: unknown) => void = () => undefined): Replays => ({
  running: (userId) => slots.held(SCOPE, userId),
  async start(userId, eventStore, ref, toVersion, speed) {
    checkSpeed(speed);
    const token = randomUUID();
    if (!(await slots.acquire(SCOPE, userId, token, limits.maxConcurrentPerUser, limits.slotLeaseMs))) {
      throw new ValidationError(`At most ${limits.maxConcurrentPerUser} replays may run at once per user; stop one first`, [
        { field: 'replayGame', message: `At most ${limits.maxConcurrentPerUser} concurrent replays per user` },
      ]);
    }
    const abort = new AbortController();
    let lost = false;
    let released = false;
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      clearInterval(renewal);
      await slots.release(SCOPE, userId, token).catch(onError); // unreachable: the lease frees it later
    };
    // A failed round trip is retried on the next tick; only a lease that ran out ends the replay.
    const renewal = setInterval(() => {
      slots.renew(SCOPE, userId, token, limits.slotLeaseMs).then((held) => {
        if (held || released) return;
        lost = true;
        abort.abort();
      }, onError);
    }, Math.max(100, Math.floor(limits.slotLeaseMs / 3)));
    renewal.unref();

    async function* body(): AsyncGenerator<EventEnvelope> {
      try {
        let previous: EventEnvelope | null = null;
        for await (const event of eventStore.stream(ref, { toVersion })) {
          if (abort.signal.aborted) break;
          const pause = replayPause(previous, event, speed, limits.maxGapMs);
          if (pause > 0) await sleep(pause, undefined, { signal: abort.signal });
          yield event;
          previous = event;
        }
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      } finally {
        await release();
      }
      if (lost) throw new UnavailableError('STORAGE_UNREACHABLE', 'This replay lost its slot (storage unreachable for longer than replay.slotLeaseMs); start it again', 1_000);
    }
    // Closing aborts a pending pause and gives the slot back even when the body never started.
    return closable(async () => {
      abort.abort();
      await release();
    }, body());
  },
});
