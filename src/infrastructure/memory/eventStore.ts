/**
 * In-memory event store: the Redis one's semantics (key layout, fields, checks, conflicts,
 * partition-log references) against a MemoryKeyspace. Each append runs synchronously inside one
 * call, so it is atomic by construction; checks still run before writes, as in the Lua script.
 */
import type { EventEnvelope, NewEvent } from '../../core/messages.js';
import type { AppendOptions, AppendResult, EventStore, ReadOptions, StreamRef } from '../../core/ports.js';
import { conflictError, expectedVersionHolds } from '../concurrency.js';
import type { Keys } from '../redis/keys.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, FIELD, type StateCodec, createEventCodec, createStateCodec, fieldListToRecord } from '../serialization/records.js';
import { type Serializer, jsonSerializer, toBuffer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import type { MemoryKeyspace } from './keyspace.js';

export interface MemoryEventStoreOptions {
  readonly keyspace: MemoryKeyspace;
  readonly keys: Keys;
  readonly serializer?: Serializer;
  readonly stateSerializer?: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
  readonly batchSize?: number;
}

const versionOf = (id: string): number => Number(id.slice(2));

export class MemoryEventStore implements EventStore {
  private readonly keyspace: MemoryKeyspace;
  private readonly keys: Keys;
  private readonly events: EventCodec;
  private readonly states: StateCodec;
  private readonly batchSize: number;

  constructor(options: MemoryEventStoreOptions) {
    const serializer = options.serializer ?? jsonSerializer;
    this.keyspace = options.keyspace;
    this.keys = options.keys;
    this.events = createEventCodec({ ...options, serializer });
    this.states = createStateCodec(options.stateSerializer ?? serializer, options.compression);
    this.batchSize = options.batchSize ?? 500;
  }

  async append(ref: StreamRef, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const ks = this.keyspace;
    const streamKey = this.keys.stream(ref);
    const logKey = this.keys.partitionLog(this.keys.partitionOf(ref.aggregateType, ref.aggregateId));
    const encoded = events.map((event) => this.events.encode(event));
    const state = options.state === undefined ? undefined : this.states.encodeState(options.state);
    const snapshot = options.snapshot && fieldListToRecord(this.states.encodeSnapshot(options.snapshot));

    // Checks, all before any write (mirrors appendScript.ts).
    ks.assertType(streamKey, 'stream');
    ks.assertType(logKey, 'stream');
    if (state) ks.assertType(this.keys.state(ref), 'hash');
    if (snapshot) ks.assertType(this.keys.snapshot(ref), 'hash');
    const exists = ks.type(streamKey) !== 'none';
    const lastId = ks.lastId(streamKey);
    const current = lastId === null ? 0 : versionOf(lastId);
    if (!expectedVersionHolds(options.expectedVersion, exists, current)) throw conflictError(ref, options.expectedVersion, exists, current);
    if (events.length === 0) return { nextVersion: current, positions: [], envelopes: [] };

    encoded.forEach(({ fields }, i) => ks.xadd(streamKey, `0-${current + i + 1}`, fieldListToRecord(fields)));
    const positions = events.map((event, i) =>
      ks.xadd(logKey, '*', fieldListToRecord([
        [FIELD.aggregateType, ref.aggregateType],
        [FIELD.aggregateId, ref.aggregateId],
        [FIELD.aggregateVersion, String(current + i + 1)],
        [FIELD.eventType, event.type],
      ])),
    );
    const nextVersion = current + events.length;
    if (state) ks.hset(this.keys.state(ref), { version: Buffer.from(String(nextVersion)), state: toBuffer(state) });
    if (snapshot) ks.hset(this.keys.snapshot(ref), snapshot);

    const envelopes = events.map((event, i) =>
      this.events.envelope(event, encoded[i]!.checksum, { ...ref, aggregateVersion: current + i + 1, position: positions[i]! }),
    );
    return { nextVersion, positions, envelopes };
  }

  async read(ref: StreamRef, options: ReadOptions = {}): Promise<EventEnvelope[]> {
    const from = Math.max(1, options.fromVersion ?? 1);
    if (options.toVersion !== undefined && options.toVersion < from) return [];
    if (options.limit !== undefined && options.limit <= 0) return [];
    const to = options.toVersion === undefined ? '+' : `0-${options.toVersion}`;
    return this.keyspace
      .xrange(this.keys.stream(ref), `0-${from}`, to, options.limit)
      .map((entry) => this.events.decode(entry.fields, { ...ref, aggregateVersion: versionOf(entry.id) }));
  }

  async *stream(ref: StreamRef, options: { fromVersion?: number; batchSize?: number } = {}): AsyncIterable<EventEnvelope> {
    const batchSize = options.batchSize ?? this.batchSize;
    let from = Math.max(1, options.fromVersion ?? 1);
    for (;;) {
      const batch = await this.read(ref, { fromVersion: from, limit: batchSize });
      yield* batch;
      const last = batch.at(-1);
      if (batch.length < batchSize || !last) return;
      from = last.aggregateVersion + 1;
    }
  }

  async lastVersion(ref: StreamRef): Promise<number> {
    const lastId = this.keyspace.lastId(this.keys.stream(ref));
    return lastId === null ? 0 : versionOf(lastId);
  }

  async exists(ref: StreamRef): Promise<boolean> {
    return this.keyspace.type(this.keys.stream(ref)) === 'stream';
  }
}
