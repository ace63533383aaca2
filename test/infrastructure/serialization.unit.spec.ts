import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/core/messages.js';
import { checksum, verifyChecksum } from '../../src/infrastructure/serialization/checksum.js';
import { pack, unpack } from '../../src/infrastructure/serialization/compression.js';
import { FIELD, createEventCodec, createStateCodec, fieldListToRecord } from '../../src/infrastructure/serialization/records.js';
import { jsonSerializer, msgpackSerializer, serializerFor } from '../../src/infrastructure/serialization/serializer.js';
import { createUpcasters } from '../../src/infrastructure/serialization/upcasters.js';
import { packMetadata, unpackMetadata } from '../../src/infrastructure/serialization/metadata.js';
import { newEvent } from './events.js';

const value = { text: 'Défense ✓', n: -12, f: 1.5, big: 2 ** 45, list: [1, 'two', null, true, { deep: [] }], empty: {} };

describe('serializers', () => {
  it.each([jsonSerializer, msgpackSerializer])('$format round-trips plain data', (serializer) => {
    const encoded = serializer.encode(value);
    expect(serializer.decode(encoded)).toEqual(value);
    expect(serializer.decode(Buffer.from(encoded))).toEqual(value);
  });

  it('stores undefined as null in JSON (Redis cannot store undefined)', () => {
    expect(jsonSerializer.encode(undefined)).toBe('null');
  });

  it('MessagePack is smaller than JSON for number-heavy data', () => {
    const grid = Array.from({ length: 100 }, (_, i) => i * 1000);
    expect(Buffer.from(msgpackSerializer.encode(grid)).length).toBeLessThan(Buffer.from(jsonSerializer.encode(grid)).length);
  });

  it('picks a serializer by configured format', () => {
    expect(serializerFor('msgpack')).toBe(msgpackSerializer);
    expect(serializerFor('json')).toBe(jsonSerializer);
  });
});

describe('checksum', () => {
  it('is the 8-hex-digit CRC-32 of the bytes, strings as UTF-8', () => {
    expect(checksum('123456789')).toBe('cbf43926'); // the standard CRC-32 check value
    expect(checksum(Buffer.from('1234'), '56789')).toBe('cbf43926');
    expect(checksum('')).toBe('00000000');
  });

  it('throws an error naming the payload on mismatch', () => {
    expect(() => verifyChecksum('event x v1', checksum('a'), 'a')).not.toThrow();
    expect(() => verifyChecksum('event x v1', checksum('a'), 'b')).toThrow(/Checksum mismatch/);
    expect(() => verifyChecksum('event x v1', checksum('a'), 'b')).toThrow(/event x v1/);
  });
});

describe('compression', () => {
  const large = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: i, name: `tower-${i % 7}` })));

  it.each(['gzip', 'brotli'] as const)('%s shrinks payloads above the threshold and restores them', (algorithm) => {
    const packed = pack(large, { algorithm, thresholdBytes: 1024 });
    expect(Buffer.byteLength(packed)).toBeLessThan(large.length / 3);
    expect(unpack(packed).toString('utf8')).toBe(large);
  });

  it('leaves small payloads (and algorithm none) uncompressed behind a flag byte', () => {
    // Text stays text (ioredis' string path); the flag byte is U+0000 either way.
    expect(pack('{"a":1}', { algorithm: 'gzip', thresholdBytes: 1024 })).toBe('\u0000{"a":1}');
    expect(pack(Buffer.from('{"a":1}'))).toEqual(Buffer.from('\u0000{"a":1}'));
    expect(pack(large).length).toBe(large.length + 1);
    expect(unpack(pack(large)).toString('utf8')).toBe(large);
  });

  it('decodes by the stored flag, whatever the current configuration', () => {
    const gz = pack(large, { algorithm: 'gzip', thresholdBytes: 0 });
    expect(unpack(gz).toString('utf8')).toBe(large);
    expect(() => unpack(Buffer.from([9, 1, 2]))).toThrow(/Unknown compression flag 9/);
  });
});

