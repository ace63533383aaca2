/**
 * How events, states and snapshots are laid out as Redis stream-entry / hash fields. Shared by the
 * Redis stores and their in-memory twins so both store (and verify) exactly the same bytes.
 *
 * Aggregate stream entry (id `0-<version>`; aggregate type/id come from the key):
 *   i eventId · t eventType · s schemaVersion · d data (or z: packed data) · m metadata · [c createdAt] · k checksum
 *   `m` is the positional array of metadata.ts (entries written with the object still decode).
 *   `c` only when createdAt differs from metadata.timestamp: commands stamp both with the same
 *   instant, so storing it twice cost ~27 bytes per event (entries written with it still decode).
 * Partition log entry (id `*`):
 *   reference: at aggregateType · ai aggregateId · av aggregateVersion · t eventType
 *   inline (state-based aggregates, which have no aggregate stream): the reference fields + i s d|z m c k
 */
import type { EventEnvelope, NewEvent } from '../../core/messages.js';
import type { Snapshot } from '../../core/ports.js';
import { verifyChecksum, checksum } from './checksum.js';
import { packMetadata, unpackMetadata } from './metadata.js';
import { type CompressionOptions, noCompression, pack, shouldCompress, unpack } from './compression.js';
import { type Serializer, toBuffer } from './serializer.js';
import { type Upcasters, createUpcasters } from './upcasters.js';

/** Ordered field/value pairs, as XADD and HSET take them. */
export type FieldList = Array<readonly [string, Buffer | string]>;
/** Fields as read back (HGETALL / XRANGE, in buffer mode). */
export type StoredFields = Readonly<Record<string, Buffer | undefined>>;

export const FIELD = {
  eventId: 'i',
  eventType: 't',
  schemaVersion: 's',
  data: 'd',
  packedData: 'z',
  metadata: 'm',
  createdAt: 'c',
  checksum: 'k',
  aggregateType: 'at',
  aggregateId: 'ai',
  aggregateVersion: 'av',
} as const;

/** Where a decoded event sits; the stored fields do not repeat it. */
export interface EventLocation {
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly position?: string;
}

export interface EventCodec {
  encode(event: NewEvent): { fields: FieldList; checksum: string };
  /** Verifies the checksum, decodes, and upcasts to the current schema. */
  decode(fields: StoredFields, at: EventLocation): EventEnvelope;
  /** The envelope of an event just appended (as written, no round trip). */
  envelope(event: NewEvent, checksum: string, at: EventLocation): EventEnvelope;
}

export interface EventCodecOptions {
  readonly serializer: Serializer;
  /** Applies to event data only; large payloads are stored packed under `z`. */
  readonly compression?: CompressionOptions;
  readonly upcasters?: Upcasters;
}

export const fieldsToRecord = (flat: readonly Buffer[]): Record<string, Buffer> => {
  const record: Record<string, Buffer> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!.toString('utf8')] = flat[i + 1]!;
  return record;
};

export const fieldListToRecord = (list: FieldList): Record<string, Buffer> =>
  Object.fromEntries(list.map(([name, value]) => [name, toBuffer(value)]));

const text = (fields: StoredFields, name: string, where: string): string => {
  const value = fields[name];
  if (value === undefined) throw new Error(`Stored event ${where} has no field "${name}"`);
  return value.toString('utf8');
};

