/**
 * Turns raw partition-log entries into events: references resolved from the aggregate streams in
 * one pipeline (same hash tag, so valid on Cluster), inline entries decoded in place. Shared by
 * consumer groups (XREADGROUP / XCLAIM) and plain reads (RedisPartitionLog.read). A consumer must
 * not silently drop an entry it cannot decode — it would stay pending forever — so such entries
 * come back marked `undecodable`, with a stub event built from the log entry, and the projection
 * dead-letters them.
 *
 * A reference whose event compaction moved out of its stream is read from the archive (the cold
 * tier, EventArchive) when one is configured: the same stored bytes, decoded by the same codec, so
 * a rebuild after compaction sees exactly the events it would have seen before.
 */
import type { EventEnvelope } from '../../core/messages.js';
import type { DeliveredEntry } from '../../core/projections/ports.js';
import type { EventArchive } from '../../core/ports.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, FIELD, createEventCodec, fieldsToRecord, readPartitionHeader } from '../serialization/records.js';
import type { Serializer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';

export type RawStreamEntry = [Buffer, Buffer[] | null];

export interface PartitionEntryResolverOptions {
  readonly redis: RedisClient;
  readonly keys: Keys;
  readonly serializer: Serializer;
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
  /** Where compacted events are read back from; without it such entries are dead-lettered as compacted. */
  readonly archive?: EventArchive;
}

const text = (fields: Record<string, Buffer>, name: string): string => fields[name]?.toString('utf8') ?? '';

const stub = (fields: Record<string, Buffer>, position: string): EventEnvelope => ({
  eventId: text(fields, FIELD.eventId),
  eventType: text(fields, FIELD.eventType) || 'unknown',
  schemaVersion: 0,
  aggregateType: text(fields, FIELD.aggregateType),
  aggregateId: text(fields, FIELD.aggregateId),
  aggregateVersion: Number(text(fields, FIELD.aggregateVersion)) || 0,
  data: {},
  metadata: { correlationId: '', causationId: '', timestamp: '' },
  createdAt: '',
  checksum: '',
  position,
});

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class PartitionEntryResolver {
  private readonly codec: EventCodec;

  constructor(private readonly options: PartitionEntryResolverOptions) {
    this.codec = createEventCodec(options);
  }

  /** `priorAttempts` per position (claimed entries); new entries have none. */
  async resolve(partition: number, raw: readonly RawStreamEntry[], priorAttempts: ReadonlyMap<string, number> = new Map()): Promise<DeliveredEntry[]> {
    const rows = raw
      .filter((r): r is [Buffer, Buffer[]] => r[1] !== null) // deleted (trimmed) entries have no fields
      .map(([id, flat]) => {
        const position = id.toString('utf8');
        const fields = fieldsToRecord(flat);
        try {
          return { position, fields, header: readPartitionHeader(fields, position), error: null };
        } catch (error) {
          return { position, fields, header: null, error: reason(error) };
        }
      });

    const references = rows.filter((r) => r.header && !r.header.inline);
    const sources = new Map<string, Record<string, Buffer> | null>();
    if (references.length > 0) {
      const pipeline = this.options.redis.pipeline();
      for (const { header } of references) pipeline.xrangeBuffer(this.options.keys.stream(header!), `0-${header!.aggregateVersion}`, `0-${header!.aggregateVersion}`);
      const replies = (await pipeline.exec()) ?? [];
      references.forEach(({ position }, i) => {
        const [error, reply] = replies[i] ?? [new Error('missing pipeline reply'), null];
        if (error) throw error;
        const [event] = reply as Array<[Buffer, Buffer[]]>;
        sources.set(position, event ? fieldsToRecord(event[1]) : null);
      });
    }
    const archiveErrors = new Map<string, string>();
    const { archive } = this.options;
    if (archive) {
      for (const { position, header } of references) {
        if (sources.get(position)) continue;
        try {
          const archived = await archive.find(header!, header!.aggregateVersion);
          if (archived) sources.set(position, Object.fromEntries(archived.fields.map(([name, value]) => [name, Buffer.from(value)])));
        } catch (archiveError) {
          archiveErrors.set(position, reason(archiveError));
        }
      }
    }

    return rows.map(({ position, fields, header, error }) => {
      const prior = priorAttempts.get(position) ?? 0;
      const broken = (why: string, compacted = false): DeliveredEntry => ({
        partition,
        position,
        event: stub(fields, position),
        priorAttempts: prior,
        undecodable: why,
        ...(compacted ? { compacted } : {}),
      });
      if (!header) return broken(`unreadable partition entry: ${error}`);
      const source = header.inline ? fields : sources.get(position);
      if (!source) {
        const where = `event ${header.aggregateType}:${header.aggregateId} v${header.aggregateVersion}`;
        const failed = archiveErrors.get(position);
        return broken(failed ? `${where} is compacted and its archive cannot be read: ${failed}` : `${where} is not in its stream (compacted?)${archive ? ' nor in the archive' : ''}`, true);
      }
      try {
        return { partition, position, event: this.codec.decode(source, { ...header, position }), priorAttempts: prior };
      } catch (decodeError) {
        return broken(`cannot decode event: ${reason(decodeError)}`);
      }
    });
  }
}
