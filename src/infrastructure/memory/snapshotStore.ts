/** In-memory snapshot store (same hash layout as RedisSnapshotStore). */
import type { Snapshot, SnapshotStore, StreamRef } from '../../core/ports.js';
import type { Keys } from '../redis/keys.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type StateCodec, createStateCodec, fieldListToRecord } from '../serialization/records.js';
import { type Serializer, jsonSerializer } from '../serialization/serializer.js';
import type { MemoryKeyspace } from './keyspace.js';

export interface MemorySnapshotStoreOptions {
  readonly keyspace: MemoryKeyspace;
  readonly keys: Keys;
  readonly serializer?: Serializer;
  readonly compression?: CompressionOptions;
}

export class MemorySnapshotStore implements SnapshotStore {
  private readonly keyspace: MemoryKeyspace;
  private readonly keys: Keys;
  private readonly codec: StateCodec;

  constructor(options: MemorySnapshotStoreOptions) {
    this.keyspace = options.keyspace;
    this.keys = options.keys;
    this.codec = createStateCodec(options.serializer ?? jsonSerializer, options.compression);
  }

  async save(ref: StreamRef, snapshot: Snapshot): Promise<void> {
    this.keyspace.hset(this.keys.snapshot(ref), fieldListToRecord(this.codec.encodeSnapshot(snapshot)));
  }

  async load(ref: StreamRef): Promise<Snapshot | null> {
    return this.codec.decodeSnapshot(this.keyspace.hgetall(this.keys.snapshot(ref)));
  }

  async delete(ref: StreamRef): Promise<void> {
    this.keyspace.delete(this.keys.snapshot(ref));
  }
}
