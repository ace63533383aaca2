/**
 * Turns raw partition-log entries into events: references resolved from the aggregate streams in
 * one pipeline (same hash tag, so valid on Cluster), inline entries decoded in place. Shared by
 * consumer groups (XREADGROUP / XCLAIM) and plain reads (RedisPartitionLog.read). A consumer must
 * not silently drop an entry it cannot decode — it would stay pending forever — so such entries
 * come back marked `undecodable`, with a stub event built from the log entry, and the projection
 * dead-letters them.
 *
 * One resolver serves every projection and process manager of a process, and each of them reads
 * the same new entries from its own consumer group: decoded events are kept for a short while
 * (DecodedEvents: a few thousand, a few seconds) so an event is read from its stream and decoded
 * once per process, not once per consumer (the profile showed ~7 XRANGE + decode per append).
 * Events are immutable; the one rewrite there is (the legacy personal-data redaction) touches old
 * entries, and a cached copy is gone within `ttlMs` of being read.
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
  /** Decoded events shared by this process's consumers (default: 4,096 for 5 s; max 0 turns it off). */
  readonly decodedEvents?: DecodedEvents;
}

/** Decoded events by partition position: bounded in count and age, oldest evicted first. */
export class DecodedEvents {
  private readonly entries = new Map<string, { readonly event: EventEnvelope; readonly at: number }>();

  constructor(
    private readonly max = 4096,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(partition: number, position: string): EventEnvelope | undefined {
    const key = `${partition}/${position}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.event;
  }

  set(partition: number, position: string, event: EventEnvelope): void {
    if (this.max <= 0) return;
    const key = `${partition}/${position}`;
    this.entries.delete(key);
    this.entries.set(key, { event, at: this.now() });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  /** False when turned off (max 0): every consumer then reads and decodes on its own. */
  get enabled(): boolean {
    return this.max > 0;
  }
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
  private readonly decoded: DecodedEvents;
  /** Stream reads in flight, by partition position (shared by concurrent resolves). */
  private readonly reading = new Map<string, Promise<Record<string, Buffer> | null>>();

  constructor(private readonly options: PartitionEntryResolverOptions) {
    this.codec = createEventCodec(options);
    this.decoded = options.decodedEvents ?? new DecodedEvents();
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

    const known = new Map<string, EventEnvelope>();
    for (const { position, header } of rows) {
      const event = header ? this.decoded.get(partition, position) : undefined;
      if (event) known.set(position, event);
    }
    const references = rows.filter((r) => r.header && !r.header.inline && !known.has(r.position));
    const sources = new Map<string, Record<string, Buffer> | null>();
    // Consumers poll the same new entries at the same moment: an entry another consumer is already
    // reading is awaited, not read again.
    const waits: Array<Promise<void>> = [];
    const toRead: typeof references = [];
    for (const row of references) {
      const reading = this.decoded.enabled ? this.reading.get(`${partition}/${row.position}`) : undefined;
      if (reading) waits.push(reading.then((source) => void sources.set(row.position, source)));
      else toRead.push(row);
    }
    if (toRead.length > 0) {
      const pipeline = this.options.redis.pipeline();
      for (const { header } of toRead) pipeline.xrangeBuffer(this.options.keys.stream(header!), `0-${header!.aggregateVersion}`, `0-${header!.aggregateVersion}`);
      const replies = pipeline.exec().then((r) => r ?? []);
      toRead.forEach(({ position }, i) => {
        const key = `${partition}/${position}`;
        const source = replies.then((all) => {
          const [error, reply] = all[i] ?? [new Error('missing pipeline reply'), null];
          if (error) throw error;
          const [event] = reply as Array<[Buffer, Buffer[]]>;
          return event ? fieldsToRecord(event[1]) : null;
        });
        if (this.decoded.enabled) {
          this.reading.set(key, source);
          const done = () => void this.reading.delete(key);
          source.then(done, done);
        }
        waits.push(source.then((fields) => void sources.set(position, fields)));
      });
    }
    // All settle before the first failure is thrown: no read is left unobserved.
    const settled = await Promise.allSettled(waits);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
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
      const seen = known.get(position);
      if (seen) return { partition, position, event: seen, priorAttempts: prior };
      const source = header.inline ? fields : sources.get(position);
      if (!source) {
        const where = `event ${header.aggregateType}:${header.aggregateId} v${header.aggregateVersion}`;
        const failed = archiveErrors.get(position);
        return broken(failed ? `${where} is compacted and its archive cannot be read: ${failed}` : `${where} is not in its stream (compacted?)${archive ? ' nor in the archive' : ''}`, true);
      }
      const decodedMeanwhile = this.decoded.get(partition, position);
      if (decodedMeanwhile) return { partition, position, event: decodedMeanwhile, priorAttempts: prior };
      try {
        const event = this.codec.decode(source, { ...header, position });
        this.decoded.set(partition, position, event);
        return { partition, position, event, priorAttempts: prior };
      } catch (decodeError) {
        return broken(`cannot decode event: ${reason(decodeError)}`);
      }
    });
  }
}
