/**
 * Profiling experiment, not part of `npm run bench`:
 *   npx tsx bench/experiments/leanAppend.ts
 * Measures, in one run against a fresh redis-server at concurrency 64, the bare script, the event
 * store, and a leaner append with the same semantics for the common case (events without state or
 * snapshot): string arguments instead of Buffers (ioredis switches to its slower buffer mode as soon
 * as one argument is a Buffer), only the two keys used, no placeholder arguments, the partition-log
 * XADD first (a wrong key type then fails before anything is written, so the TYPE checks go), and
 * `unpack(ARGV, …)` instead of copying fields into a table. It shows how far the store's design is
 * from the 60% target and which changes close the gap. (The compaction case, an existing stream
 * with every entry trimmed, still needs the XINFO fallback of appendScript.ts; omitted here.)
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { createRedis } from '../../src/infrastructure/redis/connection.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { createEventCodec } from '../../src/infrastructure/serialization/records.js';
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { createAppender, profiledRun } from '../appends.js';
import { PROFILES, type BenchContext } from '../context.js';
import { drive } from '../drive.js';
import { countedEvent } from '../fixtures.js';
import { cleanupAll } from '../lifecycle.js';
import { startBenchRedis } from '../redis.js';

const LUA = `#!lua
local stream, plog = KEYS[1], KEYS[2]
local last = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)
local current, exists = 0, false
if #last > 0 then current = tonumber(string.sub(last[1][1], 3)); exists = true
elseif redis.call('EXISTS', stream) == 1 then exists = true end
local mode = ARGV[1]
local ok = mode == 'any' or (mode == 'no_stream' and not exists) or (mode == 'stream_exists' and exists)
  or (mode == 'exact' and current == tonumber(ARGV[2]))
if not ok then return {0, current, exists and 1 or 0} end
local count = tonumber(ARGV[5])
local result = {1, current + count}
-- partition log first: a WRONGTYPE here fails before anything was written
local cursor = 6
for e = 1, count do
  local n = tonumber(ARGV[cursor + 1])
  result[e + 2] = redis.call('XADD', plog, '*', 'at', ARGV[3], 'ai', ARGV[4], 'av', current + e, 't', ARGV[cursor])
  cursor = cursor + 2 + n * 2
end
cursor = 6
for e = 1, count do
  local n = tonumber(ARGV[cursor + 1])
  redis.call('XADD', stream, '0-' .. (current + e), unpack(ARGV, cursor + 2, cursor + 1 + n * 2))
  cursor = cursor + 2 + n * 2
end
return result
`;
const SHA = createHash('sha1').update(LUA).digest('hex');

const redis = await startBenchRedis('none');
const ctx: BenchContext = { profile: PROFILES.quick, aof: 'none', redis, figures: [], shared: new Map(), diagnostics: {}, log: console.error };
const appender = await createAppender(redis.url);
const client = createRedis(redis.url);
await client.script('LOAD', LUA);
const keys = createKeys('bench:lean:', 16);
const codec = createEventCodec({ serializer: jsonSerializer });
const pool = Array.from({ length: 2048 }, (_, i) => countedEvent(i + 1));
let next = 0;
const lean = (c: number) => {
  const streams = Array.from({ length: c }, () => ({ id: uuidv7(), version: 0 }));
  return async (w: number) => {
    const s = streams[w]!;
    if (s.version >= 100) {
      s.id = uuidv7();
      s.version = 0;
    }
    const event = pool[next++ % 2048]!;
    const ref = { aggregateType: 'bench_lean', aggregateId: s.id };
    const { fields } = codec.encode(event);
    const flat: string[] = [];
    for (const [k, v] of fields) flat.push(k, typeof v === 'string' ? v : v.toString('utf8'));
    const p = keys.partitionOf(ref.aggregateType, ref.aggregateId);
    const reply = (await client.evalsha(SHA, 2, keys.stream(ref), keys.partitionLog(p), s.version === 0 ? 'no_stream' : 'exact', s.version, ref.aggregateType, ref.aggregateId, 1, event.type, fields.length, ...flat)) as number[];
    if (reply[0] !== 1) throw new Error('conflict');
    s.version++;
  };
};
for (let round = 0; round < 2; round++) {
  for (const [name, make] of [['raw', () => appender.op('raw', 64)], ['store', () => appender.op('store', 64)], ['lean', () => lean(64)]] as const) {
    await drive(64, 400, make());
    await redis.admin.flushall();
    const { result, cost } = await profiledRun(ctx, () => drive(64, 3000, make()));
    console.log(name, Math.round(result.rate), 'client', cost.clientCpuUsPerOp, 'redis', cost.redisCpuUsPerOp, 'evalsha us', cost.commands.evalsha?.usecPerCall);
  }
}
await appender.close();
client.disconnect();
await cleanupAll();
