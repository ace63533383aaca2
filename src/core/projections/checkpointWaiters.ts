/**
 * Read-your-writes waits, coalesced. Every waiting request used to poll every projection's
 * checkpoints on its own (a hundred Redis reads per mutation under load); now one process keeps
 * what it knows of the active checkpoints and answers all waiters from that:
 *  - when this process applies a batch, its position is known at once (no Redis read at all);
 *  - otherwise one shared poll (one checkpoint read per needed projection every `pollMs`)
 *    serves every waiter, whichever worker does the applying.
 * Checkpoints only move forward (a rebuilt generation is swapped in only once it has caught up),
 * so the known positions are merged by maximum.
 */
import { TimeoutError } from '../errors.js';
import { comparePosition, parseLogPosition } from './projection.js';
import type { LogPosition, ProjectionRuntime } from './ports.js';

interface Waiter {
  readonly names: readonly string[];
  readonly wanted: ReadonlyMap<number, string>;
  readonly deadline: number;
  readonly timeoutMs: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class CheckpointWaiters {
  private readonly known = new Map<string, string[]>();
  private readonly waiting = new Set<Waiter>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runtime: Pick<ProjectionRuntime, 'checkpoints'>,
    private readonly now: () => number,
    private readonly pollMs = 25,
  ) {}

  /** This process has applied `name`'s active generation up to `position` on `partition`. */
  advanced(name: string, partition: number, position: string): void {
    this.merge(name, partition, position);
    if (this.waiting.size > 0) this.settle();
  }

  wait(names: readonly string[], tokens: ReadonlyArray<string | LogPosition>, timeoutMs: number): Promise<void> {
    const wanted = new Map<number, string>();
    for (const { partition, position } of tokens.map(parseLogPosition)) {
      const seen = wanted.get(partition);
      if (seen === undefined || comparePosition(position, seen) > 0) wanted.set(partition, position);
    }
    if (names.length === 0 || wanted.size === 0 || this.reached(names, wanted)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.add({ names, wanted, deadline: this.now() + timeoutMs, timeoutMs, resolve, reject });
      // A first look a little later: the applying is usually this process, which makes the read unnecessary.
      this.schedule(Math.min(5, this.pollMs));
    });
  }

  private merge(name: string, partition: number, position: string): void {
    let positions = this.known.get(name);
    if (!positions) this.known.set(name, (positions = []));
    const current = positions[partition];
    if (current === undefined || comparePosition(position, current) > 0) positions[partition] = position;
  }

  private reached(names: readonly string[], wanted: ReadonlyMap<number, string>): boolean {
    return names.every((name) => {
      const positions = this.known.get(name);
      return [...wanted].every(([partition, position]) => comparePosition(positions?.[partition] ?? '0', position) >= 0);
    });
  }

  /** Resolves the satisfied waiters, rejects the expired ones. */
  private settle(): void {
    const now = this.now();
    for (const waiter of this.waiting) {
      if (this.reached(waiter.names, waiter.wanted)) {
        this.waiting.delete(waiter);
        waiter.resolve();
      } else if (now >= waiter.deadline) {
        this.waiting.delete(waiter);
        const where = [...waiter.wanted].map(([p, pos]) => `${p}:${pos}`).join(', ');
        waiter.reject(new TimeoutError(`Projections did not reach ${where} within ${waiter.timeoutMs} ms`));
      }
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.poll(), delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.timer = null;
    if (this.waiting.size === 0) return;
    const names = [...new Set([...this.waiting].flatMap((w) => w.names))];
    const read = await Promise.all(names.map((name) => this.runtime.checkpoints(name, null).catch(() => null)));
    names.forEach((name, i) => read[i]?.forEach((position, partition) => this.merge(name, partition, position)));
    this.settle();
    if (this.waiting.size > 0) this.schedule(this.pollMs);
  }
}
