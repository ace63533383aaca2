/**
 * Lua for the projection runtime's bookkeeping. Everything a script touches sits under the
 * projection's `{rm:<name>}` hash tag (one Cluster slot), except the workers set (its own key).
 * Generation layout lives in the `meta` hash: active, activeVersion, building, buildingVersion,
 * next (the last generation number handed out).
 */
import { READ_MODEL_LUA_KEYS } from './keys.js';
import { defineScript } from './luaScript.js';

const layoutReply = `
local function layout(meta)
  local m = redis.call('HMGET', meta, 'active', 'activeVersion', 'building', 'buildingVersion')
  return {m[1] or '1', m[2] or '1', m[3] or '', m[4] or ''}
end
`;

const posAfter = `
local function posAfter(a, b)
  local am, as = string.match(a, '^(%d+)%-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)%-(%d+)$')
  if not bm then return true end
  if not am then return false end
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am > bm or (am == bm and as > bs)
end
`;

/** KEYS: 1 meta. ARGV: 1 version. First use creates generation 1 at this version. Returns the layout. */
export const prepareScript = defineScript(`#!lua
${layoutReply}
redis.call('HSETNX', KEYS[1], 'active', '1')
redis.call('HSETNX', KEYS[1], 'activeVersion', ARGV[1])
redis.call('HSETNX', KEYS[1], 'next', '1')
return layout(KEYS[1])
`);

/** KEYS: 1 meta. Returns the layout {active, activeVersion, building|'', buildingVersion|''}. */
export const layoutScript = defineScript(`${layoutReply}
return layout(KEYS[1])
`);

/**
 * Allocates the next generation for `version` unless one at least that new is already building.
 * The new generation starts with the active one's index catalog (indexes created on demand survive).
 * KEYS: 1 meta. ARGV: 1 rm root · 2 version.
 * Returns {abandoned generation or 0, layout…}.
 */
export const beginRebuildScript = defineScript(`#!lua
${READ_MODEL_LUA_KEYS}${layoutReply}
local meta = KEYS[1]
redis.call('HSETNX', meta, 'active', '1')
redis.call('HSETNX', meta, 'activeVersion', ARGV[2])
redis.call('HSETNX', meta, 'next', '1')
local m = redis.call('HMGET', meta, 'active', 'building', 'buildingVersion', 'next')
if m[2] and tonumber(m[3]) >= tonumber(ARGV[2]) then
  local reply = {0}
  for _, v in ipairs(layout(meta)) do reply[#reply + 1] = v end
  return reply
end
local gen = math.max(tonumber(m[4]), tonumber(m[1])) + 1
redis.call('HSET', meta, 'next', gen, 'building', gen, 'buildingVersion', ARGV[2])
local catalog = redis.call('HGETALL', catalogKey(genBase(ARGV[1], m[1])))
if #catalog > 0 then redis.call('HSET', catalogKey(genBase(ARGV[1], gen)), unpack(catalog)) end
local reply = {tonumber(m[2] or '0')}
for _, v in ipairs(layout(meta)) do reply[#reply + 1] = v end
return reply
`);

/**
 * Swaps the building generation in once, on every partition, it has applied at least what the
 * active one has: a query after the swap never sees less than one before it.
 * KEYS: 1 meta · 2 active checkpoints · 3 building checkpoints. ARGV: 1 building generation
 *       2 active generation (as the caller read it) · 3 partition count.
 * Returns the retired generation, or 0 when not ready / no longer applicable.
 */
export const completeRebuildScript = defineScript(`#!lua
${posAfter}
local m = redis.call('HMGET', KEYS[1], 'active', 'building', 'buildingVersion')
if (m[1] or '1') ~= ARGV[2] or m[2] ~= ARGV[1] then return 0 end
for p = 0, tonumber(ARGV[3]) - 1 do
  local old = redis.call('HGET', KEYS[2], p)
  local new = redis.call('HGET', KEYS[3], p)
  if old and (not new or posAfter(old, new)) then return 0 end
end
redis.call('HSET', KEYS[1], 'active', ARGV[1], 'activeVersion', m[3])
redis.call('HDEL', KEYS[1], 'building', 'buildingVersion')
return tonumber(ARGV[2])
`);

/** KEYS: 1 lease. ARGV: 1 consumer · 2 ttl ms. Takes a free lease or renews our own. */
export const acquireScript = defineScript(`#!lua
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`);

