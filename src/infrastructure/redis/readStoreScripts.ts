/**
 * The read store's Lua. Every read and write is one script, for two reasons:
 * - the active generation is resolved on the server in the same atomic step as the read, so a
 *   query never mixes generations and never sees a half-built one, even while a rebuild swaps;
 * - a batch of writes, its index maintenance and (for projections) the checkpoint move together:
 *   all or nothing.
 *
 * Scripts validate everything that can fail before their first write (Redis does not roll back).
 * Error replies starting with `INVALID <field>|` are caller mistakes (mapped to ValidationError).
 */
import { READ_MODEL_LUA_KEYS } from './keys.js';
import { defineScript } from './luaScript.js';

const prelude = `${READ_MODEL_LUA_KEYS}
local function activeGen(meta) return redis.call('HGET', meta, 'active') or '1' end

local catalogs = {}
local function indexesOf(rm, coll)
  local cacheKey = rm .. coll
  local defs = catalogs[cacheKey]
  if defs == nil then
    local raw = redis.call('HGET', catalogKey(rm), coll)
    defs = raw and cjson.decode(raw) or {}
    catalogs[cacheKey] = defs
  end
  return defs
end

-- Same rules as readModel.ts: strings index by their text, other JSON by its text, null not at all.
local function indexValue(raw)
  if not raw or raw == 'null' then return nil end
  if string.sub(raw, 1, 1) == '"' then return cjson.decode(raw) end
  return raw
end
local function scoreOf(raw)
  if not raw or string.sub(raw, 1, 1) == '"' then return nil end
  return tonumber(raw)
end

local function posAfter(a, b)
  local am, as = string.match(a, '^(%d+)%-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)%-(%d+)$')
  if not bm then return true end
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am > bm or (am == bm and as > bs)
end
`;

const indexing = `
local function readIndexed(dk, defs)
  local vals = {}
  for i, def in ipairs(defs) do vals[i] = redis.call('HGET', dk, def.field) end
  return vals
end

local function indexRemove(ix, coll, id, def, raw)
  if def.kind == 'sorted' then redis.call('ZREM', indexKey(ix, coll, def.name), id) return end
  local v = indexValue(raw)
  if v == nil then return end
  if def.kind == 'unique' then
    local k = indexKey(ix, coll, def.name)
    -- Last writer wins a unique value; never remove an entry another document took over.
    if redis.call('HGET', k, v) == id then redis.call('HDEL', k, v) end
  else
    redis.call('SREM', valueKey(ix, coll, def.name, v), id)
  end
end

local function indexAdd(ix, coll, id, def, raw)
  if def.kind == 'sorted' then
    local s = scoreOf(raw)
    if s then redis.call('ZADD', indexKey(ix, coll, def.name), s, id) end
    return
  end
  local v = indexValue(raw)
  if v == nil then return end
  if def.kind == 'unique' then redis.call('HSET', indexKey(ix, coll, def.name), v, id)
  else redis.call('SADD', valueKey(ix, coll, def.name, v), id) end
end

-- One write at ARGV[at]: op, collection, id, field count n, n field/value pairs. Returns the next position.
local function applyWrite(rm, ix, at, skip)
  local op, coll, id, n = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 3])
  local nextAt = at + 4 + 2 * n
  if skip then return nextAt end
  local dk = docKey(rm, coll, id)
  local defs = indexesOf(rm, coll)
  local before = readIndexed(dk, defs)
  if op == 'delete' then
    redis.call('DEL', dk)
    redis.call('ZREM', idsKey(ix, coll), id)
    for i, def in ipairs(defs) do if before[i] then indexRemove(ix, coll, id, def, before[i]) end end
    return nextAt
  end
  if op == 'put' then redis.call('DEL', dk) end
  if n > 0 then redis.call('HSET', dk, unpack(ARGV, at + 4, at + 3 + 2 * n)) end
  redis.call('ZADD', idsKey(ix, coll), 0, id)
  local after = readIndexed(dk, defs)
  for i, def in ipairs(defs) do
    if before[i] ~= after[i] then
      if before[i] then indexRemove(ix, coll, id, def, before[i]) end
      if after[i] then indexAdd(ix, coll, id, def, after[i]) end
    end
  end
  return nextAt
end
`;

/** KEYS: 1 meta. ARGV: 1 rm root · 2 index root · 3 write count · 4… writes (see applyWrite). */
export const writeScript = defineScript(`#!lua
${prelude}${indexing}
local gen = activeGen(KEYS[1])
local rm, ix = genBase(ARGV[1], gen), genBase(ARGV[2], gen)
local at = 4
for _ = 1, tonumber(ARGV[3]) do at = applyWrite(rm, ix, at, false) end
return 1
`);

/**
 * A projection batch: fenced by the partition lease (a worker that lost it writes nothing) and by
 * the generation (a retired one takes no writes), de-duplicated by partition position, and moving
 * the checkpoint in the same step — redelivered entries change nothing.
 * KEYS: 1 meta · 2 lease · 3 checkpoints. ARGV: 1 rm base (generation) · 2 index base · 3 generation
 *       4 consumer · 5 partition · 6 entry count · 7… per entry: position, write count, writes.
 * Returns {applied, skipped}, or {-1, 0} when the lease is lost, {-2, 0} when the generation retired.
 */
