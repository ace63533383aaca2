/**
 * In-memory partition log: entries held by the MemoryDatabase, in position order. References are
 * resolved from the aggregate's event array; inline entries (state store) carry their event.
 */
import type { PartitionEntry, PartitionLog } from '../../core/ports.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, createEventCodec } from '../serialization/records.js';
import { type Serializer, jsonSerializer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import type { MemoryDatabase } from './database.js';

export interface MemoryPartitionLogOptions {
  readonly database: MemoryDatabase;
  /** The event serializer (the event store's and the state store's). */
  readonly serializer?: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
}

export class MemoryPartitionLog implements PartitionLog {
  readonly partitions: number;
  private readonly db: MemoryDatabase;
  private readonly codec: EventCodec;

  constructor(options: MemoryPartitionLogOptions) {
    this.db = options.database;
    this.partitions = options.database.partitions;
    this.codec = createEventCodec({ ...options, serializer: options.serializer ?? jsonSerializer });
  }

  async read(partition: number, afterPosition: string, count: number): Promise<PartitionEntry[]> {
    if (count <= 0) return [];
    const result: PartitionEntry[] = [];
    for (const entry of this.db.logAfter(partition, afterPosition, count)) {
      const { position, aggregateType, aggregateId, aggregateVersion } = entry;
      const source = entry.inline ?? this.db.streams.get(entry)?.[aggregateVersion - 1];
      // Nothing removes events in memory; a reference without its event is skipped, as a compacted one on Redis.
      if (source) result.push({ partition, position, event: this.codec.decode(source, { aggregateType, aggregateId, aggregateVersion, position }) });
    }
    return result;
  }

  async head(partition: number): Promise<string> {
    return this.db.logHead(partition);
  }
}
