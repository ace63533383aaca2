/**
 * The read store's Lua, writing side (reads are in readStoreReadScripts.ts; shared pieces in
 * readStoreLua.ts). Every read and write is one script, for two reasons:
 * - the active generation is resolved on the server in the same atomic step as the read, so a
 *   query never mixes generations and never sees a half-built one, even while a rebuild swaps;
 * - a batch of writes, its index maintenance and (for projections) the checkpoint move together:
 *   all or nothing.
 *
 * Scripts validate everything that can fail before their first write (Redis does not roll back).
 * Error replies starting with `INVALID <field>|` are caller mistakes (mapped to ValidationError).
 */
import { defineScript } from './luaScript.js';
import { indexing, prelude } from './readStoreLua.js';

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

/**
 * Index catalog changes on every live generation (active, and building during a rebuild).
 * KEYS: 1 meta. ARGV: 1 rm root · 2 index root · 3 mode · 4 collection, then
 *   ensure: 5 listing ('listed' | 'unlisted' | '' = leave as is) · 6… index definitions as JSON —
 *           missing ones are added and built from existing documents; the listing is recorded
 *   drop:   5 index name — removed from the catalog and its keys deleted
 * A definition that reuses a name with another kind or field is refused before anything is written.
 * The documents of an unlisted collection (no #ids set) are found with SCAN over the generation's
 * document keys. Turning a collection unlisted deletes its #ids set; listing it again rebuilds it.
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
local listing = mode == 'ensure' and ARGV[5] or ''

if mode == 'ensure' then
  local wanted = {}
  for i = 6, #ARGV do wanted[#wanted + 1] = cjson.decode(ARGV[i]) end
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

-- Every document id of a collection in one generation, in id order.
local function docIds(rm, ix)
  if not unlistedOf(rm, coll) then return redis.call('ZRANGE', idsKey(ix, coll), 0, -1) end
  local prefix = docKey(rm, coll, '')
  local pattern = string.gsub(prefix, '[%*%?%[%]\\\\]', '\\\\%0') .. '*'
  local ids, seen, cursor = {}, {}, '0'
  repeat
    local reply = redis.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', 1000)
    cursor = reply[1]
    for _, key in ipairs(reply[2]) do
      local id = string.sub(key, #prefix + 1)
      if not seen[id] then seen[id] = true; ids[#ids + 1] = id end
    end
  until cursor == '0'
  table.sort(ids)
  return ids
end

for _, gen in ipairs(gens) do
  local rm, ix = genBase(ARGV[1], gen), genBase(ARGV[2], gen)
  local defs = indexesOf(rm, coll)
  local cached
  local function ids()
    if cached == nil then cached = docIds(rm, ix) end
    return cached
  end
  if mode == 'ensure' then
    for i = 6, #ARGV do
      local w = cjson.decode(ARGV[i])
      local found = false
      for _, def in ipairs(defs) do if def.name == w.name then found = true end end
      if not found then
        defs[#defs + 1] = w
        for _, id in ipairs(ids()) do
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
        for _, id in ipairs(ids()) do
          local v = indexValue(redis.call('HGET', docKey(rm, coll, id), def.field))
          if v then redis.call('DEL', valueKey(ix, coll, def.name, v)) end
        end
      else redis.call('DEL', indexKey(ix, coll, def.name)) end
    end
    defs = kept
  end
  if #defs > 0 then redis.call('HSET', catalogKey(rm), coll, cjson.encode(defs)) else redis.call('HDEL', catalogKey(rm), coll) end
  local unlisted = unlistedOf(rm, coll)
  if listing == 'unlisted' and not unlisted then
    -- Documents without fields existed only through the id list (they hold no index entries).
    redis.call('HSET', catalogKey(rm), coll .. '#unlisted', '1')
    redis.call('UNLINK', idsKey(ix, coll))
  elseif listing == 'listed' and unlisted then
    local all = ids()
    for i = 1, #all, 500 do
      local args = {}
      for j = i, math.min(i + 499, #all) do args[#args + 1] = 0; args[#args + 1] = all[j] end
      redis.call('ZADD', idsKey(ix, coll), unpack(args))
    end
    redis.call('HDEL', catalogKey(rm), coll .. '#unlisted')
  end
end
return 1
`);
