/**
 * Snapshots in a hash `snapshots:{pN}:<type>:<id>` (version, schema, packed state, takenAt). A
 * snapshot is a cache: deleting or losing one never loses data, so a plain HSET is enough (a
 * racing older snapshot overwriting a newer one only costs replaying a few more events).
 */
import type { Snapshot, SnapshotStore, StreamRef } from '../../core/ports.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type StateCodec, createStateCodec } from '../serialization/records.js';
import type { Serializer } from '../serialization/serializer.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';

export interface RedisSnapshotStoreOptions {
  readonly redis: RedisClient;
  readonly keys: Keys;
  readonly serializer: Serializer;
  readonly compression?: CompressionOptions;
}

export class RedisSnapshotStore implements SnapshotStore {
  private readonly redis: RedisClient;
  private readonly keys: Keys;
  private readonly codec: StateCodec;

  constructor(options: RedisSnapshotStoreOptions) {
    this.redis = options.redis;
    this.keys = options.keys;
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