export const createEventCodec = (options: EventCodecOptions): EventCodec => {
  const { serializer } = options;
  const compression = options.compression ?? noCompression;
  const upcasters = options.upcasters ?? createUpcasters();

  return {
    encode(event) {
      // JSON stays a string end to end (see pack): the append then goes out on ioredis' string path.
      const data = serializer.encode(event.data);
      const metadata = serializer.encode(packMetadata(event.metadata));
      const sum = checksum(data, metadata);
      const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      const payload: readonly [string, Buffer | string] = shouldCompress(size, compression)
        ? [FIELD.packedData, pack(data, compression)]
        : [FIELD.data, data];
      const fields: FieldList = [
        [FIELD.eventId, event.eventId],
        [FIELD.eventType, event.type],
        [FIELD.schemaVersion, String(event.schemaVersion)],
        payload,
        [FIELD.metadata, metadata],
        ...(event.createdAt === event.metadata.timestamp ? [] : [[FIELD.createdAt, event.createdAt] as const]),
        [FIELD.checksum, sum],
      ];
      return { fields, checksum: sum };
    },

    decode(fields, at) {
      const where = `${at.aggregateType}:${at.aggregateId} v${at.aggregateVersion}`;
      const packed = fields[FIELD.packedData];
      const data = fields[FIELD.data] ?? (packed ? unpack(packed) : undefined);
      const metadata = fields[FIELD.metadata];
      if (data === undefined || metadata === undefined) throw new Error(`Stored event ${where} has no data or metadata`);
      const stored = text(fields, FIELD.checksum, where);
      verifyChecksum(`event ${where}`, stored, data, metadata);
      const decodedMetadata = unpackMetadata(serializer.decode(metadata));
      const envelope: EventEnvelope = {
        eventId: text(fields, FIELD.eventId, where),
        eventType: text(fields, FIELD.eventType, where),
        schemaVersion: Number(text(fields, FIELD.schemaVersion, where)),
        aggregateType: at.aggregateType,
        aggregateId: at.aggregateId,
        aggregateVersion: at.aggregateVersion,
        data: serializer.decode(data) as object,
        metadata: decodedMetadata,
        createdAt: fields[FIELD.createdAt] === undefined ? decodedMetadata.timestamp : text(fields, FIELD.createdAt, where),
        checksum: stored,
        ...(at.position === undefined ? {} : { position: at.position }),
      };
      return upcasters.upcast(envelope);
    },

    envelope(event, sum, at) {
      return {
        eventId: event.eventId,
        eventType: event.type,
        schemaVersion: event.schemaVersion,
        aggregateType: at.aggregateType,
        aggregateId: at.aggregateId,
        aggregateVersion: at.aggregateVersion,
        data: event.data,
        metadata: event.metadata,
        createdAt: event.createdAt,
        checksum: sum,
        ...(at.position === undefined ? {} : { position: at.position }),
      };
    },
  };
};

/** A partition-log entry's header: which event it is, and whether the event travels inline. */
export interface PartitionEntryHeader {
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly inline: boolean;
}

export const readPartitionHeader = (fields: StoredFields, position: string): PartitionEntryHeader => {
  const where = `partition entry ${position}`;
  return {
    aggregateType: text(fields, FIELD.aggregateType, where),
    aggregateId: text(fields, FIELD.aggregateId, where),
    aggregateVersion: Number(text(fields, FIELD.aggregateVersion, where)),
    inline: fields[FIELD.eventId] !== undefined,
  };
};

/** States and snapshots: serialized with the snapshot serializer, packed (compressed when large). */
export interface StateCodec {
  encodeState(state: unknown): Buffer | string;
  decodeState(packed: Buffer): unknown;
  /** Hash fields of a snapshot: version, schema, state, takenAt. */
  encodeSnapshot(snapshot: Snapshot): FieldList;
  /** null when the hash is empty (no snapshot). */
  decodeSnapshot(fields: StoredFields): Snapshot | null;
}

export const STATE_FIELD = { version: 'version', state: 'state', schema: 'schema', takenAt: 'takenAt' } as const;

export const createStateCodec = (serializer: Serializer, compression: CompressionOptions = noCompression): StateCodec => {
  const codec: StateCodec = {
    encodeState: (state) => pack(serializer.encode(state), compression),
    decodeState: (packed) => serializer.decode(unpack(packed)),
    encodeSnapshot: (snapshot) => [
      [STATE_FIELD.version, String(snapshot.version)],
      [STATE_FIELD.schema, snapshot.schema],
      [STATE_FIELD.state, codec.encodeState(snapshot.state)],
      [STATE_FIELD.takenAt, snapshot.takenAt],
    ],
    decodeSnapshot(fields) {
      const { version, schema, state, takenAt } = fields;
      if (version === undefined || schema === undefined || state === undefined || takenAt === undefined) return null;
      return { version: Number(version.toString('utf8')), schema: schema.toString('utf8'), state: codec.decodeState(state), takenAt: takenAt.toString('utf8') };
    },
  };
  return codec;
};

/** A store that writes events and the states they lead to (event store, state store). */
export interface StoreCodecs {
  readonly events: EventCodec;
  readonly states: StateCodec;
}

/** States default to the events' serializer; compression applies to both. */
export const createStoreCodecs = (options: EventCodecOptions & { readonly stateSerializer?: Serializer | undefined }): StoreCodecs => ({
  events: createEventCodec(options),
  states: createStateCodec(options.stateSerializer ?? options.serializer, options.compression),
});
