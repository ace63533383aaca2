/**
 * The scheduler role: cluster-wide periodic jobs (matchmaking ticks, scheduled retention) that
 * must run in exactly one process at a time. Every scheduler process competes for one lease
 * (LeaseStore); the holder runs the jobs and renews every `renewEveryMs`, the others stand by and
 * try to acquire at the same pace, so a dead holder is replaced within about `ttlMs + renewEveryMs`.
 *
 * Safety does not rest on the renew loop alone. The holder counts its lease from the moment it
 * SENT the acquire/renew request (the server starts its TTL later, so the local deadline falls
 * first), and every job tick checks that deadline: a process that was paused (GC, SIGSTOP, a
 * stalled VM) past its lease wakes up with its ticks refused, and its next renewal fails because
 * the stored token is no longer its own. What a tick already started when the lease is lost may
 * still finish, so jobs must tolerate a rare overlap (ours decide on fresh state under optimistic
 * locking, or are idempotent).
 */
import type { LeaseStore } from './ports.js';

export interface ScheduledJob {
  readonly name: string;
  readonly everyMs: number;
  /** One tick; ticks of one job never overlap in one process. */
  run(): Promise<void>;
}

export interface SchedulerOptions {
  readonly leases: LeaseStore;
  /** This process, as stored in the lease (unique per process). */
  readonly holder: string;
  readonly leaseName?: string;
  readonly ttlMs: number;
  /** Default ttlMs / 3: a renewal may fail twice before the lease runs out. */
  readonly renewEveryMs?: number;
  readonly jobs: readonly ScheduledJob[];
  /** A job tick or a lease call failed (the loop carries on). */
  readonly onError: (error: unknown, context: { readonly job?: string; readonly step?: 'acquire' | 'renew' | 'release' }) => void;
  /** Became active (with its fencing token) or went back to standby. */
  readonly onChange?: (change: { readonly active: boolean; readonly token: number | null; readonly reason: string }) => void;
  readonly now?: () => number;
}

export interface SchedulerStatus {
  readonly active: boolean;
  readonly holder: string;
  readonly token: number | null;
  readonly jobs: readonly string[];
}

export interface Scheduler {
  /** Active and within the lease by this process's own (conservative) clock. */
  isActive(): boolean;
  status(): SchedulerStatus;
  /** Stops the jobs, waits for running ticks, and releases the lease so a standby takes over at once. */
  stop(): Promise<void>;
}

export const SCHEDULER_LEASE = 'scheduler';

/** Longest stop() waits for a lease call or a tick in flight: with Redis gone they may take their full timeouts. */
const STOP_WAIT_MS = 2_000;
const bounded = (work: Promise<unknown>): Promise<unknown> =>
  Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { leases, holder, ttlMs, jobs } = options;
  const leaseName = options.leaseName ?? SCHEDULER_LEASE;
  const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  if (renewEveryMs >= ttlMs) throw new Error(`scheduler: renewEveryMs (${renewEveryMs}) must be shorter than the lease ttl (${ttlMs})`);
  const now = options.now ?? Date.now;

  let token: number | null = null;
  let validUntil = 0;
  let stopped = false;
  let loop: NodeJS.Timeout | null = null;
  let deadline: NodeJS.Timeout | null = null;
  let jobTimers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();

  const isActive = () => token !== null && !stopped && now() < validUntil;

  const tick = (job: ScheduledJob) => {
    if (!isActive() || running.has(job.name)) return;
    const run = job
      .run()
      .catch((error: unknown) => options.onError(error, { job: job.name }))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
  };

  const extendUntil = (sentAt: number) => {
    validUntil = sentAt + ttlMs;
    if (deadline) clearTimeout(deadline);
    // Nothing renewed by the local deadline (Redis unreachable, calls timing out): stand down.
    deadline = setTimeout(() => demote('lease ran out before it could be renewed'), Math.max(0, validUntil - now()));
    deadline.unref();
  };

  const promote = (acquired: number, sentAt: number) => {
    token = acquired;
    extendUntil(sentAt);
    jobTimers = jobs.map((job) => {
      const timer = setInterval(() => tick(job), job.everyMs);
      timer.unref();
      return timer;
    });
    options.onChange?.({ active: true, token, reason: 'lease acquired' });
  };

  const demote = (reason: string) => {
    if (token === null) return;
    token = null;
    validUntil = 0;
    for (const timer of jobTimers) clearInterval(timer);
    jobTimers = [];
    if (deadline) clearTimeout(deadline);
    deadline = null;
    options.onChange?.({ active: false, token: null, reason });
  };

  let busy: Promise<void> = Promise.resolve();
  const step = async () => {
    const sentAt = now();
    if (token === null) {
      const acquired = await leases.acquire(leaseName, holder, ttlMs).catch((error: unknown) => {
        options.onError(error, { step: 'acquire' });
        return null;
      });
      // stop() may have run while the call was in flight: give back what we just got.
      if (acquired !== null && stopped) await leases.release(leaseName, holder, acquired).catch(() => undefined);
      else if (acquired !== null) promote(acquired, sentAt);
      return;
    }
    const held = token;
    const renewed = await leases.renew(leaseName, holder, held, ttlMs).catch((error: unknown) => {
      options.onError(error, { step: 'renew' });
      return null;
    });
    if (token !== held) return;
    if (renewed === true) extendUntil(sentAt);
    // Refused: it expired or another process holds it now. An error keeps the jobs only until the local deadline.
    else if (renewed === false) demote('lease lost: renewal refused');
  };
  const schedule = () => {
    if (stopped) return;
    loop = setTimeout(() => {
      busy = step().finally(schedule);
    }, renewEveryMs);
    loop.unref();
  };
  busy = step().finally(schedule);

  return {
    isActive,
    status: () => ({ active: isActive(), holder, token: isActive() ? token : null, jobs: jobs.map((j) => j.name) }),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (loop) clearTimeout(loop);
      await bounded(busy);
      const held = token;
      demote('stopping');
      await bounded(Promise.all(running.values()));
      if (held !== null) await bounded(leases.release(leaseName, holder, held).catch((error: unknown) => options.onError(error, { step: 'release' })));
    },
  };
}