/** KEYS: 1 lease. ARGV: 1 consumer. */
export const releaseScript = defineScript(`#!lua
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * Live workers, on the server's clock (worker clocks may disagree).
 * KEYS: 1 workers. ARGV: 1 consumer · 2 ttl ms (0 = leave). Returns the live count.
 */
export const heartbeatScript = defineScript(`#!lua
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[2] == '0' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], now, ARGV[1]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - math.max(tonumber(ARGV[2]), 1))
return redis.call('ZCARD', KEYS[1])
`);

/**
 * A poison entry: recorded with its error, the checkpoint moved past it, fenced like a batch.
 * KEYS: 1 meta · 2 lease · 3 checkpoints · 4 dead letters. ARGV: 1 generation · 2 consumer
 *       3 partition · 4 position · 5 letter (JSON) · 6 max letters kept.
 * Returns 1, or -1 (lease lost) / -2 (generation retired).
 */
export const deadLetterScript = defineScript(`#!lua
${posAfter}
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return -1 end
local live = redis.call('HMGET', KEYS[1], 'active', 'building')
if (live[1] or '1') ~= ARGV[1] and live[2] ~= ARGV[1] then return -2 end
redis.call('LPUSH', KEYS[4], ARGV[5])
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[6]) - 1)
local cp = redis.call('HGET', KEYS[3], ARGV[3])
if not cp or posAfter(ARGV[4], cp) then redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
return 1
`);

/** KEYS: 1 meta. ARGV: 1 rm root · 2 generation ('' = active). Returns {generation, checkpoint hash…}. */
export const checkpointsScript = defineScript(`
${READ_MODEL_LUA_KEYS}
local gen = ARGV[2] ~= '' and ARGV[2] or (redis.call('HGET', KEYS[1], 'active') or '1')
local reply = redis.call('HGETALL', checkpointKey(genBase(ARGV[1], gen)))
table.insert(reply, 1, gen)
return reply
`);

/** KEYS: 1 list. LRANGE + DEL in one step: nothing pushed meanwhile is lost. */
export const takeAllScript = defineScript(`#!lua
local all = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return all
`);

/** KEYS: 1 list. ARGV: values to remove (one occurrence each). Returns the values it removed, in ARGV order. */
export const takeValuesScript = defineScript(`#!lua
local removed = {}
for _, value in ipairs(ARGV) do
  if redis.call('LREM', KEYS[1], 1, value) == 1 then removed[#removed + 1] = value end
end
return removed
`);

// XGROUP and XINFO name their key after a subcommand, which ioredis cannot locate: on Cluster they
// would go to a random node (and, auto-pipelined, come back as MOVED errors). As one-key scripts
// they are routed by KEYS[1] like everything else.

/** KEYS: 1 partition log. ARGV: 1 group · 2 start id · 3 entries read ('' = unknown). Returns 1, or 0 if it existed. */
export const createGroupScript = defineScript(`#!lua
local args = {'CREATE', KEYS[1], ARGV[1], ARGV[2], 'MKSTREAM'}
if ARGV[3] ~= '' then args[#args + 1] = 'ENTRIESREAD'; args[#args + 1] = ARGV[3] end
local reply = redis.pcall('XGROUP', unpack(args))
if type(reply) == 'table' and reply.err then
  if string.find(reply.err, 'BUSYGROUP', 1, true) then return 0 end
  return redis.error_reply(reply.err)
end
return 1
`);

/** KEYS: 1 partition log. ARGV: 1 group. A missing log or group is fine (already gone). */
export const destroyGroupScript = defineScript(`#!lua
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('XGROUP', 'DESTROY', KEYS[1], ARGV[1])
`);

/** KEYS: 1 partition log. ARGV: 1 group. Returns {lag (-1 when Redis cannot tell), pending}, or {} without the group. */
export const groupInfoScript = defineScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local fields = {}
  for i = 1, #group, 2 do fields[group[i]] = group[i + 1] end
  if fields['name'] == ARGV[1] then return {fields['lag'] or -1, fields['pending']} end
end
return {}
`);

/**
 * Acknowledgements a worker deferred (ARGV[4] = how many, ids from ARGV[5]), sent with its next
 * read of the same group: the apply script already moved the checkpoint, which is what says an
 * entry is done, so an acknowledgement that a crash loses only makes the next holder claim
 * entries it then skips. In chunks: Lua's unpack() has a stack limit.
 */
const deferredAcks = `
local log, group, consumer, count = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3])
local last = 4 + tonumber(ARGV[4])
local i = 5
while i <= last do
  local j = math.min(i + 499, last)
  redis.call('XACK', log, group, unpack(ARGV, i, j))
  i = j + 1
end
`;

/**
 * KEYS: 1 partition log. ARGV: 1 group, 2 consumer, 3 count, 4 acks, 5… acked ids.
 * The deferred acknowledgements, then the entries no consumer of the group has been given yet
 * (XREADGROUP >), then those left pending under any name older than the first of them — a worker
 * whose lease just expired may have read entries right before us, and they must be applied first
 * or the checkpoint would move past them — claimed for this consumer. One round trip instead of
 * four. Returns {new entries, older claimed entries, their XPENDING rows}. No `#!lua` flags: like
 * plain XREADGROUP, reading must not be refused when Redis is out of memory.
 */
export const readNewScript = defineScript(`${deferredAcks}
local reply = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'STREAMS', log, '>')
if not reply then return {{}, {}, {}} end
local entries = reply[1][2]
local stale = redis.call('XPENDING', log, group, '-', '(' .. entries[1][1], count)
if #stale == 0 then return {entries, {}, {}} end
local ids = {}
for k, row in ipairs(stale) do ids[k] = row[1] end
return {entries, redis.call('XCLAIM', log, group, consumer, 0, unpack(ids)), stale}
`);

/**
 * KEYS: 1 partition log. ARGV: as readNewScript. The deferred acknowledgements, then entries left
 * pending (any consumer), oldest first, claimed for this consumer (min-idle 0: the lease, not
 * idleness, says their owner is gone). Returns {their XPENDING rows, claimed entries}.
 */
export const claimPendingScript = defineScript(`${deferredAcks}
local pending = redis.call('XPENDING', log, group, '-', '+', count)
if #pending == 0 then return {{}, {}} end
return {pending, redis.call('XAUTOCLAIM', log, group, consumer, 0, pending[1][1], 'COUNT', #pending)[2]}
`);
