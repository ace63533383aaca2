/**
 * Event store on Redis Streams: one stream per aggregate (entry id `0-<version>`, so reading from
 * version n is XRANGE 0-n, O(log N)), plus a reference in the aggregate's partition log, written
 * by one Lua script (see appendScript.ts).
 */
import type { EventEnvelope, NewEvent } from '../../core/messages.js';
import type { AppendOptions, AppendResult, AppliedCommand, DurabilityCheck, EventStore, ReadOptions, StreamOptions, StreamRef } from '../../core/ports.js';
import { conflictError, expectedVersionArgs } from '../shared/concurrency.js';
import { appendResult, readInBatches, versionRange } from '../shared/eventStreams.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, type StateCodec, createStoreCodecs, fieldsToRecord } from '../serialization/records.js';
import type { Serializer } from '../serialization/serializer.js';
import type { Upcasters } from '../serialization/upcasters.js';
import { appendScript } from './appendScript.js';
import { primaryWriter, type ScriptWriter } from './durableWrites.js';
import { RedisAdapter, type RedisAccess } from './adapter.js';
import type { ScriptArg } from './luaScript.js';

export interface RedisEventStoreOptions extends RedisAccess {
  /** Events (data and metadata). */
  readonly serializer: Serializer;
  /** Hybrid states and snapshots written with an append; defaults to `serializer`. */
  readonly stateSerializer?: Serializer;
  /** Large event payloads, states and snapshots. Default: none. */
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
  /** Events fetched per round trip by `stream()`. Default 500. */
  readonly batchSize?: number;
  /** How appends are written per durability mode (durableWrites.ts). Default: primary only. */
  readonly writer?: ScriptWriter;
}

type RawEntry = [Buffer, Buffer[]];

const versionOf = (id: Buffer | string): number => Number(String(id).slice(2));

export class RedisEventStore extends RedisAdapter implements EventStore, DurabilityCheck {
  private readonly events: EventCodec;
  private readonly states: StateCodec;
  private readonly batchSize: number;
  private readonly writer: ScriptWriter;

  constructor(options: RedisEventStoreOptions) {
    super(options);
    this.writer = options.writer ?? primaryWriter(this.redis);
    ({ events: this.events, states: this.states } = createStoreCodecs(options));
    this.batchSize = options.batchSize ?? 500;
  }

  async append(ref: StreamRef, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const partition = this.keys.partitionOf(ref.aggregateType, ref.aggregateId);
    const encoded = events.map((event) => ({ event, ...this.events.encode(event) }));
    const hasState = options.state !== undefined;
    const snapshot = options.snapshot;
    // Only what is written travels: the common append sends two keys and no placeholders.
    const args: ScriptArg[] = [
      ...expectedVersionArgs(options.expectedVersion),
      ref.aggregateType,
      ref.aggregateId,
      events.length,
      hasState ? '1' : '0',
      snapshot ? '1' : '0',
      options.command ? options.command.ttlSeconds : 0,
    ];
    if (options.command) args.push(options.command.fingerprint);
    if (hasState) args.push(this.states.encodeState(options.state), options.stateSchema ?? '');
    if (snapshot) for (const [, value] of this.states.encodeSnapshot(snapshot)) args.push(value);
    encoded.forEach(({ fields }, i) => {
      args.push(events[i]!.type, fields.length);
      for (const [name, value] of fields) args.push(name, value);
    });

    const keys = [this.keys.stream(ref), this.keys.partitionLog(partition)];
    // The script addresses KEYS[4] as the snapshot hash, so a snapshot alone still sends the state key.
    if (hasState || snapshot) keys.push(this.keys.state(ref));
    if (snapshot) keys.push(this.keys.snapshot(ref));
    if (options.command) keys.push(this.keys.appliedCommand(ref, options.command.id));
    const written = await this.writer.run(appendScript, keys, args);
    if ((written.reply as unknown[])[0] === 2) {
      const applied = parseMark(String((written.reply as unknown[])[1]));
      return { nextVersion: applied.toVersion, positions: [], envelopes: [], applied };
    }
    const reply = written.reply as [number, number, ...unknown[]];
    if (reply[0] === 0) throw conflictError(ref, options.expectedVersion, reply[2] === 1, reply[1]);

    const nextVersion = reply[1];
    const result = appendResult(this.events, ref, encoded, nextVersion - events.length + 1, nextVersion, reply.slice(2).map(String));
    return written.confirmed ? result : { ...result, unconfirmed: true };
  }

