/** In-memory partition log: resolves references from the aggregate streams, like RedisPartitionLog. */
import type { PartitionEntry, PartitionLog } from '../../core/ports.js';
import type { Keys } from '../redis/keys.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, createEventCodec, readPartitionHeader } from '../serialization/records.js';
import { type Serializer, jsonSerializer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import type { MemoryKeyspace } from './keyspace.js';

export interface MemoryPartitionLogOptions {
  readonly keyspace: MemoryKeyspace;
  readonly keys: Keys;
  readonly serializer?: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
}

export class MemoryPartitionLog implements PartitionLog {
  readonly partitions: number;
  private readonly keyspace: MemoryKeyspace;
  private readonly keys: Keys;
  private readonly codec: EventCodec;

  constructor(options: MemoryPartitionLogOptions) {
    this.keyspace = options.keyspace;
    this.keys = options.keys;
    this.partitions = options.keys.partitions;
    this.codec = createEventCodec({ ...options, serializer: options.serializer ?? jsonSerializer });
  }

  async read(partition: number, afterPosition: string, count: number): Promise<PartitionEntry[]> {
    if (count <= 0) return [];
    const result: PartitionEntry[] = [];
    for (const { id: position, fields } of this.keyspace.xrange(this.keys.partitionLog(partition), `(${afterPosition}`, '+', count)) {
      const header = readPartitionHeader(fields, position);
      const id = `0-${header.aggregateVersion}`;
      const source = header.inline ? fields : this.keyspace.xrange(this.keys.stream(header), id, id)[0]?.fields;
      // A reference whose event was compacted away is skipped (see RedisPartitionLog).
      if (source) result.push({ partition, position, event: this.codec.decode(source, { ...header, position }) });
    }
    return result;
  }

  async head(partition: number): Promise<string> {
    return this.keyspace.streamEntries(this.keys.partitionLog(partition)).at(-1)?.id ?? '0';
  }
}
