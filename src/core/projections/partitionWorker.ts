/**
 * The loop for one (projection generation, partition) whose lease this process holds: claim what
 * a dead worker left pending, read new entries, project them in order, apply the writes with the
 * checkpoint atomically, acknowledge. A failing event is retried with backoff, then dead-lettered
 * so the partition moves on. Runtime failures (Redis unreachable) are not the event's fault: they
 * never count as attempts; the loop backs off and reports a fault until a round trip succeeds.
 */
import { isAppError } from '../errors.js';
import type { EventEnvelope } from '../messages.js';
import { retryDelay, wants } from './projection.js';
import type { DeliveredEntry, GenerationRef, ProjectedEntry, Projection, ProjectionRuntime, ReadView, RetryPolicy } from './ports.js';
import type { ReadWrite } from '../ports.js';

export interface PartitionWorkerHooks {
  /** Entries applied (not counting skipped duplicates) and events that failed an attempt. */
  counted(applied: number, failed: number): void;
  /** The checkpoint moved to `position` (this process applied up to there). */
  advanced(position: string): void;
  /** `backlog`: the last read was a full batch (still catching up); `idle`: nothing left to read. */
  progress(state: 'backlog' | 'idle'): void;
  fault(error: unknown): void;
  recovered(): void;
}

export interface PartitionWorkerOptions {
  readonly runtime: ProjectionRuntime;
  readonly projection: Projection;
  readonly ref: GenerationRef;
  readonly partition: number;
  readonly consumer: string;
  readonly batchSize: number;
  readonly retry: RetryPolicy;
  /** Longest sleep while idle (new entries wake the loop earlier). */
  readonly idleWaitMs: number;
  /**
   * How long an idle loop woken by new entries waits before reading them (0 = reads at once), so
   * the appends of the next few ms share one read, one apply and one acknowledgement.
   */
  readonly lingerMs?: number;
  readonly hooks: PartitionWorkerHooks;
}

/** Thrown out of a batch when the runtime says stop (lease lost, generation retired). */
class Halt extends Error {}
/** Wraps failures of the runtime seen inside project() (a view read), so they are not blamed on the event. */
class RuntimeFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

