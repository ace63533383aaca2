/**
 * The port the projection manager drives: consumer groups over the partition logs, partition
 * leases, atomic "apply writes + move checkpoint", dead letters and generations. Redis implements
 * it with consumer groups and Lua (infrastructure/redis/projectionRuntime.ts); the in-memory twin
 * emulates the same rules, so the manager's logic is tested against both.
 *
 * Why leases on top of consumer groups: a group hands a stream's entries to whichever consumer
 * asks first, so two workers in one group would apply events of the SAME aggregate concurrently
 * and out of order. Each (projection generation, partition) therefore has one lease holder at a
 * time; the group still provides delivery tracking, the pending list of a dead worker and its
 * delivery counts. The lease is checked inside the atomic apply, so a worker that lost it (a long
 * GC pause, a network split) can never write.
 */
import type { DeadLetter, ReadView } from './projection.js';
import type { CollectionDefinition, PartitionEntry, ReadWrite } from './ports.js';

/** One generation of one projection: its read-model copy and its consumer group. */
export interface GenerationRef {
  readonly name: string;
  readonly generation: number;
}

export interface ProjectionLayout {
  /** The generation queries read. */
  readonly active: number;
  readonly activeVersion: number;
  /** The generation a rebuild is writing, if any. */
  readonly building: number | null;
  readonly buildingVersion: number | null;
}

export interface DeliveredEntry extends PartitionEntry {
  /** Earlier deliveries that never got acknowledged (crashes, lost leases): counted as failed attempts. */
  readonly priorAttempts: number;
  /**
   * Set when the stored event could not be decoded (checksum, upcaster…): `event` then only holds
   * what the log entry itself says, and the entry goes straight to the dead-letter list.
   */
  readonly undecodable?: string;
  /** With `undecodable`: the referenced event is gone from its stream (compacted after archiving). */
  readonly compacted?: boolean;
}

export interface ProjectedEntry {
  readonly position: string;
  readonly writes: readonly ReadWrite[];
}

export type ApplyOutcome =
  | { readonly status: 'applied'; readonly applied: number; readonly skipped: number }
  /** The lease moved to another worker: stop this partition, write nothing. */
  | { readonly status: 'lost_lease' }
  /** The generation was swapped out or abandoned: stop it. */
  | { readonly status: 'retired' };

export interface PartitionLag {
  readonly events: number;
  /** Epoch ms of the oldest entry not yet applied, null when caught up. */
  readonly oldestAt: number | null;
}

export interface ProjectionRuntime {
  readonly partitions: number;
  /**
   * Tells the read store which projection owns these collections (their namespace), without a
   * round trip: every process that registers a projection can then query its read models, even
   * when the projection itself runs in another worker.
   */
  own(name: string, collections: readonly CollectionDefinition[]): void;
  /** Creates generation 1 with its consumer groups on first use, declares the collections; returns the layout. */
  prepare(name: string, version: number, collections: readonly CollectionDefinition[]): Promise<ProjectionLayout>;
  layout(name: string): Promise<ProjectionLayout>;
  /**
   * Starts building a new generation from position 0 of every partition (idempotent for the same
   * version; a rebuild for an older version is abandoned).
   */
  beginRebuild(name: string, version: number, collections: readonly CollectionDefinition[]): Promise<ProjectionLayout>;
  /**
   * Atomically makes the building generation active once its checkpoint has reached the active
   * one's on every partition (reads never go back in time), then retires the old generation
   * (consumer groups destroyed, keys deleted in the background). False when not ready yet.
   */
  completeRebuild(name: string, generation: number): Promise<boolean>;

  /** Registers a live worker of this projection; returns how many are live (its fair share of partitions). */
  heartbeat(name: string, consumer: string, ttlMs: number): Promise<number>;
  leave(name: string, consumer: string): Promise<void>;
  /** Takes or renews the lease; false when another consumer holds it. */
  acquire(ref: GenerationRef, partition: number, consumer: string, ttlMs: number): Promise<boolean>;
  release(ref: GenerationRef, partition: number, consumer: string): Promise<void>;

  /** Entries delivered earlier and never acknowledged (any consumer), oldest first; now delivered to `consumer`. */
  claimPending(ref: GenerationRef, partition: number, consumer: string, count: number): Promise<DeliveredEntry[]>;
  /** Entries never delivered to this generation's group (plus any older ones a stale worker read meanwhile). */
  readNew(ref: GenerationRef, partition: number, consumer: string, count: number): Promise<DeliveredEntry[]>;
  /** Writes + checkpoint, atomically, fenced by the lease, skipping positions already applied. */
  apply(ref: GenerationRef, partition: number, consumer: string, entries: readonly ProjectedEntry[]): Promise<ApplyOutcome>;
  ack(ref: GenerationRef, partition: number, positions: readonly string[]): Promise<void>;
  /** Records a poison entry (with its error) and moves the checkpoint past it, fenced like apply. */
  deadLetter(ref: GenerationRef, partition: number, consumer: string, letter: Omit<DeadLetter, 'projection' | 'generation' | 'at'>): Promise<ApplyOutcome>;

  /** Last applied position per partition ('0' = none); `null` generation = the active one. */
  checkpoints(name: string, generation: number | null): Promise<string[]>;
  lag(ref: GenerationRef): Promise<PartitionLag>;
  deadLetterCount(name: string): Promise<number>;
  /** Newest first. */
  deadLetters(name: string, limit: number): Promise<DeadLetter[]>;
  /** Removes and returns every dead letter, oldest first (a retry or a skip). */
  takeDeadLetters(name: string): Promise<DeadLetter[]>;
  /** Puts a dead letter back (a retry that failed again). */
  restoreDeadLetter(letter: DeadLetter): Promise<void>;
  /** Writes to the active generation outside partition order (dead-letter retries only). */
  writeActive(name: string, writes: readonly ReadWrite[]): Promise<void>;
  /** Reads on one generation (what a projection sees while it writes that generation). */
  view(ref: GenerationRef): ReadView;
  /** Calls `listener` when a partition log may have grown (a wake-up hint, not a guarantee). */
  onAppend(listener: (partition: number) => void): () => void;
  close(): Promise<void>;
}
