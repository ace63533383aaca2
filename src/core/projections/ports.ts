/**
 * The read side's ports and vocabulary: projections and durable handlers, their statuses and dead
 * letters, the read store that manages generations, the projection runtime (Redis or memory) the
 * manager drives, and the live event bus. Storage, guard and maintenance ports are in ../ports.ts.
 */
import type { EventEnvelope } from '../messages.js';
import type { CollectionDefinition, IndexDefinition, Page, PartitionEntry, QueryCriteria, ReadDocument, ReadStore, ReadWrite } from '../ports.js';

// ── projections and handlers ─────────────────────────────────────────────────────────────────

/** Reads on the generation a projection is writing (during a rebuild: the one being built). */
export interface ReadView {
  get<T extends ReadDocument>(collection: string, id: string): Promise<T | null>;
  findUnique<T extends ReadDocument>(collection: string, index: string, value: string): Promise<T | null>;
  query<T extends ReadDocument>(collection: string, criteria?: QueryCriteria): Promise<Page<T>>;
}

export interface Projection {
  /** Also the read-model namespace (hash tag) and consumer-group name: [A-Za-z0-9_-]. */
  readonly name: string;
  /** Bump to rebuild from the start of the logs into a fresh generation, swapped in when caught up. */
  readonly version: number;
  readonly collections: readonly CollectionDefinition[];
  /** Event types this projection reads; other events are only checkpointed. Default: all. */
  readonly handles?: readonly string[];
  project(event: EventEnvelope, view: ReadView): readonly ReadWrite[] | Promise<readonly ReadWrite[]>;
}

export type HandlerKind = 'projection' | 'process_manager' | 'saga' | 'notification';

/**
 * A consumer of events that is not a read model. Durable ones (process managers, sagas) run
 * under the projection manager over the partition logs: at-least-once, so `handle` must be
 * idempotent (e.g. derive command ids / idempotency keys from the event id). Live ones
 * (notifications) subscribe to the event bus.
 */
export interface EventHandler {
  readonly name: string;
  readonly kind: HandlerKind;
  readonly handles?: readonly string[];
  handle(event: EventEnvelope): void | Promise<void>;
}

/** Projection statuses and operator control: what ops and GraphQL need from the ProjectionManager (which fits it). */
export interface ProjectionControl {
  names(): readonly string[];
  status(): Promise<readonly ProjectionStatus[]>;
  reset(name: string): Promise<void>;
  rebuild(name: string): Promise<void>;
  /** Newest first, at most `limit`. */
  deadLetters(name: string, limit?: number): Promise<DeadLetter[]>;
  /**
   * Projects the dead letters again (all, or only those with these ids: see deadLetterId); those
   * failing again stay. Returns how many succeeded.
   */
  retryDeadLetters(name: string, ids?: readonly string[]): Promise<number>;
  /** Drops the dead letters (all, or only those with these ids); returns how many. */
  skipDeadLetters(name: string, ids?: readonly string[]): Promise<number>;
}

export type ProjectionState = 'stopped' | 'running' | 'catching_up' | 'faulted' | 'rebuilding';

export interface ProjectionLag {
  /** Events in the logs not yet applied (all partitions). */
  readonly events: number;
  /** now − time of the oldest unapplied event; 0 when caught up. */
  readonly ms: number;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly kind: HandlerKind;
  readonly version: number;
  readonly state: ProjectionState;
  /** The generation queries read. */
  readonly generation: number;
  /** Last applied position per partition ('0' = nothing yet), of the active generation. */
  readonly checkpoint: readonly string[];
  readonly lag: ProjectionLag;
  /** Counted by this process since it started. */
  readonly processedEvents: number;
  readonly failedEvents: number;
  /** Entries in the dead-letter list (all processes). */
  readonly deadLetters: number;
  /** The generation being built, if any (its checkpoint matters to log trimming: it reads from 0). */
  readonly rebuild: { readonly generation: number; readonly version: number; readonly checkpoint: readonly string[]; readonly lag: ProjectionLag } | null;
  readonly lastError: string | null;
}

export interface DeadLetter {
  readonly projection: string;
  readonly generation: number;
  /** The entry and its event; `undecodable` is set when the stored event could not be read. */
  readonly entry: PartitionEntry & { readonly undecodable?: string };
  readonly error: string;
  readonly attempts: number;
  readonly at: string;
}