export const applyScript = defineScript(`#!lua
${prelude}${indexing}
if redis.call('GET', KEYS[2]) ~= ARGV[4] then return {-1, 0} end
local live = redis.call('HMGET', KEYS[1], 'active', 'building')
if (live[1] or '1') ~= ARGV[3] and live[2] ~= ARGV[3] then return {-2, 0} end
local cp = redis.call('HGET', KEYS[3], ARGV[5])
local applied, skipped, at = 0, 0, 7
for _ = 1, tonumber(ARGV[6]) do
  local pos, count = ARGV[at], tonumber(ARGV[at + 1])
  local fresh = (not cp) or posAfter(pos, cp)
  at = at + 2
  for _ = 1, count do at = applyWrite(ARGV[1], ARGV[2], at, not fresh) end
  if fresh then applied = applied + 1; cp = pos else skipped = skipped + 1 end
end
if cp then redis.call('HSET', KEYS[3], ARGV[5], cp) end
return {applied, skipped}
`);

const docReply = `
local function docReply(rm, ix, coll, id)
  local flat = redis.call('HGETALL', docKey(rm, coll, id))
  if #flat == 0 and not redis.call('ZSCORE', idsKey(ix, coll), id) then return 0 end
  return flat
end
local function findDef(defs, pred)
  for _, def in ipairs(defs) do if pred(def) then return def end end
  return nil
end
`;

/**
 * KEYS: 1 meta. ARGV: 1 rm root · 2 index root · 3 generation ('' = active) · 4 mode, then
 *   get:    5 collection · 6… ids                       → per id: flat fields, or 0
 *   unique: 5 collection · 6 index · 7 value            → flat fields, or 0
 */
export const getScript = defineScript(`
${prelude}${docReply}
local gen = ARGV[3] ~= '' and ARGV[3] or activeGen(KEYS[1])
local rm, ix = genBase(ARGV[1], gen), genBase(ARGV[2], gen)
local coll = ARGV[5]
if ARGV[4] == 'get' then
  local out = {}
  for i = 6, #ARGV do out[#out + 1] = docReply(rm, ix, coll, ARGV[i]) end
  return out
end
local def = findDef(indexesOf(rm, coll), function(d) return d.kind == 'unique' and d.name == ARGV[6] end)
if not def then return redis.error_reply('INVALID index|No unique index "' .. ARGV[6] .. '" on ' .. coll) end
local id = redis.call('HGET', indexKey(ix, coll, def.name), ARGV[7])
if not id then return 0 end
return docReply(rm, ix, coll, id)
`);

/**
 * Criteria query: equality filters intersected (ZINTERSTORE into a scratch key that never outlives
 * the script) with the ordering sorted index (or every id, score 0, ordered by id), then a keyset
 * page after the cursor (score, id).
 * KEYS: 1 meta · 2 scratch. ARGV: 1 rm root · 2 index root · 3 generation ('' = active)
 *   4 collection · 5 orderBy ('' = first sorted index) · 6 ASC|DESC · 7 limit (page size + 1)
 *   8 cursor score · 9 cursor id ('' = first page) · 10… filter field/value pairs
 * Returns {totalCount, id, score, fields, id, score, fields, …}.
 */
