/**
 * The event store's append, as one Lua script: one round trip, atomic, all or nothing.
 *
 * Redis does not roll back a script that fails after a write, so every write that could fail
 * comes before any other write, or is checked first:
 *  - the aggregate stream's type is checked by XREVRANGE itself (WRONGTYPE before any write);
 *  - the partition-log XADDs go first: a wrong key type fails the first of them, with nothing
 *    written; later ones on the same key cannot fail;
 *  - the aggregate-stream XADDs then cannot fail (type checked, ids strictly above the last one);
 *  - the state and snapshot hashes are TYPE-checked up front, only when they are written.
 * The `#!lua` shebang (Redis 7) makes Redis refuse the script up front when it is out of memory,
 * instead of failing half-way. This keeps the common append at five commands (XREVRANGE, two
 * XADDs, and MEMORY USAGE before and after them); EXISTS and XINFO run only for a stream whose
 * every entry was compacted away, DUMP + RESTORE only when the append opened a stream node
 * (Redis 7.0 preallocates it at 4 KB; rewriting the stream stores it at its size).
 *
 * A command sent with an idempotency key carries its mark (a hash of the scoped key): the script
 * first looks the mark up — before the expected-version check, so a retry decided on a state its
 * own first attempt already changed is recognised, not refused or applied twice — and if it is
 * there appends nothing and returns what it appended; otherwise it records the mark (first and
 * last version, input fingerprint, positions; with the idempotency TTL) with the events.
 *
 * KEYS: 1 aggregate stream · 2 partition log · [3 state hash] · [4 snapshot hash] · [last: command mark]
 *       (one hash tag; the optional ones only when written, so the common append sends two keys)
 * ARGV: 1 expected mode (any | no_stream | stream_exists | exact) · 2 expected version
 *       3 aggregate type · 4 aggregate id · 5 event count · 6 has state (0/1) · 7 has snapshot (0/1)
 *       8 command mark TTL in seconds (0 = no mark), then, only with a mark: 9 input fingerprint
 *       then, only when present: packed state, state schema ('' = none); snapshot version, schema, packed state, takenAt
 *       then per event: event type, field count n, then n field/value pairs
 * Returns {1, nextVersion, position…}, {0, actualVersion, exists (0/1)} on a conflict, or
 * {2, mark} when the command was already applied (mark: "first last fingerprint position…").
 */
import { defineScript } from './luaScript.js';

export const appendScript = defineScript(`#!lua
local stream, plog, stateKey, snapshotKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local hasState, hasSnapshot = ARGV[6] == '1', ARGV[7] == '1'
local markTtl = tonumber(ARGV[8])
local markKey = markTtl > 0 and KEYS[#KEYS] or nil
local stateArg = markKey and 10 or 9
local snapshotArg = stateArg + (hasState and 2 or 0)
local firstEvent = snapshotArg + (hasSnapshot and 4 or 0)

local function checkType(key, allowed)
  local found = redis.call('TYPE', key)['ok']
  if found ~= 'none' and found ~= allowed then
    return 'WRONGTYPE ' .. key .. ' holds a ' .. found .. ', expected a ' .. allowed
  end
  return nil
end

-- Already applied (a retry): answer what it appended then, write nothing. GET fails on a wrong type before any write.
if markKey then
  local mark = redis.call('GET', markKey)
  if mark then return {2, mark} end
end

local problem = (hasState and checkType(stateKey, 'hash')) or (hasSnapshot and checkType(snapshotKey, 'hash'))
if problem then return redis.error_reply(problem) end

local function versionOf(id) return tonumber(string.match(id, '^0%-(%d+)$')) end

-- XREVRANGE fails with WRONGTYPE on a key that is not a stream: before anything is written.
local last = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)
local exists, current = #last > 0, 0
if exists then
  current = versionOf(last[1][1])
elseif redis.call('EXISTS', stream) == 1 then
  -- Every entry was trimmed (compaction): the stream still remembers its last id.
  exists = true
  local info = redis.call('XINFO', 'STREAM', stream)
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then current = versionOf(info[i + 1]) end
  end
end
if current == nil then return redis.error_reply('ERR ' .. stream .. ' has an entry id that is not 0-<version>') end

local mode = ARGV[1]
local ok = mode == 'any' or (mode == 'no_stream' and not exists) or (mode == 'stream_exists' and exists)
  or (mode == 'exact' and current == tonumber(ARGV[2]))
if not ok then return {0, current, exists and 1 or 0} end

local count = tonumber(ARGV[5])
if count == 0 then return {1, current} end

-- The stream's allocated bytes (MEMORY USAGE counts each node's allocation, walking all of them),
-- to see below whether this append opened a node: on streams of under 128 events only (see below).
local function allocated() return redis.call('MEMORY', 'USAGE', stream, 'SAMPLES', '0') end
local watched = current < 128
local allocatedBefore = (watched and exists) and allocated() or 0

-- Partition log first: if its key has the wrong type, this first XADD fails and nothing is written.
local result, cursor = {1, current + count}, firstEvent
for e = 1, count do
  -- A reference, not a copy: readers resolve it from the aggregate stream (same slot).
  result[e + 2] = redis.call('XADD', plog, '*', 'at', ARGV[3], 'ai', ARGV[4], 'av', current + e, 't', ARGV[cursor])
  cursor = cursor + 2 + tonumber(ARGV[cursor + 1]) * 2
end

-- From here on, nothing can fail.
cursor = firstEvent
for e = 1, count do
  local n = tonumber(ARGV[cursor + 1])
  redis.call('XADD', stream, '0-' .. (current + e), unpack(ARGV, cursor + 2, cursor + 1 + n * 2))
  cursor = cursor + 2 + n * 2
end

-- Redis 7.0 allocates every new stream node at 4 KB (stream-node-max-bytes) and shrinks it only
-- once it is full, which most aggregate streams never fill: a 2-event user stream took 4.7 KB.
-- When this append opened a node (allocation up by 3 KB or more; a large batch may also trigger
-- it, harmlessly), rewrite the stream at its exact size: same entries, ids and last id. Only a
-- stream of under 128 events and 64 KB: a longer one wastes at most one node's slack, a small
-- share, and walking or dumping it would hold Redis longer. Later XADDs grow the node in the
-- allocator's small steps. Costs ~1.5 µs per append (bench/experiments/appendCost.ts).
local allocatedAfter = watched and allocated() or 0
if allocatedAfter - allocatedBefore >= 3072 and allocatedAfter <= 65536 then
  local ttl = redis.call('PTTL', stream)
  redis.call('RESTORE', stream, ttl > 0 and ttl or 0, redis.call('DUMP', stream), 'REPLACE')
end

if hasState then
  -- The schema tells loaders which shape the state has; a state written without one must not keep an older claim.
  if ARGV[stateArg + 1] == '' then
    redis.call('HSET', stateKey, 'version', current + count, 'state', ARGV[stateArg])
    redis.call('HDEL', stateKey, 'schema')
  else
    redis.call('HSET', stateKey, 'version', current + count, 'state', ARGV[stateArg], 'schema', ARGV[stateArg + 1])
  end
end
if hasSnapshot then
  local a = snapshotArg
  redis.call('HSET', snapshotKey, 'version', ARGV[a], 'schema', ARGV[a + 1], 'state', ARGV[a + 2], 'takenAt', ARGV[a + 3])
end
if markKey then
  redis.call('SET', markKey, (current + 1) .. ' ' .. (current + count) .. ' ' .. ARGV[9] .. ' ' .. table.concat(result, ' ', 3), 'EX', markTtl)
end
return result
`);
