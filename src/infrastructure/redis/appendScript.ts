/**
 * The event store's append, as one Lua script: one round trip, atomic, all or nothing.
 *
 * Redis does not roll back a script that fails after a write, so the script runs EVERY check
 * first (key types, expected version) and only then writes. The `#!lua` shebang (Redis 7) makes
 * Redis refuse the script up front when it is out of memory, instead of failing half-way. The
 * only write that could still be refused, an XADD with an id not above the stream's last id,
 * comes first: if it fails, nothing has been written yet.
 *
 * KEYS: 1 aggregate stream · 2 partition log · 3 state hash · 4 snapshot hash (all one hash tag)
 * ARGV: 1 expected mode (any | no_stream | stream_exists | exact) · 2 expected version
 *       3 aggregate type · 4 aggregate id · 5 event count
 *       6 has state (0/1) · 7 packed state
 *       8 has snapshot (0/1) · 9 snapshot version · 10 schema · 11 packed state · 12 takenAt
 *       13… per event: event type, field count n, then n field/value pairs
 * Returns {1, nextVersion, position…} or {0, actualVersion, exists (0/1)} on a conflict.
 */
import { defineScript } from './luaScript.js';

export const appendScript = defineScript(`#!lua
local stream, plog, stateKey, snapshotKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local hasState, hasSnapshot = ARGV[6] == '1', ARGV[8] == '1'

local function checkType(key, allowed)
  local found = redis.call('TYPE', key)['ok']
  if found ~= 'none' and found ~= allowed then
    return 'WRONGTYPE ' .. key .. ' holds a ' .. found .. ', expected a ' .. allowed
  end
  return nil
end

local problem = checkType(stream, 'stream') or checkType(plog, 'stream')
  or (hasState and checkType(stateKey, 'hash')) or (hasSnapshot and checkType(snapshotKey, 'hash'))
if problem then return redis.error_reply(problem) end

local function versionOf(id) return tonumber(string.match(id, '^0%-(%d+)$')) end

local exists = redis.call('EXISTS', stream) == 1
local current = 0
if exists then
  local last = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)
  if #last > 0 then
    current = versionOf(last[1][1])
  else
    -- Every entry was trimmed (compaction): the stream still remembers its last id.
    local info = redis.call('XINFO', 'STREAM', stream)
    for i = 1, #info, 2 do
      if info[i] == 'last-generated-id' then current = versionOf(info[i + 1]) end
    end
  end
  if current == nil then return redis.error_reply('ERR ' .. stream .. ' has an entry id that is not 0-<version>') end
end

local mode = ARGV[1]
local ok = mode == 'any' or (mode == 'no_stream' and not exists) or (mode == 'stream_exists' and exists)
  or (mode == 'exact' and current == tonumber(ARGV[2]))
if not ok then return {0, current, exists and 1 or 0} end

local count = tonumber(ARGV[5])
if count == 0 then return {1, current} end

-- Every check passed: from here on, nothing can fail.
local types, cursor = {}, 13
for e = 1, count do
  types[e] = ARGV[cursor]
  local n = tonumber(ARGV[cursor + 1])
  local fields = {}
  for j = 1, n * 2 do fields[j] = ARGV[cursor + 1 + j] end
  redis.call('XADD', stream, '0-' .. (current + e), unpack(fields))
  cursor = cursor + 2 + n * 2
end

local result = {1, current + count}
for e = 1, count do
  -- A reference, not a copy: readers resolve it from the aggregate stream (same slot).
  result[e + 2] = redis.call('XADD', plog, '*', 'at', ARGV[3], 'ai', ARGV[4], 'av', current + e, 't', types[e])
end

if hasState then redis.call('HSET', stateKey, 'version', current + count, 'state', ARGV[7]) end
if hasSnapshot then
  redis.call('HSET', snapshotKey, 'version', ARGV[9], 'schema', ARGV[10], 'state', ARGV[11], 'takenAt', ARGV[12])
end
return result
`);
