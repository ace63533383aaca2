/**
 * The Redis side of ops maintenance (the MaintenanceStore port of ops/maintenance.ts): raw
 * stream entries for archives, trimming aggregate streams and partition logs, consumer-group
 * floors, and rebuilding a compacted stream from an archive.
 *
 * Trimming rules that keep every event somewhere:
 * - an aggregate stream loses only entries below a version the caller proved archived, and never
 *   its last entry (the stream must keep its last id, or the next append could reuse a version);
 * - a partition log loses only entries every consumer group has acknowledged, and never its head
 *   (lag and "caught up" are measured against it).
 */
import { Cluster } from 'ioredis';
import type { ConsumerFloor, MaintenanceStore } from '../../core/ports.js';
import { comparePosition } from '../../core/projections/projection.js';
import { type EventCodec, type StateCodec, fieldListToRecord, fieldsToRecord, readPartitionHeader } from '../serialization/records.js';
import { toBuffer } from '../serialization/serializer.js';
import type { RedisClient } from './connection.js';
import { aggregateStreamPattern, parseAggregateStreamKey, type Keys } from './keys.js';
import { defineScript } from './luaScript.js';

type RawEntry = [Buffer, Buffer[]];

const versionOf = (id: string): number => Number(id.slice(2));
const pairs = (flat: readonly Buffer[]): Array<readonly [string, Buffer]> => {
  const out: Array<readonly [string, Buffer]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!.toString('utf8'), flat[i + 1]!]);
  return out;
};
/** The smallest stream id above `id`. */
const successor = (id: string): string => {
  const [ms = '0', seq = '0'] = id.split('-');
  return `${ms}-${BigInt(seq) + 1n}`;
};

/**
 * Puts archived entries back into an aggregate stream. Stream ids only grow, so entries below the
 * first remaining one cannot be XADDed: the script reads what is left, deletes the key and adds
 * archived + remaining entries in version order — atomically, so no reader or appender ever sees
 * the stream half-built. Archived versions still present are left as they are.
 * KEYS: 1 stream · ARGV: count, then per entry: version, n, n field/value pairs.
 * Returns {restored, alreadyPresent}.
 */
const restoreScript = defineScript(`#!lua
local stream = KEYS[1]
local kind = redis.call('TYPE', stream)['ok']
if kind ~= 'none' and kind ~= 'stream' then return redis.error_reply('WRONGTYPE ' .. stream .. ' is a ' .. kind) end
local remaining = kind == 'stream' and redis.call('XRANGE', stream, '-', '+') or {}
local present = {}
for _, e in ipairs(remaining) do present[tonumber(string.match(e[1], '^0%-(%d+)$'))] = e[2] end
local merged, restored, skipped = {}, 0, 0
local cursor, count = 2, tonumber(ARGV[1])
for i = 1, count do
  local version, n = tonumber(ARGV[cursor]), tonumber(ARGV[cursor + 1])
  if present[version] then
    skipped = skipped + 1
  else
    local fields = {}
    for j = 1, n * 2 do fields[j] = ARGV[cursor + 1 + j] end
    merged[#merged + 1] = {version, fields}
    restored = restored + 1
  end
  cursor = cursor + 2 + n * 2
end
if restored == 0 then return {0, skipped} end
for version, fields in pairs(present) do merged[#merged + 1] = {version, fields} end
table.sort(merged, function(a, b) return a[1] < b[1] end)
redis.call('DEL', stream)
for _, e in ipairs(merged) do redis.call('XADD', stream, '0-' .. e[1], unpack(e[2])) end
return {restored, skipped}
`);

/**
 * Replaces entries of an aggregate stream under their own ids (the personal-data redaction of
 * docs/privacy.md). Stream entries cannot be edited in place and XADD only takes ids above the
 * last one, so — like the restore above — the script reads every remaining entry, swaps the
 * replaced ones, deletes the key and adds them all back in version order, atomically. Ids, and so
 * versions and the partition-log references (type, id, version), stay what they were. An entry
 * whose checksum is no longer the expected one (rewritten meanwhile) is left alone.
 * KEYS: 1 stream · ARGV: count, then per entry: version, expected checksum, n, n field/value pairs.
 */
