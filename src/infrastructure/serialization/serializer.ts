/**
 * How values become bytes in Redis. JSON is the default (readable with redis-cli); MessagePack is
 * smaller and faster for large states. The format is part of the storage layout: stored payloads
 * carry no format marker, so switching a live store needs a migration.
 */
import { Packr } from 'msgpackr';

export type SerializationFormat = 'json' | 'msgpack';

export interface Serializer {
  readonly format: SerializationFormat;
  encode(value: unknown): Buffer | string;
  decode(payload: Buffer | string): unknown;
}

export const jsonSerializer: Serializer = {
  format: 'json',
  // JSON.stringify(undefined) is undefined, which Redis cannot store: store `null` instead.
  encode: (value) => JSON.stringify(value) ?? 'null',
  decode: (payload) => JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) as unknown,
};

// Records (msgpackr's shared-structure extension) would make every payload depend on structures
// kept outside it; plain maps keep each payload self-describing.
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

export const msgpackSerializer: Serializer = {
  format: 'msgpack',
  encode: (value) => packr.pack(value),
  decode: (payload) => packr.unpack(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload) as unknown,
};

export const serializerFor = (format: SerializationFormat): Serializer => (format === 'msgpack' ? msgpackSerializer : jsonSerializer);

/** Bytes of a payload, for checksums and size thresholds. */
export const toBuffer = (payload: Buffer | string): Buffer => (typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload);
