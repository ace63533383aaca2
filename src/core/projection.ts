/**
 * The read side's vocabulary: projections (events → read-model writes), durable event handlers
 * (process managers, sagas, notifications), their runtime states and the retry policy.
 *
 * A projection is pure data-in/writes-out: it returns ReadWrites and never writes itself, so the
 * runtime can apply them atomically together with the "this event is applied" mark. That is what
 * makes at-least-once delivery have an exactly-once effect.
 */
import type { EventEnvelope } from './messages.js';
import { ValidationError } from './errors.js';
import { partitionOf } from './partition.js';
import type { CollectionDefinition, IndexDefinition, Page, PartitionEntry, QueryCriteria, ReadDocument, ReadStore, ReadWrite } from './ports.js';

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

/** Durable handlers run under the projection manager as projections that write nothing. */
export const handlerAsProjection = (h: EventHandler): Projection => ({
  name: h.name,
  version: 1,
  collections: [],
  ...(h.handles ? { handles: h.handles } : {}),
  project: async (event) => {
    await h.handle(event);
    return [];
  },
});

/** Projection statuses and operator control: what ops and GraphQL need from the ProjectionManager (which fits it). */
export interface ProjectionControl {
  names(): readonly string[];
  status(): Promise<readonly ProjectionStatus[]>;
  reset(name: string): Promise<void>;
  rebuild(name: string): Promise<void>;
  /** Projects the dead letters again (those failing again stay); returns how many succeeded. */
  retryDeadLetters(name: string): Promise<number>;
  /** Drops the dead letters; returns how many. */
  skipDeadLetters(name: string): Promise<number>;
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

/** Delay before retry number `attempt` (1 = the first retry): fixed base, base·n or base·2^(n−1), capped. */
export const retryDelay = (policy: RetryPolicy, attempt: number): number => {
  const n = Math.max(1, attempt);
  const raw =
    policy.strategy === 'fixed' ? policy.baseDelayMs : policy.strategy === 'linear' ? policy.baseDelayMs * n : policy.baseDelayMs * 2 ** (n - 1);
  return Math.min(raw, policy.maxDelayMs);
};

/**
 * Partition-log positions are stream ids `<ms>-<seq>` ('0' = before everything), generated by
 * Redis XADD or by the in-memory twin with the same rules. They do not sort as strings
 * ("9-0" > "10-0"): this is the one comparator, for core and both storage twins.
 */
export const comparePosition = (a: string, b: string): number => {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
};

/** A read-your-writes token: where an event sits in the partition logs. */
export interface LogPosition {
  readonly partition: number;
  readonly position: string;
}

/** The read-your-writes tokens (`"<partition>:<position>"`) of committed events; clients send them back in X-Read-After. */
export const readAfterTokens = (events: readonly EventEnvelope[], partitions: number): string[] =>
  events.flatMap((e) => (e.position === undefined ? [] : [`${partitionOf(e.aggregateType, e.aggregateId, partitions)}:${e.position}`]));

/** An `X-Read-After` header: comma-separated tokens, at most 100; anything else is the client's mistake. */
export const parseReadAfter = (header: string): LogPosition[] => {
  const tokens = header.split(',').map((t) => t.trim()).filter(Boolean);
  if (tokens.length > 100 || tokens.some((t) => !/^\d+:\d+-\d+$/.test(t))) throw ValidationError.field('x-read-after', 'Expected comma-separated <partition>:<stream id> tokens');
  return tokens.map(parseLogPosition);
};

/** `"<partition>:<position>"` or a LogPosition. */
export const parseLogPosition = (token: string | LogPosition): LogPosition => {
  if (typeof token !== 'string') return token;
  const at = token.indexOf(':');
  const partition = Number(token.slice(0, at));
  if (at <= 0 || !Number.isInteger(partition)) throw new Error(`invalid log position "${token}": expected <partition>:<stream id>`);
  return { partition, position: token.slice(at + 1) };
};

/** Whether a projection or handler wants an event type. */
export const wants = (handles: readonly string[] | undefined, eventType: string): boolean => !handles || handles.includes(eventType);

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