const rewriteScript = defineScript(`#!lua
local stream = KEYS[1]
if redis.call('TYPE', stream)['ok'] ~= 'stream' then return 0 end
local entries = redis.call('XRANGE', stream, '-', '+')
local byId = {}
for i, e in ipairs(entries) do byId[e[1]] = i end
local cursor, count, replaced = 2, tonumber(ARGV[1]), 0
for _ = 1, count do
  local id, expected, n = '0-' .. ARGV[cursor], ARGV[cursor + 1], tonumber(ARGV[cursor + 2])
  local at = byId[id]
  if at then
    local current = entries[at][2]
    local sum = nil
    for j = 1, #current, 2 do if current[j] == 'k' then sum = current[j + 1] end end
    if sum == expected then
      local fields = {}
      for j = 1, n * 2 do fields[j] = ARGV[cursor + 2 + j] end
      entries[at] = {id, fields}
      replaced = replaced + 1
    end
  end
  cursor = cursor + 3 + n * 2
end
if replaced == 0 then return 0 end
redis.call('DEL', stream)
for _, e in ipairs(entries) do redis.call('XADD', stream, e[1], unpack(e[2])) end
return replaced
`);

/** Sets a hash's `state` field only while its `version` is still the one the new state was computed from. */
const replaceStateScript = defineScript(`#!lua
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
return 1
`);

export interface RedisMaintenanceCodecs {
  /** The event store's codec (same serializer, compression and upcasters), for the archives' readable copy. */
  readonly events: EventCodec;
  /** The same without upcasters: rewrites start from the event as stored. */
  readonly stored: EventCodec;
  /** States and snapshots (the snapshot serializer and compression). */
  readonly states: StateCodec;
}

