/**
 * In-memory state store: one packed state and version per aggregate. A save also appends the
 * events that produced the state to the partition log INLINE (state-based aggregates have no
 * stream to refer to), in one synchronous step: all or nothing. Versions count events, as on
 * Redis: a save with n events moves the version by n (by 1 with none), event k gets `previous + k`.
 */
import type { NewEvent } from '../../core/messages.js';
import type { AppendResult, ExpectedVersion, StateStore, StoredState, StreamRef } from '../../core/ports.js';
import { conflictError, expectedVersionHolds } from '../shared/concurrency.js';
import { appendResult } from '../shared/eventStreams.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, type StateCodec, createStoreCodecs, fieldListToRecord } from '../serialization/records.js';
import { type Serializer, jsonSerializer, toBuffer } from '../serialization/serializer.js';
import type { MemoryDatabase, WriteTarget } from './database.js';

export interface MemoryStateStoreOptions {
  readonly database: MemoryDatabase;
  readonly serializer?: Serializer;
  readonly stateSerializer?: Serializer;
  readonly compression?: CompressionOptions;
}

export class MemoryStateStore implements StateStore {
  private readonly db: MemoryDatabase;
  private readonly events: EventCodec;
  private readonly states: StateCodec;

  constructor(options: MemoryStateStoreOptions) {
    this.db = options.database;
    ({ events: this.events, states: this.states } = createStoreCodecs({ ...options, serializer: options.serializer ?? jsonSerializer }));
  }

  async load(ref: StreamRef): Promise<StoredState | null> {
    const stored = this.db.states.get(ref);
    if (!stored) return null;
    const state = { version: stored.version, state: this.states.decodeState(stored.packed) };
    return stored.schema === undefined ? state : { ...state, schema: stored.schema };
  }

  async save(
    ref: StreamRef,
    state: unknown,
    options: { expectedVersion: ExpectedVersion; events?: readonly NewEvent[] },
  ): Promise<AppendResult> {
    const events = options.events ?? [];
    const encoded = events.map((event) => ({ event, ...this.events.encode(event) }));
    const packed = toBuffer(this.states.encodeState(state));

    const stored = this.db.states.get(ref);
    const current = stored?.version ?? 0;
    if (!expectedVersionHolds(options.expectedVersion, stored !== undefined, current)) {
      throw conflictError(ref, options.expectedVersion, stored !== undefined, current);
    }
    const partition = this.db.partitionOf(ref);
    const targets: WriteTarget[] = [{ part: 'state', ref }];
    if (events.length > 0) targets.push({ part: 'partitionLog', partition });
    this.db.willWrite(targets);

    const nextVersion = current + Math.max(events.length, 1);
    this.db.states.set(ref, { version: nextVersion, packed });
    const positions = this.db.appendToLog(
      partition,
      encoded.map(({ fields }, i) => ({
        aggregateType: ref.aggregateType,
        aggregateId: ref.aggregateId,
        aggregateVersion: current + i + 1,
        inline: fieldListToRecord(fields),
      })),
    );
    return appendResult(this.events, ref, encoded, current + 1, nextVersion, positions);
  }

  async delete(ref: StreamRef): Promise<void> {
    this.db.states.delete(ref);
  }
}
