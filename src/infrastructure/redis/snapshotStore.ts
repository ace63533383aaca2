/**
 * Snapshots in a hash `snapshots:{pN}:<type>:<id>` (version, schema, packed state, takenAt). A
 * snapshot is a cache: deleting or losing one never loses data, so a plain HSET is enough (a
 * racing older snapshot overwriting a newer one only costs replaying a few more events).
 */
import type { Snapshot, SnapshotStore, StreamRef } from '../../core/ports.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type StateCodec, createStateCodec } from '../serialization/records.js';
import type { Serializer } from '../serialization/serializer.js';
import { RedisAdapter, type RedisAccess } from './adapter.js';

export interface RedisSnapshotStoreOptions extends RedisAccess {
  readonly serializer: Serializer;
  readonly compression?: CompressionOptions;
}

export class RedisSnapshotStore extends RedisAdapter implements SnapshotStore {
  private readonly codec: StateCodec;

  constructor(options: RedisSnapshotStoreOptions) {
    super(options);
    this.codec = createStateCodec(options.serializer, options.compression);
  }

  async save(ref: StreamRef, snapshot: Snapshot): Promise<void> {
    await this.redis.hset(this.keys.snapshot(ref), Object.fromEntries(this.codec.encodeSnapshot(snapshot)));
  }

  async load(ref: StreamRef): Promise<Snapshot | null> {
    return this.codec.decodeSnapshot(await this.redis.hgetallBuffer(this.keys.snapshot(ref)));
  }

  async delete(ref: StreamRef): Promise<void> {
    await this.redis.del(this.keys.snapshot(ref));
  }
}
