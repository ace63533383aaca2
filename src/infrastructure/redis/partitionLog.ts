/**
 * Reads partition logs. Entries appended by the event store are references (aggregate type, id,
 * version); they are resolved with ONE pipelined batch of XRANGEs on the aggregate streams. The
 * pipeline is valid on Redis Cluster because every stream of a partition shares the log's hash
 * tag, hence its slot. Entries from the state store carry the event inline.
 */
import type { EventEnvelope } from '../../core/messages.js';
import type { PartitionEntry, PartitionLog } from '../../core/ports.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, createEventCodec, fieldsToRecord, readPartitionHeader } from '../serialization/records.js';
import type { Serializer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';

export interface RedisPartitionLogOptions {
  readonly redis: RedisClient;
  readonly keys: Keys;
  /** The event serializer (the event store's and the state store's). */
  readonly serializer: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
}

type RawEntry = [Buffer, Buffer[]];

export class RedisPartitionLog implements PartitionLog {
  readonly partitions: number;
  private readonly redis: RedisClient;
  private readonly keys: Keys;
  private readonly codec: EventCodec;

  constructor(options: RedisPartitionLogOptions) {
    this.redis = options.redis;
    this.keys = options.keys;
    this.partitions = options.keys.partitions;
    this.codec = createEventCodec(options);
  }

  async read(partition: number, afterPosition: string, count: number): Promise<PartitionEntry[]> {
    if (count <= 0) return [];
    const entries = (await this.redis.xrangeBuffer(this.keys.partitionLog(partition), `(${afterPosition}`, '+', 'COUNT', count)) as RawEntry[];
    const headers = entries.map(([id, flat]) => {
      const position = id.toString('utf8');
      const fields = fieldsToRecord(flat);
      return { position, fields, header: readPartitionHeader(fields, position) };
    });

    const references = headers.filter((h) => !h.header.inline);
    const resolved = new Map<string, EventEnvelope>();
    if (references.length > 0) {
      const pipeline = this.redis.pipeline();
      for (const { header } of references) {
        const id = `0-${header.aggregateVersion}`;
        pipeline.xrangeBuffer(this.keys.stream(header), id, id);
      }
      const replies = (await pipeline.exec()) ?? [];
      references.forEach(({ position, header }, i) => {
        const [error, reply] = replies[i] ?? [new Error('missing pipeline reply'), null];
        if (error) throw error;
        const [event] = reply as RawEntry[];
        // Missing only when compaction archived the event after the log entry was written; the
        // archive, not the log, is then the record, so the entry is skipped rather than fatal.
        if (event) resolved.set(position, this.codec.decode(fieldsToRecord(event[1]), { ...header, position }));
      });
    }

    const result: PartitionEntry[] = [];
    for (const { position, fields, header } of headers) {
      const event = header.inline ? this.codec.decode(fields, { ...header, position }) : resolved.get(position);
      if (event) result.push({ partition, position, event });
    }
    return result;
  }

  async head(partition: number): Promise<string> {
    const [last] = (await this.redis.xrevrange(this.keys.partitionLog(partition), '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
    return last ? last[0] : '0';
  }
}