export interface RetryPolicy {
  readonly strategy: 'fixed' | 'linear' | 'exponential';
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts per event (the first one included); then it is dead-lettered. */
  readonly maxAttempts: number;
}

/** A read-your-writes token: where an event sits in the partition logs. */
export interface LogPosition {
  readonly partition: number;
  readonly position: string;
}

/**
 * A ReadStore that also manages its collections: which projection owns them (their namespace:
 * hash tag and generations), indexes created and dropped on demand, reads pinned to a generation.
 */
export interface ManagedReadStore extends ReadStore {
  /** Declares ownership and makes sure the declared indexes exist (built from existing documents). */
  register(namespace: string, collections: readonly CollectionDefinition[]): Promise<void>;
  /** Ownership only, without touching storage (processes that read but do not manage projections). */
  own(namespace: string, collections: readonly CollectionDefinition[]): void;
  namespaceOf(collection: string): string;
  createIndex(collection: string, index: IndexDefinition): Promise<void>;
  dropIndex(collection: string, name: string): Promise<void>;
  /** Reads pinned to one generation of a namespace (`null` = the active one at each call). */
  at(namespace: string, generation: number | null): ReadView;
}

// ── the projection runtime ───────────────────────────────────────────────────────────────────
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
  /**
   * Removes and returns the dead letters, oldest first (a retry or a skip): every one, or only
   * those whose deadLetterId is in `ids`. Two concurrent takes never both get the same letter.
   */
  takeDeadLetters(name: string, ids?: readonly string[]): Promise<DeadLetter[]>;
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

// ── the live event bus ───────────────────────────────────────────────────────────────────────

/**
 * Everything (`'all'` or `{}`), or the events that meet every given criterion: an aggregate type,
 * one aggregate of it, some event types.
 */
export type EventFilter =
  | 'all'
  | { readonly aggregateType?: string; readonly aggregateId?: string; readonly eventTypes?: readonly string[] };

/** A bare function counts as a `notification` handler in the metrics. */
export type LiveHandler = ((event: EventEnvelope) => void | Promise<void>) | EventHandler;

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface EventBusMetrics {
  readonly published: number;
  readonly processed: number;
  readonly failed: number;
  /** Handler run time. */
  readonly latency: LatencySummary;
  /** From the event's createdAt to its delivery to a handler on this node. */
  readonly deliveryLag: LatencySummary;
  readonly byKind: Readonly<Record<HandlerKind, { readonly processed: number; readonly failed: number }>>;
}

export interface EventStreamOptions {
  /**
   * Events that may wait for a reader that does not keep up; one more ends the stream with a
   * SubscriberTooSlowError (memory stays bounded). Unbounded when absent.
   */
  readonly bufferLimit?: number;
}

export interface EventStream extends AsyncIterableIterator<EventEnvelope> {
  /** Resolves once the subscription is active: every event published afterwards is delivered. */
  readonly ready: Promise<void>;
  /** Unsubscribes; pending next() calls resolve as done. */
  return(): Promise<IteratorResult<EventEnvelope>>;
}

export interface EventBus {
  publish(event: EventEnvelope): Promise<void>;
  /** One round trip for many events (a command's whole result). */
  publishBatch(events: readonly EventEnvelope[]): Promise<void>;
  /** Resolves once the subscription is active; the returned function unsubscribes. */
  subscribe(filter: EventFilter, handler: LiveHandler): Promise<() => Promise<void>>;
  /**
   * For GraphQL subscriptions: subscribes at once (not on the first next()), buffers, and ends when
   * the client calls return() or the bus closes. Await `ready` before reading what was missed, and
   * catch-up + live has no gap.
   */
  asyncIterator(filter: EventFilter, options?: EventStreamOptions): EventStream;
  /**
   * Calls `listener` each time the bus is subscribed again after losing its connection: events
   * published while it was down never arrive, so live readers refill from the store. Returns a
   * function that stops listening. (A bus that cannot lose messages never calls it.)
   */
  onResubscribed(listener: () => void): () => void;
  metrics(): EventBusMetrics;
  /** Drains subscriptions and iterators, then closes connections. */
  close(): Promise<void>;
}
