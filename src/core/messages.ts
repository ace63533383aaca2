/**
 * Messages are data. Commands are imperative, events past tense; both are discriminated unions
 * on `type`. A decider turns (command, state) into events and folds events into state.
 */

export interface Event<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

export interface Command<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** Who and why: travels from the command into every event it causes. */
export interface CommandMetadata {
  /** UUIDv7 of the command; becomes the `causationId` of its events. */
  readonly commandId: string;
  /** Shared by everything one user action sets off (a request, a saga's follow-up commands). */
  readonly correlationId: string;
  /** For commands sent by a process manager: the event that caused them. */
  readonly causationId?: string;
  /** The type of the command as dispatched (a workflow's steps share it); set by the dispatcher. */
  readonly commandType?: string;
  readonly userId?: string;
  readonly roles?: readonly string[];
  /** The caller's login session, when the command comes from an authenticated request. */
  readonly sessionId?: string;
  /** ISO-8601 UTC; the only clock deciders ever see. */
  readonly timestamp: string;
  /** A client's idempotency key, bound to a fingerprint of the input it came with. */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
  /**
   * Decide against the current state and answer as if committed, but append, publish and
   * remember nothing (the dispatcher's dry run; aggregate registrations only).
   */
  readonly dryRun?: boolean;
  /**
   * W3C trace context (`00-<trace id>-<span id>-<flags>`): the caller's (a request's `traceparent`
   * header), or the command's own span when tracing is on. Logged as `traceId`; events carry it on.
   */
  readonly traceparent?: string;
}

export interface EventMetadata {
  readonly correlationId: string;
  /** The id of the command (or event) that caused this event. */
  readonly causationId: string;
  /**
   * The causing command's type and, when a process manager sent it, the event that caused that
   * command: with these, one correlation's events rebuild the whole command/event tree
   * (causationTree). Absent on events written before they existed.
   */
  readonly commandType?: string;
  readonly commandCausationId?: string;
  readonly userId?: string;
  readonly timestamp: string;
  /** The causing command's trace context, when it had one: projections and process managers continue that trace. */
  readonly traceparent?: string;
}

/** A stored event, as every reader sees it. */
export interface EventEnvelope<E extends Event = Event> {
  readonly eventId: string;
  readonly eventType: E['type'];
  readonly schemaVersion: number;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly data: E['data'];
  readonly metadata: EventMetadata;
  readonly createdAt: string;
  /** CRC-32 (hex) of the serialized payload, checked on read. */
  readonly checksum: string;
  /** Where it sits in its partition log (a Redis stream id), when known. */
  readonly position?: string;
}

/** An event about to be appended: the store adds version, checksum and position. */
export interface NewEvent<E extends Event = Event> {
  readonly eventId: string;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
  readonly createdAt: string;
}

export interface Decider<C extends Command, E extends Event, S> {
  readonly decide: (command: C, state: S) => E[];
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: () => S;
}

/** Narrow helpers so domain code reads like the spec. */
export const event = <E extends Event>(type: E['type'], data: E['data']): E => ({ type, data }) as E;

/**
 * One step of an event type's schema history: data stored as `fromSchemaVersion` → the next
 * version. Pure (no I/O, no clock). Contexts declare their steps; the composition root registers
 * them with the serializer's upcasters, which apply them on every read.
 */
export interface UpcastStep {
  readonly eventType: string;
  readonly fromSchemaVersion: number;
  readonly upcast: (data: Record<string, unknown>) => Record<string, unknown>;
}
