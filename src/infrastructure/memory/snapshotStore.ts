/** In-memory snapshot store: one packed snapshot per aggregate (a cache, never the truth). */
import type { Snapshot, SnapshotStore, StreamRef } from '../../core/ports.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type StateCodec, createStateCodec } from '../serialization/records.js';
import { type Serializer, jsonSerializer, toBuffer } from '../serialization/serializer.js';
import type { MemoryDatabase, StoredSnapshot } from './database.js';

export interface MemorySnapshotStoreOptions {
  readonly database: MemoryDatabase;
  readonly serializer?: Serializer;
  readonly compression?: CompressionOptions;
}

/** Packed with the state codec, as the event store's hybrid append stores it too. */
export const packSnapshot = (codec: StateCodec, snapshot: Snapshot): StoredSnapshot => ({
  version: snapshot.version,
  schema: snapshot.schema,
  packed: toBuffer(codec.encodeState(snapshot.state)),
  takenAt: snapshot.takenAt,
});

export class MemorySnapshotStore implements SnapshotStore {
  private readonly db: MemoryDatabase;
  private readonly codec: StateCodec;

  constructor(options: MemorySnapshotStoreOptions) {
    this.db = options.database;
    this.codec = createStateCodec(options.serializer ?? jsonSerializer, options.compression);
  }

  async save(ref: StreamRef, snapshot: Snapshot): Promise<void> {
    this.db.snapshots.set(ref, packSnapshot(this.codec, snapshot));
  }

  async load(ref: StreamRef): Promise<Snapshot | null> {
    const stored = this.db.snapshots.get(ref);
    if (!stored) return null;
    return { version: stored.version, schema: stored.schema, state: this.codec.decodeState(stored.packed), takenAt: stored.takenAt };
  }

  async delete(ref: StreamRef): Promise<void> {
    this.db.snapshots.delete(ref);
  }
}
