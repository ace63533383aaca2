/**
 * Reads partition logs. Entries appended by the event store are references (aggregate type, id,
 * version); they are resolved with ONE pipelined batch of XRANGEs on the aggregate streams. The
 * pipeline is valid on Redis Cluster because every stream of a partition shares the log's hash
 * tag, hence its slot. Entries from the state store carry the event inline.
 */
import type { PartitionEntry, PartitionLog } from '../../core/ports.js';
import type { CompressionOptions } from '../serialization/compression.js';
import type { Serializer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import { RedisAdapter, type RedisAccess } from './adapter.js';
import { PartitionEntryResolver, type RawStreamEntry } from './partitionEntries.js';

export interface RedisPartitionLogOptions extends RedisAccess {
  /** The event serializer (the event store's and the state store's). */
  readonly serializer: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
}

export class RedisPartitionLog extends RedisAdapter implements PartitionLog {
  readonly partitions: number;
  private readonly resolver: PartitionEntryResolver;

  constructor(options: RedisPartitionLogOptions) {
    super(options);
    this.partitions = options.keys.partitions;
    this.resolver = new PartitionEntryResolver(options);
  }

  async read(partition: number, afterPosition: string, count: number): Promise<PartitionEntry[]> {
    if (count <= 0) return [];
    const raw = (await this.redis.xrangeBuffer(this.keys.partitionLog(partition), `(${afterPosition}`, '+', 'COUNT', count)) as RawStreamEntry[];
    const result: PartitionEntry[] = [];
    for (const entry of await this.resolver.resolve(partition, raw)) {
      if (entry.undecodable === undefined) result.push({ partition, position: entry.position, event: entry.event });
      // Compaction archived the event after its log entry was written: the archive, not the log,
      // is then the record, so the entry is skipped. Anything else unreadable is an error, never a silent gap.
      else if (!entry.compacted) throw new Error(`partition ${partition} entry ${entry.position}: ${entry.undecodable}`);
    }
    return result;
  }

  async head(partition: number): Promise<string> {
    const [last] = (await this.redis.xrevrange(this.keys.partitionLog(partition), '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
    return last ? last[0] : '0';
  }
}
