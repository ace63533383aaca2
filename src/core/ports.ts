/**
 * The seams between the core and the world. Each port has a Redis implementation
 * (infrastructure/redis) and an in-memory one (infrastructure/memory) that pass the same
 * contract tests.
 */
import type { EventEnvelope, NewEvent } from './messages.js';

export interface StreamRef {
  readonly aggregateType: string;
  readonly aggregateId: string;
}

/**
 * What the writer believes about the stream:
 * `any` skips the check, `no_stream` requires that it does not exist yet,
 * `stream_exists` that it does, a number that its last version is exactly that.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /** Hybrid aggregates: the state after these events, written in the same atomic step. */
  readonly state?: unknown;
  /**
   * The shape of `state` (the decider's `snapshotVersion`), stored beside it: a loader that finds
   * another shape rebuilds the state from the events instead of trusting it.
   */
  readonly stateSchema?: string;
  /** A snapshot to write in the same step (the repository decides when one is due). */
  readonly snapshot?: Snapshot;
  /**
   * The command this append carries out, when the client sent an idempotency key: recorded on the
   * aggregate in the same atomic step. If it is already recorded there, nothing is appended (before
   * the expected-version check) and the result reports what it appended then (`applied`).
   */
  readonly command?: CommandMark;
}

/** A command's idempotency mark, recorded beside the aggregate it wrote (same Cluster slot). */
export interface CommandMark {
  /** A hash of the caller's scoped idempotency key (never the raw key). */
  readonly id: string;
  /** The input fingerprint: the same key with other input must be refused, not answered. */
  readonly fingerprint: string;
  /** How long the mark is kept (the idempotency TTL). */
  readonly ttlSeconds: number;
}

/** What a recorded command appended to its aggregate. */
export interface AppliedCommand {
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Partition-log positions of those events, in order. */
  readonly positions: readonly string[];
  readonly fingerprint: string;
}

export interface AppendResult {
  /** The aggregate version after the append. */
  readonly nextVersion: number;
  /** Partition-log positions of the appended events, in order (read-your-writes tokens). */
  readonly positions: readonly string[];
  readonly envelopes: readonly EventEnvelope[];
  /**
   * True when the durability mode waits for replicas (eventStore.durability: replicated) and too
   * few confirmed in time: the primary applied the append, a failover may still lose it.
   */
  readonly unconfirmed?: boolean;
  /**
   * Set when the append's command (AppendOptions.command) was already recorded on the aggregate:
   * nothing was appended now (`envelopes` and `positions` are empty); this is what it appended then.
   */
  readonly applied?: AppliedCommand;
}

/**
 * Whether committed events reached the replicas the durability mode asks for, checked again
 * later (a retry of a command whose first answer was DURABILITY_TIMEOUT): `lost` when the store
 * no longer holds them (a failover dropped them), so the command may run again.
 */
export interface DurabilityCheck {
  confirm(events: readonly EventEnvelope[]): Promise<'confirmed' | 'unconfirmed' | 'lost'>;
}

export interface ReadOptions {
  /** First version to return (inclusive); default 1. */
  readonly fromVersion?: number;
  /** Last version to return (inclusive). */
  readonly toVersion?: number;
  readonly limit?: number;
}

export interface StreamOptions {
  readonly fromVersion?: number;
  /** Last version to return (inclusive): time travel reads a stream only up to the version asked for. */
  readonly toVersion?: number;
  readonly batchSize?: number;
}