export function createRedisMaintenanceStore(redis: RedisClient, keys: Keys, codecs: RedisMaintenanceCodecs): MaintenanceStore {
  const codec = codecs.events;
  const masters = (): RedisClient[] => (redis instanceof Cluster ? redis.nodes('master') : [redis]);

  return {
    async *listAggregateIds(aggregateType) {
      const pattern = aggregateStreamPattern(keys, aggregateType);
      for (const node of masters()) {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          for (const key of found) {
            const ref = parseAggregateStreamKey(keys, aggregateType, key);
            if (ref) yield ref.aggregateId;
          }
        } while (cursor !== '0');
      }
    },

    async readRaw(ref, fromVersion, toVersion) {
      if (toVersion < fromVersion) return [];
      const entries = (await redis.xrangeBuffer(keys.stream(ref), `0-${Math.max(1, fromVersion)}`, `0-${toVersion}`)) as RawEntry[];
      return entries.map(([id, flat]) => ({ version: versionOf(id.toString('utf8')), fields: pairs(flat) }));
    },

    decode: (ref, raw) => codec.decode(fieldListToRecord([...raw.fields]), { ...ref, aggregateVersion: raw.version }),

    async bounds(ref) {
      const key = keys.stream(ref);
      const [first] = (await redis.xrange(key, '-', '+', 'COUNT', 1)) as Array<[string, string[]]>;
      const [last] = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
      return first && last ? { first: versionOf(first[0]), last: versionOf(last[0]) } : null;
    },

    async trimStreamBelow(ref, version) {
      // Exact MINID (no `~`): the caller archived exactly the versions below `version`.
      return Number(await redis.xtrim(keys.stream(ref), 'MINID', `0-${version}`));
    },

    async restoreStream(ref, events) {
      const args: Array<string | Buffer | number> = [events.length];
      for (const e of events) args.push(e.version, e.fields.length, ...e.fields.flat());
      const [restored, alreadyPresent] = (await restoreScript.run(redis, [keys.stream(ref)], args)) as [number, number];
      return { restored, alreadyPresent };
    },

    async partitionFloor(partition) {
      const key = keys.partitionLog(partition);
      const [head] = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
      if (!head) return { partition, head: null, trimBelow: null, groups: 0 };
      const groups = (await redis.xinfo('GROUPS', key)) as unknown[][];
      let floor: string | null = null;
      for (const raw of groups) {
        const info = new Map<string, unknown>();
        for (let i = 0; i + 1 < raw.length; i += 2) info.set(String(raw[i]), raw[i + 1]);
        const name = String(info.get('name'));
        const pending = Number(info.get('pending') ?? 0);
        // Entries below the oldest pending one, or up to the last delivered one when nothing is
        // pending, are acknowledged by this group: delivered and not in its pending list.
        let below = successor(String(info.get('last-delivered-id') ?? '0-0'));
        if (pending > 0) {
          const summary = (await redis.xpending(key, name)) as [number, string | null, string | null, unknown];
          if (summary[1]) below = summary[1];
        }
        if (floor === null || comparePosition(below, floor) < 0) floor = below;
      }
      const trimBelow = floor === null ? null : comparePosition(floor, head[0]) > 0 ? head[0] : floor;
      return { partition, head: head[0], trimBelow, groups: groups.length } satisfies ConsumerFloor;
    },

    async unconsumedVersions(partition, from) {
      const key = keys.partitionLog(partition);
      const lowest = new Map<string, number>();
      let start = from ?? '-';
      for (;;) {
        const batch = (await redis.xrange(key, start, '+', 'COUNT', 1000)) as Array<[string, string[]]>;
        for (const [, flat] of batch) {
          const f = new Map<string, string>();
          for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i]!, flat[i + 1]!);
          const at = f.get('at');
          const ai = f.get('ai');
          const av = Number(f.get('av'));
          if (at === undefined || ai === undefined || !Number.isFinite(av)) continue;
          const k = `${at}\u0000${ai}`;
          if (!lowest.has(k) || av < lowest.get(k)!) lowest.set(k, av);
        }
        if (batch.length < 1000) return lowest;
        start = `(${batch.at(-1)![0]}`;
      }
    },

    async readPartitionBelow(partition, belowId, count) {
      const entries = (await redis.xrangeBuffer(keys.partitionLog(partition), '-', `(${belowId}`, 'COUNT', count)) as RawEntry[];
      return entries.map(([id, flat]) => {
        const position = id.toString('utf8');
        const record = fieldsToRecord(flat);
        const header = readPartitionHeader(record, position);
        return { position, fields: pairs(flat), event: header.inline ? codec.decode(record, { ...header, position }) : null };
      });
    },

    async trimPartitionBelow(partition, minId) {
      return Number(await redis.xtrim(keys.partitionLog(partition), 'MINID', minId));
    },

    decodeStored: (ref, raw) => codecs.stored.decode(fieldListToRecord([...raw.fields]), { ...ref, aggregateVersion: raw.version }),

    reencode(event, data) {
      const { fields } = codecs.stored.encode({ eventId: event.eventId, type: event.eventType, schemaVersion: event.schemaVersion, data, metadata: event.metadata, createdAt: event.createdAt });
      return { version: event.aggregateVersion, fields: fields.map(([name, value]) => [name, toBuffer(value)] as const) };
    },

    async rewriteEntries(ref, entries) {
      if (entries.length === 0) return 0;
      const args: Array<string | Buffer | number> = [entries.length];
      for (const { expectedChecksum, event } of entries) args.push(event.version, expectedChecksum, event.fields.length, ...event.fields.flat());
      return Number(await rewriteScript.run(redis, [keys.stream(ref)], args));
    },

    async scrubStates(ref, scrub) {
      let rewritten = 0;
      for (const key of [keys.state(ref), keys.snapshot(ref)]) {
        const [version, packed] = await redis.hmgetBuffer(key, 'version', 'state');
        if (!version || !packed) continue;
        const before = codecs.states.decodeState(packed);
        const after = scrub(before);
        if (JSON.stringify(after) === JSON.stringify(before)) continue;
        rewritten += Number(await replaceStateScript.run(redis, [key], [version, codecs.states.encodeState(after)]));
      }
      return rewritten;
    },
  };
}
