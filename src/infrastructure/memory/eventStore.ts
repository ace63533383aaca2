/**
 * In-memory event store: one array of encoded events per aggregate, version v at index v − 1, and
 * a reference per event in the aggregate's partition log. An append is one synchronous step over
 * the shared MemoryDatabase (events, partition log, hybrid state, snapshot): atomic by
 * construction, with the expected-version check and every announced part before any change.
 */
import type { EventEnvelope, NewEvent } from '../../core/messages.js';
import type { AppendOptions, AppendResult, AppliedCommand, EventStore, ReadOptions, StreamOptions, StreamRef } from '../../core/ports.js';
import { conflictError, expectedVersionHolds } from '../shared/concurrency.js';
import { appendResult, readInBatches, versionRange } from '../shared/eventStreams.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, type StateCodec, createStoreCodecs, fieldListToRecord } from '../serialization/records.js';
import { type Serializer, jsonSerializer, toBuffer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import type { MemoryDatabase, WriteTarget } from './database.js';
import { packSnapshot } from './snapshotStore.js';

export interface MemoryEventStoreOptions {
  readonly database: MemoryDatabase;
  readonly serializer?: Serializer;
  readonly stateSerializer?: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
  readonly batchSize?: number;
}

export class MemoryEventStore implements EventStore {
  private readonly db: MemoryDatabase;
  private readonly events: EventCodec;
  private readonly states: StateCodec;
  private readonly batchSize: number;

  constructor(options: MemoryEventStoreOptions) {
    this.db = options.database;
    ({ events: this.events, states: this.states } = createStoreCodecs({ ...options, serializer: options.serializer ?? jsonSerializer }));
    this.batchSize = options.batchSize ?? 500;
  }

  async append(ref: StreamRef, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const encoded = events.map((event) => ({ event, ...this.events.encode(event) }));
    const state = options.state === undefined ? undefined : toBuffer(this.states.encodeState(options.state));
    const snapshot = options.snapshot && packSnapshot(this.states, options.snapshot);

    // As in the Redis script: a command already applied appends nothing, before the version check.
    if (options.command) {
      const applied = this.markOf(ref, options.command.id);
      if (applied) return { nextVersion: applied.toVersion, positions: [], envelopes: [], applied };
    }
    const stream = this.db.streams.get(ref);
    const current = stream?.length ?? 0;
    if (!expectedVersionHolds(options.expectedVersion, stream !== undefined, current)) {
      throw conflictError(ref, options.expectedVersion, stream !== undefined, current);
    }
    // As in the Redis script, an append of no events writes nothing, not even the state.
    if (events.length === 0) return { nextVersion: current, positions: [], envelopes: [] };

    const partition = this.db.partitionOf(ref);
    const targets: WriteTarget[] = [{ part: 'partitionLog', partition }, { part: 'stream', ref }];
    if (state) targets.push({ part: 'state', ref });
    if (snapshot) targets.push({ part: 'snapshot', ref });
    this.db.willWrite(targets);

    // From here on, nothing can fail.
    const positions = this.db.appendToLog(
      partition,
      events.map((_, i) => ({ aggregateType: ref.aggregateType, aggregateId: ref.aggregateId, aggregateVersion: current + i + 1, inline: null })),
    );
    const entries = stream ?? [];
    entries.push(...encoded.map(({ fields }) => fieldListToRecord(fields)));
    this.db.streams.set(ref, entries);
    const nextVersion = current + events.length;
    if (state) this.db.states.set(ref, { version: nextVersion, packed: state, ...(options.stateSchema ? { schema: options.stateSchema } : {}) });
    if (snapshot) this.db.snapshots.set(ref, snapshot);
    if (options.command) {
      const marks = this.db.appliedCommands.get(ref) ?? new Map();
      const applied = { fromVersion: current + 1, toVersion: nextVersion, positions, fingerprint: options.command.fingerprint };
      marks.set(options.command.id, { applied, expiresAt: this.db.now() + options.command.ttlSeconds * 1000 });
      this.db.appliedCommands.set(ref, marks);
    }
    return appendResult(this.events, ref, encoded, current + 1, nextVersion, positions);
  }

  async read(ref: StreamRef, options: ReadOptions = {}): Promise<EventEnvelope[]> {
    const range = versionRange(options);
    const stream = this.db.streams.get(ref);
    if (!range || !stream) return [];
    const to = Math.min(range.to ?? stream.length, stream.length, range.from - 1 + (range.limit ?? stream.length));
    return stream.slice(range.from - 1, to).map((fields, i) => this.events.decode(fields, { ...ref, aggregateVersion: range.from + i }));
  }

  stream(ref: StreamRef, options: StreamOptions = {}): AsyncIterable<EventEnvelope> {
    return readInBatches((range) => this.read(ref, range), options, this.batchSize);
  }

  async lastVersion(ref: StreamRef): Promise<number> {
    return this.db.streams.get(ref)?.length ?? 0;
  }

  async exists(ref: StreamRef): Promise<boolean> {
    return this.db.streams.get(ref) !== undefined;
  }

  async appliedCommand(ref: StreamRef, commandId: string): Promise<AppliedCommand | null> {
    return this.markOf(ref, commandId);
  }

  /** Synchronous, so an append checks and records its mark in the same step. */
  private markOf(ref: StreamRef, commandId: string): AppliedCommand | null {
    const marks = this.db.appliedCommands.get(ref);
    const mark = marks?.get(commandId);
    if (!mark) return null;
    if (mark.expiresAt > this.db.now()) return { ...mark.applied, positions: [...mark.applied.positions] };
    marks!.delete(commandId);
    return null;
  }
}
