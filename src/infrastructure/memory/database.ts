/**
 * The in-memory database behind the storage twins: plain maps keyed by aggregate (type, id), by
 * partition number and by idempotency key — no key strings. It holds what the stores must share:
 * an append also writes the hybrid state and snapshot and feeds the partition log, a state save
 * feeds the partition log too. Each such write runs synchronously inside one call, so it is
 * atomic by construction; every part it writes is announced (beforeWrite) before the first write,
 * so a refused part leaves nothing half-written.
 *
 * Events, states and snapshots are kept as the shared codec's bytes (serialization/records.ts):
 * serializers, compression and checksums then behave as on Redis, and a caller mutating an object
 * after a write cannot change what was stored. Nothing is durable: embedded dev mode, fast tests.
 */
import { partitionOf } from '../../core/partition.js';
import { comparePosition } from '../../core/projections/projection.js';
import type { AppliedCommand, StreamRef } from '../../core/ports.js';
import type { StoredFields } from '../serialization/records.js';

/** type → id → value: an aggregate's entries without building or parsing a key. */
export class AggregateMap<T> {
  private readonly byType = new Map<string, Map<string, T>>();

  get(ref: StreamRef): T | undefined {
    return this.byType.get(ref.aggregateType)?.get(ref.aggregateId);
  }

  set(ref: StreamRef, value: T): void {
    let byId = this.byType.get(ref.aggregateType);
    if (!byId) {
      byId = new Map();
      this.byType.set(ref.aggregateType, byId);
    }
    byId.set(ref.aggregateId, value);
  }

  delete(ref: StreamRef): void {
    this.byType.get(ref.aggregateType)?.delete(ref.aggregateId);
  }
}

/** An aggregate's encoded events: version v sits at index v − 1 (versions have no gaps). */
export type AggregateStream = StoredFields[];

export interface StoredState {
  readonly version: number;
  /** The state as the state codec packed it. */
  readonly packed: Buffer;
  /** The state's shape, when the writer gave one (hybrid appends). */
  readonly schema?: string;
}

export interface StoredSnapshot {
  readonly version: number;
  readonly schema: string;
  readonly packed: Buffer;
  readonly takenAt: string;
}

export interface LogEntry {
  readonly position: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  /** The event itself for state-based aggregates (they have no stream); null: read it from the stream. */
  readonly inline: StoredFields | null;
}

/** One part of an aggregate's storage a write touches. */
export type WriteTarget = { readonly part: 'stream' | 'state' | 'snapshot'; readonly ref: StreamRef } | { readonly part: 'partitionLog'; readonly partition: number };

export interface MemoryDatabaseOptions {
  /** Part of the storage layout, as on Redis: an aggregate's partition depends on it. */
  readonly partitions: number;
  /** Drives partition-log positions and TTLs: inject a fake clock in tests. */
  readonly now?: () => number;
  /**
   * Called for every part one write will touch, all before its first change: a throw fails the
   * whole write with nothing changed. The contract suites inject faults here to prove that.
   */
  readonly beforeWrite?: (target: WriteTarget) => void;
}

/**
 * The position XADD `*` would give after `last` at time `now`: `<ms>-<seq>`, strictly increasing
 * even when the clock goes back, so positions (and read-your-writes tokens) mean the same thing
 * as on Redis.
 */
export const nextPosition = (last: string | null, now: number): string => {
  if (last === null) return `${now}-0`;
  const [ms = 0, seq = 0] = last.split('-').map(Number);
  return now > ms ? `${now}-0` : `${ms}-${seq + 1}`;
};

/** Index of the first entry strictly after `position` (entries are in position order). O(log n). */
const firstAfter = (entries: readonly LogEntry[], position: string): number => {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePosition(entries[mid]!.position, position) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

export class MemoryDatabase {
  readonly partitions: number;
  readonly now: () => number;
  readonly streams = new AggregateMap<AggregateStream>();
  readonly states = new AggregateMap<StoredState>();
  readonly snapshots = new AggregateMap<StoredSnapshot>();
  /** Content-addressed values (ContentStore): kind → id → canonical JSON. */
  readonly contents = new Map<string, Map<string, string>>();
  /** Command marks (EventStore.appliedCommand) per aggregate and command id, with their expiry. */
  readonly appliedCommands = new AggregateMap<Map<string, { readonly applied: AppliedCommand; readonly expiresAt: number }>>();
  /** Idempotency records as JSON (a replayed result is a copy, as from Redis), with their expiry. */
  readonly idempotency = new Map<string, { readonly json: string; readonly expiresAt: number }>();
  private readonly logs: LogEntry[][];

  constructor(private readonly options: MemoryDatabaseOptions) {
    if (!Number.isInteger(options.partitions) || options.partitions < 1) throw new Error(`partitions must be a positive integer, got ${options.partitions}`);
    this.partitions = options.partitions;
    this.now = options.now ?? Date.now;
    this.logs = Array.from({ length: options.partitions }, () => []);
  }

  /** The same partition the Redis layout computes, so positions and tokens agree across twins. */
  partitionOf(ref: StreamRef): number {
    return partitionOf(ref.aggregateType, ref.aggregateId, this.partitions);
  }

  /** Announces every part a write touches; call it before the write's first change. */
  willWrite(targets: readonly WriteTarget[]): void {
    for (const target of targets) this.options.beforeWrite?.(target);
  }

  /** Appends to a partition log; returns the new entries' positions. */
  appendToLog(partition: number, entries: ReadonlyArray<Omit<LogEntry, 'position'>>): string[] {
    const log = this.log(partition);
    return entries.map((entry) => {
      const position = nextPosition(log.at(-1)?.position ?? null, this.now());
      log.push({ ...entry, position });
      return position;
    });
  }

  /** Up to `count` entries strictly after `afterPosition`. */
  logAfter(partition: number, afterPosition: string, count: number): LogEntry[] {
    const log = this.log(partition);
    const from = firstAfter(log, afterPosition);
    return log.slice(from, from + count);
  }

  /** Position of the last entry, '0' when the log is empty. */
  logHead(partition: number): string {
    return this.log(partition).at(-1)?.position ?? '0';
  }

  private log(partition: number): LogEntry[] {
    const log = this.logs[partition];
    if (!log) throw new Error(`partition ${partition} is outside 0..${this.partitions - 1}`);
    return log;
  }
}
