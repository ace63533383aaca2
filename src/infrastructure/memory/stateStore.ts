/** In-memory state store: RedisStateStore's semantics (versions count events, inline partition entries). */
import type { NewEvent } from '../../core/messages.js';
import type { AppendResult, ExpectedVersion, StateStore, StoredState, StreamRef } from '../../core/ports.js';
import { conflictError, expectedVersionHolds } from '../concurrency.js';
import type { Keys } from '../redis/keys.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, FIELD, type StateCodec, STATE_FIELD, createEventCodec, createStateCodec, fieldListToRecord } from '../serialization/records.js';
import { type Serializer, jsonSerializer, toBuffer } from '../serialization/serializer.js';
import type { MemoryKeyspace } from './keyspace.js';

export interface MemoryStateStoreOptions {
  readonly keyspace: MemoryKeyspace;
  readonly keys: Keys;
  readonly serializer?: Serializer;
  readonly stateSerializer?: Serializer;
  readonly compression?: CompressionOptions;
}

export class MemoryStateStore implements StateStore {
  private readonly keyspace: MemoryKeyspace;
  private readonly keys: Keys;
  private readonly events: EventCodec;
  private readonly states: StateCodec;

  constructor(options: MemoryStateStoreOptions) {
    const serializer = options.serializer ?? jsonSerializer;
    this.keyspace = options.keyspace;
    this.keys = options.keys;
    this.events = createEventCodec({ ...options, serializer });
    this.states = createStateCodec(options.stateSerializer ?? serializer, options.compression);
  }

  async load(ref: StreamRef): Promise<StoredState | null> {
    const { version, state } = this.keyspace.hgetall(this.keys.state(ref));
    if (version === undefined || state === undefined) return null;
    return { version: Number(version.toString('utf8')), state: this.states.decodeState(state) };
  }

  async save(
    ref: StreamRef,
    state: unknown,
    options: { expectedVersion: ExpectedVersion; events?: readonly NewEvent[] },
  ): Promise<AppendResult> {
    const ks = this.keyspace;
    const stateKey = this.keys.state(ref);
    const logKey = this.keys.partitionLog(this.keys.partitionOf(ref.aggregateType, ref.aggregateId));
    const events = options.events ?? [];
    const encoded = events.map((event) => this.events.encode(event));
    const packed = this.states.encodeState(state);

    ks.assertType(stateKey, 'hash');
    ks.assertType(logKey, 'stream');
    const stored = ks.hgetall(stateKey)[STATE_FIELD.version];
    const exists = ks.type(stateKey) !== 'none';
    const current = stored === undefined ? 0 : Number(stored.toString('utf8'));
    if (!expectedVersionHolds(options.expectedVersion, exists, current)) throw conflictError(ref, options.expectedVersion, exists, current);

    const nextVersion = current + Math.max(events.length, 1);
    ks.hset(stateKey, { [STATE_FIELD.version]: Buffer.from(String(nextVersion)), [STATE_FIELD.state]: toBuffer(packed) });
    const positions = encoded.map(({ fields }, i) =>
      ks.xadd(logKey, '*', fieldListToRecord([
        [FIELD.aggregateType, ref.aggregateType],
        [FIELD.aggregateId, ref.aggregateId],
        [FIELD.aggregateVersion, String(current + i + 1)],
        ...fields,
      ])),
    );
    const envelopes = events.map((event, i) =>
      this.events.envelope(event, encoded[i]!.checksum, { ...ref, aggregateVersion: current + i + 1, position: positions[i]! }),
    );
    return { nextVersion, positions, envelopes };
  }

  async delete(ref: StreamRef): Promise<void> {
    this.keyspace.delete(this.keys.state(ref));
  }
}