describe('upcasters', () => {
  const envelope = (schemaVersion: number, data: object): EventEnvelope => ({
    eventId: 'e1', eventType: 'TowerPlaced', schemaVersion, aggregateType: 'game_session', aggregateId: 'g1', aggregateVersion: 1,
    data, metadata: { correlationId: 'c', causationId: 'c', timestamp: 't' }, createdAt: 't', checksum: '00000000',
  });
  const registry = () =>
    createUpcasters()
      .register('TowerPlaced', 1, (d) => ({ ...d, level: 1 }))
      .register('TowerPlaced', 2, (d) => ({ towerType: d.type, x: d.x, y: d.y, level: d.level }));

  it('applies the chain from the stored version up to the current one', () => {
    const upcast = registry().upcast(envelope(1, { type: 'ARROW', x: 1, y: 2 }));
    expect(upcast.schemaVersion).toBe(3);
    expect(upcast.data).toEqual({ towerType: 'ARROW', x: 1, y: 2, level: 1 });
    expect(registry().upcast(envelope(2, { type: 'ICE', x: 0, y: 0, level: 4 })).data).toEqual({ towerType: 'ICE', x: 0, y: 0, level: 4 });
  });

  it('leaves current and unknown event types untouched', () => {
    const current = envelope(3, { towerType: 'ARROW' });
    expect(registry().upcast(current)).toBe(current);
    const other = { ...current, eventType: 'WaveStarted', schemaVersion: 1 };
    expect(registry().upcast(other)).toBe(other);
  });

  it('reports the current version per type', () => {
    expect(registry().currentVersion('TowerPlaced')).toBe(3);
    expect(registry().currentVersion('WaveStarted')).toBe(1);
  });

  it('refuses duplicate steps and fails loudly on a hole in the chain', () => {
    expect(() => registry().register('TowerPlaced', 1, (d) => d)).toThrow(/already registered/);
    const holey = createUpcasters().register('X', 1, (d) => d).register('X', 3, (d) => d);
    expect(() => holey.upcast({ ...envelope(1, {}), eventType: 'X' })).toThrow(/No upcaster for X v2/);
  });
});

