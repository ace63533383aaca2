/**
 * The read store's Lua, reading side: get by ids or by a unique index, and criteria queries.
 * Like every read store script, each resolves the active generation in the same atomic step as
 * the read (see readStoreWriteScripts.ts).
 */
import { defineScript } from './luaScript.js';
import { prelude } from './readStoreLua.js';

const docReply = `
local function docReply(rm, ix, coll, id)
  local flat = redis.call('HGETALL', docKey(rm, coll, id))
  -- A listed document without fields exists while its id is listed; an unlisted one does not.
  if #flat == 0 and (unlistedOf(rm, coll) or not redis.call('ZSCORE', idsKey(ix, coll), id)) then return 0 end
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

local sets, uniqueId, noMatch, filters = {}, nil, false, 0
for i = 10, #ARGV, 2 do
  filters = filters + 1
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
-- Unlisted (no id list): the filters or the sorted index must say which documents there are.
local unlisted = unlistedOf(rm, coll)
if unlisted and not order and filters == 0 then
  return redis.error_reply('INVALID where|' .. coll .. ' is unlisted: query it with a where on a set or unique index, or order by a sorted index')
end
if noMatch then return {0} end

-- Unlisted and unordered: no id list to intersect with, the sets alone (every score 0, by id).
local withOrder = order or not unlisted
local source = orderKey
if #sets > 0 then
  source = KEYS[2]
  local args = {source, #sets + (withOrder and 1 or 0)}
  if withOrder then args[#args + 1] = orderKey end
  for _, k in ipairs(sets) do args[#args + 1] = k end
  args[#args + 1] = 'WEIGHTS'
  if withOrder then args[#args + 1] = 1 end
  for _ = 1, #sets do args[#args + 1] = 0 end
  redis.call('ZINTERSTORE', unpack(args))
end

local function finish(reply) if source == KEYS[2] then redis.call('DEL', KEYS[2]) end return reply end

if uniqueId then
  -- At most one match: it is on the first page, so any cursor means "past it".
  local score
  if not withOrder and #sets == 0 then
    -- Only a unique filter: the index entry exists while the document holds the value.
    if redis.call('EXISTS', docKey(rm, coll, uniqueId)) == 1 then score = '0' end
  else score = redis.call('ZSCORE', source, uniqueId) end
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