export const queryScript = defineScript(`#!lua
${prelude}${docReply}
local gen = ARGV[3] ~= '' and ARGV[3] or activeGen(KEYS[1])
local rm, ix = genBase(ARGV[1], gen), genBase(ARGV[2], gen)
local coll, orderBy, desc, limit = ARGV[4], ARGV[5], ARGV[6] == 'DESC', tonumber(ARGV[7])
local defs = indexesOf(rm, coll)

local orderKey = idsKey(ix, coll)
local order = findDef(defs, function(d) return d.kind == 'sorted' and (orderBy == '' or d.name == orderBy or d.field == orderBy) end)
if order then orderKey = indexKey(ix, coll, order.name)
elseif orderBy ~= '' then return redis.error_reply('INVALID orderBy|No sorted index "' .. orderBy .. '" on ' .. coll) end

local sets, uniqueId, noMatch = {}, nil, false
for i = 10, #ARGV, 2 do
  local field, value = ARGV[i], ARGV[i + 1]
  local def = findDef(defs, function(d) return d.kind ~= 'sorted' and d.field == field end)
  if not def then return redis.error_reply('INVALID where.' .. field .. '|No set or unique index on ' .. coll .. '.' .. field) end
  if def.kind == 'set' then sets[#sets + 1] = valueKey(ix, coll, def.name, value)
  else
    local id = redis.call('HGET', indexKey(ix, coll, def.name), value)
    if not id or (uniqueId and uniqueId ~= id) then noMatch = true end
    uniqueId = id
  end
end
if noMatch then return {0} end

local source = orderKey
if #sets > 0 then
  source = KEYS[2]
  local args = {source, 1 + #sets, orderKey}
  for _, k in ipairs(sets) do args[#args + 1] = k end
  args[#args + 1] = 'WEIGHTS'; args[#args + 1] = 1
  for _ = 1, #sets do args[#args + 1] = 0 end
  redis.call('ZINTERSTORE', unpack(args))
end

local function finish(reply) if source == KEYS[2] then redis.call('DEL', KEYS[2]) end return reply end

if uniqueId then
  -- At most one match: it is on the first page, so any cursor means "past it".
  local score = redis.call('ZSCORE', source, uniqueId)
  if not score then return finish({0}) end
  if ARGV[9] ~= '' then return finish({1}) end
  return finish({1, uniqueId, score, docReply(rm, ix, coll, uniqueId)})
end

local total = redis.call('ZCARD', source)
local start = 0
if ARGV[9] ~= '' then
  -- Rank of the cursor (score, id) even when that member changed or left: insert it for a moment
  -- (invisible to everyone, the script is atomic), read its rank, restore. Ties order by id
  -- exactly as the sorted set does (byte order), which Lua string comparison cannot promise.
  local aScore, aId = ARGV[8], ARGV[9]
  local current = redis.call('ZSCORE', source, aId)
  local exact = current and tonumber(current) == tonumber(aScore)
  local before
  if exact then before = redis.call('ZRANK', source, aId)
  else
    redis.call('ZADD', source, aScore, aId)
    before = redis.call('ZRANK', source, aId)
    if current then redis.call('ZADD', source, current, aId) else redis.call('ZREM', source, aId) end
    if current and tonumber(current) < tonumber(aScore) then before = before + 1 end
  end
  if desc then start = redis.call('ZCARD', source) - before else start = before + (exact and 1 or 0) end
end

local range
if limit == 0 then range = {}
elseif desc then range = redis.call('ZREVRANGE', source, start, start + limit - 1, 'WITHSCORES')
else range = redis.call('ZRANGE', source, start, start + limit - 1, 'WITHSCORES') end

local reply = {total}
for i = 1, #range, 2 do
  local fields = docReply(rm, ix, coll, range[i])
  if fields == 0 then fields = {} end
  reply[#reply + 1] = range[i]; reply[#reply + 1] = range[i + 1]; reply[#reply + 1] = fields
end
return finish(reply)
`);

/**
 * Index catalog changes on every live generation (active, and building during a rebuild).
 * KEYS: 1 meta. ARGV: 1 rm root · 2 index root · 3 mode · 4 collection, then
 *   ensure: 5… index definitions as JSON — missing ones are added and built from existing documents
 *   drop:   5 index name — removed from the catalog and its keys deleted
 * A definition that reuses a name with another kind or field is refused before anything is written.
 */
export const catalogScript = defineScript(`#!lua
${prelude}${indexing}
local meta = KEYS[1]
redis.call('HSETNX', meta, 'active', '1')
redis.call('HSETNX', meta, 'next', '1')
local live = redis.call('HMGET', meta, 'active', 'building')
local gens = {live[1]}
if live[2] then gens[2] = live[2] end
local coll, mode = ARGV[4], ARGV[3]

if mode == 'ensure' then
  local wanted = {}
  for i = 5, #ARGV do wanted[#wanted + 1] = cjson.decode(ARGV[i]) end
  for _, gen in ipairs(gens) do
    for _, def in ipairs(indexesOf(genBase(ARGV[1], gen), coll)) do
      for _, w in ipairs(wanted) do
        if w.name == def.name and (w.kind ~= def.kind or w.field ~= def.field) then
          return redis.error_reply('INVALID index|Index "' .. w.name .. '" on ' .. coll .. ' already exists as ' .. def.kind .. ' on ' .. def.field)
        end
      end
    end
  end
end

for _, gen in ipairs(gens) do
  local rm, ix = genBase(ARGV[1], gen), genBase(ARGV[2], gen)
  local defs = indexesOf(rm, coll)
  local ids = redis.call('ZRANGE', idsKey(ix, coll), 0, -1)
  if mode == 'ensure' then
    for i = 5, #ARGV do
      local w = cjson.decode(ARGV[i])
      local found = false
      for _, def in ipairs(defs) do if def.name == w.name then found = true end end
      if not found then
        defs[#defs + 1] = w
        for _, id in ipairs(ids) do
          local raw = redis.call('HGET', docKey(rm, coll, id), w.field)
          if raw then indexAdd(ix, coll, id, w, raw) end
        end
      end
    end
  else
    local kept = {}
    for _, def in ipairs(defs) do
      if def.name ~= ARGV[5] then kept[#kept + 1] = def
      elseif def.kind == 'set' then
        for _, id in ipairs(ids) do
          local v = indexValue(redis.call('HGET', docKey(rm, coll, id), def.field))
          if v then redis.call('DEL', valueKey(ix, coll, def.name, v)) end
        end
      else redis.call('DEL', indexKey(ix, coll, def.name)) end
    end
    defs = kept
  end
  if #defs > 0 then redis.call('HSET', catalogKey(rm), coll, cjson.encode(defs)) else redis.call('HDEL', catalogKey(rm), coll) end
end
return 1
`);