const COLLECTION = /^[A-Za-z0-9_-]{1,64}$/;

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export class PartitionWorker {
  private stopping = false;
  /** Claim pending entries on the next round (at start, after a fault, after a quiet period). */
  private reclaim = true;
  private dirty = true;
  private wake: (() => void) | null = null;
  private faults = 0;
  readonly done: Promise<void>;

  constructor(private readonly options: PartitionWorkerOptions) {
    this.done = this.loop();
  }

  /** New entries may be there. */
  notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** Finishes the current batch (or backoff) and returns; the lease is left to the caller. */
  stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    return this.done;
  }

  get stopped(): boolean {
    return this.stopping;
  }

  private async loop(): Promise<void> {
    const { runtime, ref, partition, consumer, batchSize, hooks } = this.options;
    while (!this.stopping) {
      try {
        this.dirty = false;
        // Pending entries (this worker's after a fault, a previous holder's after a takeover) are
        // claimed when there is reason to expect them, not on every round: new reads claim older
        // pending entries anyway (readNew), so the steady state saves a round trip per batch.
        let batch = this.reclaim ? await runtime.claimPending(ref, partition, consumer, batchSize) : [];
        const claimed = batch.length > 0;
        if (!claimed) {
          this.reclaim = false;
          batch = await runtime.readNew(ref, partition, consumer, batchSize);
        }
        this.recover();
        if (batch.length === 0) {
          hooks.progress('idle');
          await this.idle();
          continue;
        }
        hooks.progress(batch.length >= batchSize ? 'backlog' : 'idle');
        if (!(await this.process(batch))) {
          this.stopping = true;
          continue;
        }
        // A short read took everything there was: unless an append was signalled since (or the
        // batch was claimed, not read), reading again would only come back empty — sleep instead.
        if (!claimed && batch.length < batchSize && !this.dirty) await this.idle();
      } catch (error) {
        this.faults++;
        this.reclaim = true;
        hooks.fault(error instanceof RuntimeFailure ? error.original : error);
        await this.sleep(retryDelay({ ...this.options.retry, strategy: 'exponential' }, this.faults), false);
      }
    }
  }

  /** Sleeps until an append is signalled (then lingers, if configured); a quiet partition gets its leftovers claimed, once per idle period. */
  private async idle(): Promise<void> {
    if (!this.dirty && !(await this.sleep(this.options.idleWaitMs, true))) this.reclaim = true;
    else if (this.options.lingerMs) await this.sleep(this.options.lingerMs, false);
  }

  private recover(): void {
    if (this.faults === 0) return;
    this.faults = 0;
    this.options.hooks.recovered();
  }

  /** False when the runtime says this worker must stop (lease lost, generation retired). */
  private async process(batch: readonly DeliveredEntry[]): Promise<boolean> {
    const { runtime, ref, partition, consumer, projection, retry, hooks } = this.options;
    let pending: ProjectedEntry[] = [];
    // A project() that reads twice at once flushes twice at once: the second waits for the first
    // rather than applying the same entries again.
    let flushing: Promise<void> | null = null;
    const flush = async (): Promise<void> => {
      while (flushing) await flushing;
      if (pending.length === 0) return;
      const entries = pending;
      flushing = (async () => {
        const outcome = await runtime.apply(ref, partition, consumer, entries);
        if (outcome.status !== 'applied') throw new Halt(outcome.status);
        pending = pending.slice(entries.length);
        hooks.counted(outcome.applied, 0);
        hooks.advanced(entries[entries.length - 1]!.position);
      })();
      try {
        await flushing;
      } finally {
        flushing = null;
      }
    };
    // Reads inside project() must see the writes of the earlier entries of this batch.
    const view = this.flushingView(runtime.view(ref), flush);

    try {
      for (const entry of batch) {
        const { event, position } = entry;
        if (entry.undecodable === undefined && !wants(projection.handles, event.eventType)) {
          pending.push({ position, writes: [] });
          continue;
        }
        if (entry.undecodable !== undefined) {
          await flush();
          const outcome = await runtime.deadLetter(ref, partition, consumer, { entry, error: entry.undecodable, attempts: 0 });
          if (outcome.status !== 'applied') throw new Halt(outcome.status);
          continue;
        }
        let attempts = entry.priorAttempts;
        for (;;) {
          if (attempts >= retry.maxAttempts) {
            await flush();
            const outcome = await runtime.deadLetter(ref, partition, consumer, { entry, error: `delivered ${attempts} times without completing (a worker crashed on it?)`, attempts });
            if (outcome.status !== 'applied') throw new Halt(outcome.status);
            break;
          }
          try {
            const writes = await this.project(event, view);
            pending.push({ position, writes });
            break;
          } catch (error) {
            if (error instanceof RuntimeFailure || error instanceof Halt) throw error;
            attempts++;
            hooks.counted(0, 1);
            if (attempts >= retry.maxAttempts) {
              await flush();
              const outcome = await runtime.deadLetter(ref, partition, consumer, { entry, error: describe(error), attempts });
              if (outcome.status !== 'applied') throw new Halt(outcome.status);
              break;
            }
            await flush();
            await this.sleep(retryDelay(retry, attempts), false);
            if (this.stopping) return true; // unacknowledged: whoever takes the partition retries it
          }
        }
      }
      await flush();
    } catch (error) {
      if (error instanceof Halt) return false;
      throw error;
    }
    await runtime.ack(ref, partition, batch.map((e) => e.position));
    return true;
  }

  /** project() plus a check that every write can be stored, so a bad write is the event's failure, not the runtime's. */
  private async project(event: EventEnvelope, view: ReadView): Promise<readonly ReadWrite[]> {
    const writes = await this.options.projection.project(event, view);
    for (const w of writes) {
      if (!COLLECTION.test(w.collection)) throw new Error(`invalid collection name "${w.collection}"`);
      if (typeof w.id !== 'string' || w.id === '') throw new Error(`a ${w.op} on ${w.collection} has no id`);
      if (w.op === 'put' || w.op === 'patch') JSON.stringify(w.op === 'put' ? w.doc : w.fields); // BigInt, cycles → throws
      else if (w.op !== 'delete') throw new Error(`unknown read-model write "${String((w as { op: unknown }).op)}"`);
    }
    return writes;
  }

  private flushingView(base: ReadView, flush: () => Promise<void>): ReadView {
    const guarded =
      <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          await flush();
          return await read(...args);
        } catch (error) {
          // Typed errors (a query without its index…) are the projection's bug: they count as attempts.
          throw error instanceof Halt || isAppError(error) ? error : new RuntimeFailure(error);
        }
      };
    return {
      get: guarded(base.get.bind(base)) as ReadView['get'],
      findUnique: guarded(base.findUnique.bind(base)) as ReadView['findUnique'],
      query: guarded(base.query.bind(base)) as ReadView['query'],
    };
  }

  /** Sleeps up to `ms`; stop() always wakes it, new entries only when `wakeOnAppend`. */
  /** True when woken early (new entries or stop), false when the full time passed. */
  private sleep(ms: number, wakeOnAppend: boolean): Promise<boolean> {
    if (this.stopping) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (early: boolean): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve(early);
      };
      const timer = setTimeout(() => done(false), ms);
      this.wake = wakeOnAppend ? () => done(true) : () => this.stopping && done(true);
    });
  }
}
