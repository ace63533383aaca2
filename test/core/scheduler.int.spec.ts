/**
 * The scheduler lease on a real Redis: of two schedulers only one runs the jobs; when the active
 * one stops the other takes over, when it is cut off from Redis it stands down by its own clock
 * before Redis lets the lease go, and a holder paused past its lease cannot renew it.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeaseStore } from '../../src/core/ports.js';
import { startScheduler, type Scheduler } from '../../src/core/scheduler.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { createRedisLeaseStore } from '../../src/infrastructure/redis/leaseStore.js';
import { eventually } from '../support/players.js';
import { useTestRedis } from '../support/testRedis.js';

const test = useTestRedis();
const TTL = 1_000;
const RENEW = 250;

interface Node {
  readonly name: string;
  readonly scheduler: Scheduler;
  /** Job ticks of this node, by wall clock. */
  readonly ticks: number[];
  readonly changes: string[];
  readonly errors: unknown[];
}

const started: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

/** A lease store whose calls can be held back (a paused process) or made to fail (Redis unreachable). */
const controllable = (inner: LeaseStore) => {
  let gate: Promise<void> | null = null;
  let open: () => void = () => {};
  let cutOff = false;
  const through = async <T>(call: () => Promise<T>): Promise<T> => {
    if (gate) await gate;
    if (cutOff) throw new Error('connection refused (test)');
    return call();
  };
  return {
    store: {
      acquire: (n, h, t) => through(() => inner.acquire(n, h, t)),
      renew: (n, h, tok, t) => through(() => inner.renew(n, h, tok, t)),
      release: (n, h, tok) => through(() => inner.release(n, h, tok)),
      current: (n) => inner.current(n),
    } satisfies LeaseStore,
    pause() {
      gate = new Promise((resolve) => (open = resolve));
    },
    resume() {
      gate = null;
      open();
    },
    cut: (value: boolean) => void (cutOff = value),
  };
};

describe('scheduler lease on Redis', () => {
  const leaseName = () => `scheduler-${randomUUID().slice(0, 8)}`;
  const redisLeases = () => createRedisLeaseStore(test.redis, createKeys(test.prefix, 4));

  const node = (name: string, leases: LeaseStore, lease: string): Node => {
    const ticks: number[] = [];
    const changes: string[] = [];
    const errors: unknown[] = [];
    const scheduler = startScheduler({
      leases,
      holder: name,
      leaseName: lease,
      ttlMs: TTL,
      renewEveryMs: RENEW,
      jobs: [{ name: 'count', everyMs: 40, run: async () => void ticks.push(Date.now()) }],
      onError: (error) => errors.push(error),
      onChange: (change) => changes.push(`${change.active ? 'active' : 'standby'}:${change.reason}`),
    });
    started.push(scheduler);
    return { name, scheduler, ticks, changes, errors };
  };

  it('of two schedulers only one runs the jobs; stopping it hands the lease to the other', async () => {
    const lease = leaseName();
    const a = node('a', redisLeases(), lease);
    await eventually(async () => a.scheduler.isActive());
    const b = node('b', redisLeases(), lease);
    // Several renewal rounds: b keeps standing by, and never ticks.
    await eventually(async () => a.ticks.length >= 20, 15_000);
    expect(b.scheduler.isActive()).toBe(false);
    expect(b.ticks).toEqual([]);
    expect(await redisLeases().current(lease)).toEqual({ holder: 'a', token: 1 });

    const stoppedAt = Date.now();
    await a.scheduler.stop();
    const aTicks = a.ticks.length;
    await eventually(async () => b.ticks.length >= 3, TTL * 3);
    const takeoverMs = Date.now() - stoppedAt;
    expect(a.ticks.length).toBe(aTicks);
    expect(a.ticks.at(-1)!).toBeLessThanOrEqual(b.ticks[0]!);
    expect(await redisLeases().current(lease)).toEqual({ holder: 'b', token: 2 });
    expect(b.changes).toEqual(['active:lease acquired']);
    console.info(`scheduler takeover after a graceful stop: ${takeoverMs} ms (lease ttl ${TTL} ms, renew every ${RENEW} ms)`);
  });

  it('a holder cut off from Redis stops its jobs by its own clock, before the other takes over when the lease expires', async () => {
    const lease = leaseName();
    const cut = controllable(redisLeases());
    const a = node('a', cut.store, lease);
    await eventually(async () => a.scheduler.isActive());
    const b = node('b', redisLeases(), lease);
    await eventually(async () => a.ticks.length >= 5);

    const cutAt = Date.now();
    cut.cut(true);
    await eventually(async () => b.ticks.length >= 3, TTL * 4);
    const takeoverMs = Date.now() - cutAt;
    expect(a.scheduler.isActive()).toBe(false);
    expect(a.changes).toEqual(['active:lease acquired', 'standby:lease ran out before it could be renewed']);
    // Never both: a's last tick comes before b's first one.
    expect(a.ticks.at(-1)!).toBeLessThan(b.ticks[0]!);
    expect(await redisLeases().current(lease)).toEqual({ holder: 'b', token: 2 });

    // Back in touch, a stays on standby: the lease is b's.
    cut.cut(false);
    const aTicks = a.ticks.length;
    await eventually(async () => b.ticks.length >= 20, 15_000);
    expect(a.ticks.length).toBe(aTicks);
    expect(a.scheduler.isActive()).toBe(false);
    console.info(`scheduler takeover after the holder lost Redis: ${takeoverMs} ms (lease ttl ${TTL} ms)`);
  });

  it('fencing: a holder paused past its lease neither ticks nor renews when it wakes up', async () => {
    const lease = leaseName();
    const paused = controllable(redisLeases());
    const a = node('a', paused.store, lease);
    await eventually(async () => a.scheduler.isActive());
    const b = node('b', redisLeases(), lease);

    // a's renewal is held back (as if the process were frozen) until b has taken over.
    paused.pause();
    await eventually(async () => b.ticks.length >= 3, TTL * 4);
    const aTicksWhilePaused = a.ticks.length;
    paused.resume();
    // Its late renewal reaches Redis and is refused: the stored token is b's now.
    await eventually(async () => a.changes.length === 2, TTL * 2);
    expect(a.changes[0]).toBe('active:lease acquired');
    expect(a.changes[1]).toMatch(/^standby:/);
    expect(a.ticks.length).toBe(aTicksWhilePaused);
    expect(a.ticks.at(-1)!).toBeLessThan(b.ticks[0]!);
    const token = await redisLeases().current(lease);
    expect(token).toEqual({ holder: 'b', token: 2 });
    // And the holder's old token can no longer renew or release anything.
    expect(await redisLeases().renew(lease, 'a', 1, TTL)).toBe(false);
    await redisLeases().release(lease, 'a', 1);
    expect(await redisLeases().current(lease)).toEqual({ holder: 'b', token: 2 });
  });
});