export interface EventStore {
  /** Atomic: all events (and the state, for hybrids) or nothing. Throws ConflictError naming the actual version. */
  append(ref: StreamRef, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  read(ref: StreamRef, options?: ReadOptions): Promise<EventEnvelope[]>;
  /** The stream from a version up to a version (both inclusive; default the whole stream), fetched in batches. */
  stream(ref: StreamRef, options?: StreamOptions): AsyncIterable<EventEnvelope>;
  /** 0 when the stream does not exist. */
  lastVersion(ref: StreamRef): Promise<number>;
  exists(ref: StreamRef): Promise<boolean>;
  /** What the command `commandId` appended to this aggregate (AppendOptions.command), while its mark lasts; null otherwise. */
  appliedCommand(ref: StreamRef, commandId: string): Promise<AppliedCommand | null>;
}

export interface Snapshot<S = unknown> {
  readonly version: number;
  /** Version of the state's shape (the decider's `snapshotVersion`); a mismatch makes the snapshot ignored. */
  readonly schema: string;
  readonly state: S;
  readonly takenAt: string;
}

/** A cache: deleting a snapshot never loses data. */
export interface SnapshotStore {
  save(ref: StreamRef, snapshot: Snapshot): Promise<void>;
  load(ref: StreamRef): Promise<Snapshot | null>;
  delete(ref: StreamRef): Promise<void>;
}

export interface StoredState<S = unknown> {
  readonly state: S;
  readonly version: number;
  /** The state's shape (the decider's `snapshotVersion`) when it was written with one (hybrid appends). */
  readonly schema?: string;
}

export interface StateStore {
  load(ref: StreamRef): Promise<StoredState | null>;
  /**
   * Optimistic save: fails with ConflictError when the stored version is not `expectedVersion`.
   * `events` (the changes that produced the state) go to the partition log in the same atomic
   * step, so projections and subscribers see state-based aggregates too.
   */
  save(ref: StreamRef, state: unknown, options: { expectedVersion: ExpectedVersion; events?: readonly NewEvent[] }): Promise<AppendResult>;
  delete(ref: StreamRef): Promise<void>;
}

/** One entry of a partition log, with the event it points at resolved. */
export interface PartitionEntry {
  readonly partition: number;
  readonly position: string;
  readonly event: EventEnvelope;
}

/** The partition logs every append feeds: read in order by projections and process managers. */
export interface PartitionLog {
  readonly partitions: number;
  /** Entries strictly after `afterPosition` ('0' = from the start). */
  read(partition: number, afterPosition: string, count: number): Promise<PartitionEntry[]>;
  /** The newest position of a partition ('0' when empty). */
  head(partition: number): Promise<string>;
}

/**
 * Immutable values stored once and referred to by the hash of their content (core/contentId.ts),
 * e.g. the balance version a game was created with: events and states carry the 22-character id
 * instead of the value. A stored value never changes (a different value has a different id), so
 * readers may cache it forever and replays stay deterministic.
 */
export interface ContentStore {
  /** Stores `value` under `kind` (idempotent) and returns its content id. */
  put(kind: string, value: unknown): Promise<string>;
  /** The value stored under that id, or null. Throws when the stored bytes no longer hash to `id` (tampered with). */
  get(kind: string, id: string): Promise<unknown>;
}

export type IdempotencyClaim<R> =
  | { readonly status: 'new' }
  | { readonly status: 'done'; readonly result: R }
  | { readonly status: 'pending' }
  | { readonly status: 'mismatch' };

/** Remembers command results by idempotency key so a retried mutation does not run twice. */
export interface IdempotencyStore {
  /** Claims `key` for a request whose input hashes to `fingerprint`. */
  claim<R>(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim<R>>;
  complete(key: string, fingerprint: string, result: unknown, ttlSeconds: number): Promise<void>;
  /** Forgets a claim whose command failed, so a retry may run it. */
  release(key: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Read side
// ---------------------------------------------------------------------------------------------

export type ReadDocument = Readonly<Record<string, unknown>>;

/**
 * unique: value → id (e.g. lowercased username); set: value → ids (e.g. status);
 * sorted: ids ordered by a numeric field (e.g. createdAt ms, score).
 */
export interface IndexDefinition {
  readonly name: string;
  readonly kind: 'unique' | 'set' | 'sorted';
  /** The document field the index is built from (numeric for `sorted`). */
  readonly field: string;
}

export interface CollectionDefinition {
  readonly name: string;
  readonly indexes?: readonly IndexDefinition[];
  /**
   * Default true. `false`: the collection keeps no list of every id (in Redis, no `#ids` sorted
   * set: ~100+ bytes per document saved) because its documents are only read by id, by a unique
   * index, or through a set/sorted index. Then:
   * - `query()` needs something other than the id list to enumerate: a `where` on a set or unique
   *   index, or a sorted index to order by; a query that would list every id is refused with a
   *   ValidationError on `where`;
   * - a document without fields does not exist (a `put` of `{}` removes it, a `patch` of `{}`
   *   creates nothing);
   * - index builds (a new index at registration, `createIndex`) and turning listing back on find
   *   the documents by scanning the generation's keys (in Redis a SCAN in one script: it blocks
   *   for the scan, so add indexes to large unlisted collections with care). Switching a
   *   collection between listed and unlisted is recorded at `register` and needs no rebuild.
   */
  readonly listed?: boolean;
}

export type ReadWrite =
  | { readonly op: 'put'; readonly collection: string; readonly id: string; readonly doc: ReadDocument }
  /** Merges top-level fields into an existing document (creates it when missing). */
  | { readonly op: 'patch'; readonly collection: string; readonly id: string; readonly fields: ReadDocument }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

export interface QueryCriteria {
  /** Equality filters; each field needs a `set` or `unique` index. */
  readonly where?: Readonly<Record<string, string | number | boolean>>;
  /** A `sorted` index to order by (default: the collection's first sorted index). */
  readonly orderBy?: string;
  readonly direction?: 'ASC' | 'DESC';
  readonly first?: number;
  /** Opaque cursor from a previous page's `endCursor`. */
  readonly after?: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** One opaque cursor per item (resume after that item). */
  readonly cursors?: readonly string[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** The read store: read models in Redis hashes, indexes in sets / sorted sets. */
export interface ReadStore {
  get<T extends ReadDocument>(collection: string, id: string): Promise<T | null>;
  getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<(T | null)[]>;
  findUnique<T extends ReadDocument>(collection: string, index: string, value: string): Promise<T | null>;
  query<T extends ReadDocument>(collection: string, criteria?: QueryCriteria): Promise<Page<T>>;
  /** Applies a batch atomically. */
  write(writes: readonly ReadWrite[]): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

/**
 * Claims unique values (a username, an email) for an owner before the owning aggregate is
 * written: the strongly consistent half of a uniqueness rule that spans aggregates.
 */
export interface UniquenessStore {
  /** Returns null when `owner` now holds `value`, or the id of the owner that already holds it. */
  reserve(scope: string, value: string, owner: string): Promise<string | null>;
  /** Releases `value` only if `owner` still holds it. */
  release(scope: string, value: string, owner: string): Promise<void>;
  lookup(scope: string, value: string): Promise<string | null>;
}

export interface RateDecision {
  readonly allowed: boolean;
  readonly count: number;
  /** Seconds until the current window ends. */
  readonly retryAfterSeconds: number;
}

/** Fixed-window counters shared by every node (login and registration throttling). */
export interface RateLimiter {
  hit(bucket: string, limit: number, windowSeconds: number): Promise<RateDecision>;
  /** Current count without counting a hit. */
  peek(bucket: string, limit: number, windowSeconds: number): Promise<RateDecision>;
  reset(bucket: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Leases
// ---------------------------------------------------------------------------------------------

/** Who holds a lease, under which fencing token. */
export interface LeaseHolder {
  readonly holder: string;
  /** Grows with every acquisition of the lease and is never reused: a later holder always has a larger one. */
  readonly token: number;
}

/**
 * A named lease at most one holder has at a time, for `ttlMs` unless renewed: what keeps the
 * cluster-wide timers (the scheduler role) running in exactly one process. A holder that stops
 * renewing (killed, paused, cut off) loses it when the TTL runs out; from then on its renewals
 * fail, even if nobody has taken the lease yet (fencing by token).
 */
export interface LeaseStore {
  /** Takes the lease when nobody holds it; answers the new fencing token, or null when someone does. */
  acquire(name: string, holder: string, ttlMs: number): Promise<number | null>;
  /** Extends it for `ttlMs` only while `holder` still holds it under `token`; false = lost. */
  renew(name: string, holder: string, token: number, ttlMs: number): Promise<boolean>;
  /** Gives it up (only if still held under `token`), so a standby need not wait for the TTL. */
  release(name: string, holder: string, token: number): Promise<void>;
  current(name: string): Promise<LeaseHolder | null>;
}

/**
 * Bounded concurrency shared by every node: at most `limit` live tokens per (scope, owner), e.g.
 * replays per user. Each token is a lease: its holder renews it while it works and releases it
 * when done; a holder that dies (a crashed node) stops renewing, and its token stops counting once
 * the lease runs out. Expiry is measured on the store's clock (Redis TIME), never the nodes'.
 */
export interface ConcurrencySlots {
  /** Takes a slot for `token` unless `limit` live tokens hold them all; true = taken (or already held: renewed). */
  acquire(scope: string, owner: string, token: string, limit: number, ttlMs: number): Promise<boolean>;
  /** Extends the lease of a live token; false when it has expired (the slot may be someone else's by now). */
  renew(scope: string, owner: string, token: string, ttlMs: number): Promise<boolean>;
  /** Frees the slot at once (harmless when the token already expired or was released). */
  release(scope: string, owner: string, token: string): Promise<void>;
  /** Live tokens of the owner. */
  held(scope: string, owner: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Personal data
// ---------------------------------------------------------------------------------------------

/**
 * Crypto-shredding: personal data (an email, free text a person wrote) enters events sealed with
 * a data key of the person it belongs to (its subject, a user id). Keys live apart from the
 * events, wrapped by a master key from configuration; forgetting a subject destroys its key, so
 * every sealed value of it, in events, snapshots, read models and archives, becomes unreadable.
 */
export interface PersonalDataVault {
  /** The value sealed with the subject's data key (created on first use). Throws RuleBrokenError SUBJECT_FORGOTTEN once forgotten. */
  seal(subjectId: string, plaintext: string): Promise<string>;
  /**
   * The plaintext of a sealed value, or null when its subject was forgotten. A value that is not
   * sealed is legacy plaintext (written before sealing existed) and comes back as it is; a
   * redacted one (REDACTED) comes back null.
   */
  open(value: string | null | undefined): Promise<string | null>;
  /** Destroys the subject's data key for good (a tombstone takes its place); idempotent. False when it was forgotten already. */
  forget(subjectId: string): Promise<boolean>;
  /** True for a sealed value, and for a legacy one redacted when its person was forgotten (core/personalData.ts REDACTED): no plaintext either way. */
  isSealed(value: unknown): boolean;
  /**
   * A keyed hash (HMAC with a key derived from the master key) for lookups and reservations of a
   * personal value (e.g. unique emails) that must not store the value itself.
   */
  blindIndex(scope: string, value: string): Promise<string>;
  /** The id stored keys name the current master key by (8 hex of a hash, never the key). */
  readonly currentMasterKeyId: string;
  /**
   * Master-key rotation: rewraps every stored key not wrapped by the current master key (the
   * maintenance task ROTATE_DATA_KEYS). Keys wrapped by an unknown master key are listed in `failed`.
   */
  rewrapAll(): Promise<DataKeyRotation>;
}

export interface DataKeyRotation {
  readonly masterKeyId: string;
  readonly scanned: number;
  readonly rewrapped: number;
  readonly alreadyCurrent: number;
  readonly forgotten: number;
  /** Subjects whose key could not be opened with any configured master key (at most 100 named). */
  readonly failed: readonly string[];
}

/** Where wrapped data keys are kept (Redis, or the in-memory twin). Values are opaque strings. */
export interface DataKeyStore {
  get(subjectId: string): Promise<string | null>;
  /** Stores `wrapped` unless the subject has a key (or a tombstone) already; returns what is stored now. */
  putIfAbsent(subjectId: string, wrapped: string): Promise<string>;
  /** Replaces whatever is stored by `tombstone`; true when it was not a tombstone before. */
  bury(subjectId: string, tombstone: string): Promise<boolean>;
  /** Replaces `expected` by `next` only if `expected` is still what is stored (rewrapping loses to a concurrent bury). */
  replaceIf(subjectId: string, expected: string, next: string): Promise<boolean>;
  /** Every subject with a stored key or tombstone (any order; may repeat under concurrent writes). */
  subjects(): AsyncIterable<string>;
}

// ---------------------------------------------------------------------------------------------
// Maintenance
// ---------------------------------------------------------------------------------------------

/**
 * The cold tier of the event log: events compaction moved out of their aggregate streams into
 * verified archives. A reader that finds an event gone from its stream (a projection rebuild,
 * a new consumer group) reads it here, byte for byte as it was stored, and decodes it exactly as
 * it would have from Redis — the log stays complete, only the storage of old payloads changed.
 */
export interface EventArchive {
  /** The archived entry of `ref` at `version`, or null when no archive holds it. */
  find(ref: StreamRef, version: number): Promise<RawEvent | null>;
}

/** A partition-log entry as stored, with the event it points at (null when it cannot be resolved). */
export interface PartitionArchiveEntry {
  readonly position: string;
  readonly fields: ReadonlyArray<readonly [string, Buffer]>;
  readonly event: EventEnvelope | null;
}

/** One aggregate-stream entry exactly as stored (field order kept). */
export interface RawEvent {
  readonly version: number;
  readonly fields: ReadonlyArray<readonly [string, Buffer]>;
}

/** What every consumer group of one partition log has acknowledged. */
export interface ConsumerFloor {
  readonly partition: number;
  /** The newest entry (never trimmed); null when the log is empty. */
  readonly head: string | null;
  /** Entries with a smaller id are acknowledged by every group (capped at the head); null = no group. */
  readonly trimBelow: string | null;
  readonly groups: number;
}

/** The storage operations operator maintenance needs (compaction, restore, log trimming); Redis implements it (infrastructure/redis/maintenanceStore.ts). */
export interface MaintenanceStore {
  listAggregateIds(aggregateType: string): AsyncIterable<string>;
  readRaw(ref: StreamRef, fromVersion: number, toVersion: number): Promise<RawEvent[]>;
  decode(ref: StreamRef, raw: RawEvent): EventEnvelope;
  /** First and last version still in the stream; null when it has no entries. */
  bounds(ref: StreamRef): Promise<{ readonly first: number; readonly last: number } | null>;
  /** Removes the entries below `version`; returns how many. */
  trimStreamBelow(ref: StreamRef, version: number): Promise<number>;
  /** Puts archived entries back where they are missing (atomically rebuilding the stream). */
  restoreStream(ref: StreamRef, events: readonly RawEvent[]): Promise<{ readonly restored: number; readonly alreadyPresent: number }>;
  partitionFloor(partition: number): Promise<ConsumerFloor>;
  /** Lowest aggregate version per `<type>\u0000<id>` among log entries from `from` on (null = the start). */
  unconsumedVersions(partition: number, from: string | null): Promise<Map<string, number>>;
  readPartitionBelow(partition: number, belowId: string, count: number): Promise<PartitionArchiveEntry[]>;
  trimPartitionBelow(partition: number, minId: string): Promise<number>;
  /** An event exactly as stored: checksum verified, NOT upcast (what a rewrite must start from). */
  decodeStored(ref: StreamRef, raw: RawEvent): EventEnvelope;
  /** The stored fields of `event` with `data` replaced (same serializer, compression and field rules; a new checksum). */
  reencode(event: EventEnvelope, data: object): RawEvent;
  /**
   * Replaces entries of an aggregate stream under their own ids (versions), atomically: an entry
   * whose checksum is no longer `expectedChecksum` (rewritten meanwhile) is left alone. Returns
   * how many were replaced. Partition-log references (type, id, version) stay valid.
   */
  rewriteEntries(ref: StreamRef, entries: ReadonlyArray<{ readonly expectedChecksum: string; readonly event: RawEvent }>): Promise<number>;
  /** Rewrites the aggregate's current state and snapshot through `scrub` (kept when unchanged or when the version moved meanwhile); how many were rewritten. */
  scrubStates(ref: StreamRef, scrub: (state: unknown) => unknown): Promise<number>;
}