describe('record codecs', () => {
  it('stores createdAt only when it differs from the metadata timestamp, and reads entries written with it', () => {
    const codec = createEventCodec({ serializer: jsonSerializer });
    const at = { aggregateType: 'player', aggregateId: 'p1', aggregateVersion: 1 };
    const event = { ...newEvent('GoldGranted', { gold: 5 }), createdAt: '2020-01-01T00:00:00.000Z' };
    const { fields, checksum: sum } = codec.encode(event);
    expect(fields.map(([name]) => name)).toEqual(['i', 't', 's', 'd', 'm', 'c', 'k']);
    expect(codec.decode(fieldListToRecord(fields), at)).toEqual(codec.envelope(event, sum, at));
    // An entry of an earlier release, `c` stored although equal: same envelope.
    const same = newEvent('GoldGranted', { gold: 6 });
    const encoded = codec.encode(same);
    const older = { ...fieldListToRecord(encoded.fields), [FIELD.createdAt]: Buffer.from(same.createdAt) };
    expect(codec.decode(older, at)).toEqual(codec.envelope(same, encoded.checksum, at));
  });

  it('encodes compact event fields, checks the checksum and decodes the envelope', () => {
    const codec = createEventCodec({ serializer: jsonSerializer });
    const event = newEvent('GoldGranted', { gold: 5 });
    const { fields, checksum: sum } = codec.encode(event);
    // createdAt is the command's timestamp, already in the metadata: not stored twice.
    expect(fields.map(([name]) => name)).toEqual(['i', 't', 's', 'd', 'm', 'k']);
    const at = { aggregateType: 'player', aggregateId: 'p1', aggregateVersion: 4 };
    const stored = fieldListToRecord(fields);
    expect(codec.decode(stored, at)).toEqual(codec.envelope(event, sum, at));
    expect(() => codec.decode({ ...stored, [FIELD.data]: Buffer.from('{"gold":6}') }, at)).toThrow(/Checksum mismatch/);
  });

  it('stores metadata as a positional array (no field names), timestamp in ms when exact, and round-trips every field', () => {
    const full = { correlationId: 'co', causationId: 'ca', commandType: 'PlaceTower', commandCausationId: 'ev', userId: 'u', timestamp: '2026-11-30T18:12:33.712Z', traceparent: '00-t-s-01' };
    expect(packMetadata(full)).toEqual(['co', 'ca', Date.parse(full.timestamp), 'PlaceTower', 'u', 'ev', '00-t-s-01']);
    expect(unpackMetadata(packMetadata(full))).toEqual(full);
    // Trailing absent fields are dropped; a timestamp that ms would not give back stays a string.
    const odd = { correlationId: 'co', causationId: 'ca', timestamp: '2026-11-30T18:12:33Z' };
    expect(packMetadata(odd)).toEqual(['co', 'ca', '2026-11-30T18:12:33Z']);
    expect(unpackMetadata(packMetadata({ ...odd, userId: 'u' }))).toEqual({ ...odd, userId: 'u' });
    // Keys it does not know travel in a trailing object.
    const extra = { ...odd, region: 'eu' } as typeof odd;
    expect(unpackMetadata(JSON.parse(JSON.stringify(packMetadata(extra))))).toEqual(extra);
  });

  it.each([jsonSerializer, msgpackSerializer])('$format: decodes entries written with the metadata object (before the positional layout)', (serializer) => {
    const codec = createEventCodec({ serializer });
    const at = { aggregateType: 'player', aggregateId: 'p1', aggregateVersion: 2 };
    const event = { ...newEvent('GoldGranted', { gold: 5 }), metadata: { correlationId: 'co', causationId: 'ca', userId: 'u', timestamp: '2026-11-30T18:12:33.712Z' } };
    const written = codec.encode({ ...event, createdAt: event.metadata.timestamp });
    const current = fieldListToRecord(written.fields);
    expect(current[FIELD.metadata]!.length).toBeLessThan(serializer.encode(event.metadata).length - 30);
    const data = current[FIELD.data]!;
    const legacyMetadata = serializer.encode(event.metadata);
    const legacy = { ...current, [FIELD.metadata]: Buffer.from(legacyMetadata), [FIELD.checksum]: Buffer.from(checksum(data, legacyMetadata)) };
    expect(codec.decode(legacy, at).metadata).toEqual(event.metadata);
    expect(codec.decode(current, at).metadata).toEqual(event.metadata);
  });

  it('stores large event data packed under z when compression is on', () => {
    const codec = createEventCodec({ serializer: msgpackSerializer, compression: { algorithm: 'brotli', thresholdBytes: 100 } });
    const event = newEvent('Big', { text: 'wave '.repeat(200) });
    const stored = fieldListToRecord(codec.encode(event).fields);
    expect(stored[FIELD.data]).toBeUndefined();
    expect(stored[FIELD.packedData]!.length).toBeLessThan(200);
    expect(codec.decode(stored, { aggregateType: 'a', aggregateId: 'b', aggregateVersion: 1 }).data).toEqual(event.data);
  });

  it('round-trips snapshots, and reads an empty hash as no snapshot', () => {
    const codec = createStateCodec(msgpackSerializer, { algorithm: 'gzip', thresholdBytes: 10 });
    const snapshot = { version: 9, schema: 's1', state: { towers: [1, 2, 3] }, takenAt: '2026-01-01T00:00:00.000Z' };
    expect(codec.decodeSnapshot(fieldListToRecord(codec.encodeSnapshot(snapshot)))).toEqual(snapshot);
    expect(codec.decodeSnapshot({})).toBeNull();
  });
});