  /**
   * Are these committed events (of event-sourced, hybrid or state-based aggregates) still stored,
   * and on enough replicas? Read first, then a probe write + WAIT per partition: replication is in
   * order, so the probe confirmed means the events read before it are on the replicas.
   */
  async confirm(events: readonly EventEnvelope[]): Promise<'confirmed' | 'unconfirmed' | 'lost'> {
    const byStream = new Map<string, { ref: StreamRef; events: EventEnvelope[] }>();
    for (const event of events) {
      const ref = { aggregateType: event.aggregateType, aggregateId: event.aggregateId };
      const key = this.keys.stream(ref);
      const entry = byStream.get(key) ?? { ref, events: [] };
      entry.events.push(event);
      byStream.set(key, entry);
    }
    const partitions = new Set<number>();
    for (const { ref, events: expected } of byStream.values()) {
      partitions.add(this.keys.partitionOf(ref.aggregateType, ref.aggregateId));
      const versions = expected.map((e) => e.aggregateVersion);
      const stored = await this.read(ref, { fromVersion: Math.min(...versions), toVersion: Math.max(...versions) });
      if (stored.length > 0 || (await this.exists(ref))) {
        const ids = new Set(stored.map((e) => e.eventId));
        if (!expected.every((e) => ids.has(e.eventId))) return 'lost';
      } else {
        // A state-based aggregate keeps no stream: its state must be at least as recent as the events.
        const version = Number(await this.redis.hget(this.keys.state(ref), 'version'));
        if (!(version >= Math.max(...versions))) return 'lost';
      }
    }
    for (const partition of partitions) if (!(await this.writer.confirm(this.keys.durabilityProbe(partition)))) return 'unconfirmed';
    return 'confirmed';
  }

  async read(ref: StreamRef, options: ReadOptions = {}): Promise<EventEnvelope[]> {
    const range = versionRange(options);
    if (!range) return [];
    const key = this.keys.stream(ref);
    const [from, to] = [`0-${range.from}`, range.to === undefined ? '+' : `0-${range.to}`];
    const entries = (
      range.limit === undefined ? await this.redis.xrangeBuffer(key, from, to) : await this.redis.xrangeBuffer(key, from, to, 'COUNT', range.limit)
    ) as RawEntry[];
    return entries.map(([id, flat]) => this.events.decode(fieldsToRecord(flat), { ...ref, aggregateVersion: versionOf(id) }));
  }

  stream(ref: StreamRef, options: StreamOptions = {}): AsyncIterable<EventEnvelope> {
    return readInBatches((range) => this.read(ref, range), options, this.batchSize);
  }

  async lastVersion(ref: StreamRef): Promise<number> {
    const key = this.keys.stream(ref);
    const [last] = (await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
    if (last) return versionOf(last[0]);
    // Empty but existing (every entry trimmed by compaction): the stream remembers its last id.
    if ((await this.redis.exists(key)) === 0) return 0;
    const info = (await this.redis.xinfo('STREAM', key)) as unknown[];
    const at = info.indexOf('last-generated-id');
    return at >= 0 ? versionOf(String(info[at + 1])) : 0;
  }

  async exists(ref: StreamRef): Promise<boolean> {
    return (await this.redis.exists(this.keys.stream(ref))) === 1;
  }

  async appliedCommand(ref: StreamRef, commandId: string): Promise<AppliedCommand | null> {
    const mark = await this.redis.get(this.keys.appliedCommand(ref, commandId));
    return mark === null ? null : parseMark(mark);
  }
}

/** A command mark as the append script writes it: "first last fingerprint position…". */
const parseMark = (mark: string): AppliedCommand => {
  const [from, to, fingerprint = '', ...positions] = mark.split(' ');
  return { fromVersion: Number(from), toVersion: Number(to), fingerprint, positions };
};
