/**
 * The Lua the read store's scripts share: key helpers, the active generation, the per-call
 * index catalog cache and value rules (`prelude`), and index maintenance for writes (`indexing`).
 * Each script embeds what it needs, so one script is still one self-contained atomic step.
 */
import { READ_MODEL_LUA_KEYS } from './keys.js';

export const prelude = `${READ_MODEL_LUA_KEYS}
local function activeGen(meta) return redis.call('HGET', meta, 'active') or '1' end

-- A collection's catalog entry: its index definitions (field <collection>, a JSON array) and
-- whether it is unlisted (field <collection>#unlisted, '1'; collection names never hold '#').
local catalogs = {}
local function catalogOf(rm, coll)
  local cacheKey = rm .. coll
  local entry = catalogs[cacheKey]
  if entry == nil then
    local raw = redis.call('HMGET', catalogKey(rm), coll, coll .. '#unlisted')
    entry = {defs = raw[1] and cjson.decode(raw[1]) or {}, unlisted = raw[2] == '1'}
    catalogs[cacheKey] = entry
  end
  return entry
end
local function indexesOf(rm, coll) return catalogOf(rm, coll).defs end
local function unlistedOf(rm, coll) return catalogOf(rm, coll).unlisted end

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

export const indexing = `
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
-- A listed collection is also added to (or removed from) its every-id sorted set.
local function applyWrite(rm, ix, at, skip)
  local op, coll, id, n = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 3])
  local nextAt = at + 4 + 2 * n
  if skip then return nextAt end
  local dk = docKey(rm, coll, id)
  local defs = indexesOf(rm, coll)
  local listed = not unlistedOf(rm, coll)
  local before = readIndexed(dk, defs)
  if op == 'delete' then
    redis.call('DEL', dk)
    if listed then redis.call('ZREM', idsKey(ix, coll), id) end
    for i, def in ipairs(defs) do if before[i] then indexRemove(ix, coll, id, def, before[i]) end end
    return nextAt
  end
  if op == 'put' then redis.call('DEL', dk) end
  if n > 0 then redis.call('HSET', dk, unpack(ARGV, at + 4, at + 3 + 2 * n)) end
  -- Unlisted: no id list, and a document without fields does not exist.
  if listed then redis.call('ZADD', idsKey(ix, coll), 0, id) end
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
