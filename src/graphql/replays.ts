/**
 * Replays: a stored stream sent again at its original pace divided by `speed` (the first event at
 * once, each next one after the time that separated them when they were committed). Bounded: the
 * speed lies in [MIN_SPEED, MAX_SPEED], one pause is at most `maxGapMs` (an idle lobby need not
 * stall a replay), and one user runs at most `maxConcurrentPerUser` replays at a time on this
 * node. A slot is taken when the subscription starts and given back exactly once, whether the
 * stream ends, fails or the client goes away (closing aborts the pending pause at once).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ValidationError } from '../core/errors.js';
import type { EventEnvelope } from '../core/messages.js';
import type { EventStore, StreamRef } from '../core/ports.js';
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
}

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
  /** Claims one of the user's slots (ValidationError when all are taken) and streams `ref` up to `toVersion`. */
  start(userId: string, eventStore: Pick<EventStore, 'stream'>, ref: StreamRef, toVersion: number, speed: number): AsyncGenerator<EventEnvelope>;
  /** Replays running for a user on this node. */
  running(userId: string): number;
}

export const createReplays = (limits: ReplayLimits): Replays => {
  const slots = new Map<string, number>();
  const running = (userId: string) => slots.get(userId) ?? 0;

  return {
    running,
    start(userId, eventStore, ref, toVersion, speed) {
      checkSpeed(speed);
      if (running(userId) >= limits.maxConcurrentPerUser) {
        throw new ValidationError(`At most ${limits.maxConcurrentPerUser} replays may run at once per user; stop one first`, [
          { field: 'replayGame', message: `At most ${limits.maxConcurrentPerUser} concurrent replays per user` },
        ]);
      }
      slots.set(userId, running(userId) + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = running(userId) - 1;
        if (left > 0) slots.set(userId, left);
        else slots.delete(userId);
      };
      const abort = new AbortController();

      async function* body(): AsyncGenerator<EventEnvelope> {
        try {
          let previous: EventEnvelope | null = null;
          for await (const event of eventStore.stream(ref, { toVersion })) {
            const pause = replayPause(previous, event, speed, limits.maxGapMs);
            if (pause > 0) await sleep(pause, undefined, { signal: abort.signal });
            yield event;
            previous = event;
          }
        } catch (error) {
          if (!abort.signal.aborted) throw error;
        } finally {
          release();
        }
      }
      // Closing aborts a pending pause and gives the slot back even when the body never started.
      return closable(() => {
        abort.abort();
        release();
      }, body());
    },
  };
};
