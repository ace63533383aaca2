/**
 * State store for state-based aggregates: a hash `state:{pN}:<type>:<id>` with `version` and the
 * packed `state`. A save is one Lua script that checks the version and also appends the events
 * that produced the state to the partition log INLINE (these aggregates have no stream for a
 * reference to point at), so projections and subscribers see them: all or nothing.
 *
 * Versions count events, not saves: a save with n events moves the version by n (by 1 when it
 * carries none), and event k gets version `previous + k`. Consumers that de-duplicate by
 * aggregate version therefore never see two events with one version.
 */
import type { NewEvent } from '../../core/messages.js';
import type { AppendResult, ExpectedVersion, StateStore, StoredState, StreamRef } from '../../core/ports.js';
import { conflictError, expectedVersionArgs } from '../shared/concurrency.js';
import { appendResult } from '../shared/eventStreams.js';
import type { CompressionOptions } from '../serialization/compression.js';
import { type EventCodec, type StateCodec, createStoreCodecs } from '../serialization/records.js';
import type { Serializer } from '../serialization/serializer.js';
import { RedisAdapter, type RedisAccess } from './adapter.js';
import { type ScriptArg, defineScript } from './luaScript.js';
import { primaryWriter, type ScriptWriter } from './durableWrites.js';

/**
 * KEYS: 1 state hash · 2 partition log.
 * ARGV: 1 expected mode · 2 expected version · 3 packed state · 4 aggregate type · 5 aggregate id
 *       6 event count · 7… per event: field count n, then n field/value pairs.
 * Checks first, writes after (see appendScript.ts for why); `#!lua` refuses it up front on OOM.
 */
const saveScript = defineScript(`#!lua
local stateKey, plog = KEYS[1], KEYS[2]
for _, check in ipairs({{stateKey, 'hash'}, {plog, 'stream'}}) do
  local found = redis.call('TYPE', check[1])['ok']
  if found ~= 'none' and found ~= check[2] then
    return redis.error_reply('WRONGTYPE ' .. check[1] .. ' holds a ' .. found .. ', expected a ' .. check[2])
  end
end

local exists = redis.call('EXISTS', stateKey) == 1
local current = tonumber(redis.call('HGET', stateKey, 'version') or '0') or 0
local mode = ARGV[1]
local ok = mode == 'any' or (mode == 'no_stream' and not exists) or (mode == 'stream_exists' and exists)
  or (mode == 'exact' and current == tonumber(ARGV[2]))
if not ok then return {0, current, exists and 1 or 0} end

local count = tonumber(ARGV[6])
local next = current + math.max(count, 1)
redis.call('HSET', stateKey, 'version', next, 'state', ARGV[3])
local result, cursor = {1, next}, 7
for e = 1, count do
  local n = tonumber(ARGV[cursor])
  local entry = {'at', ARGV[4], 'ai', ARGV[5], 'av', current + e}
  for j = 1, n * 2 do entry[6 + j] = ARGV[cursor + j] end
  result[e + 2] = redis.call('XADD', plog, '*', unpack(entry))
  cursor = cursor + 1 + n * 2
end
return result
`);

export interface RedisStateStoreOptions extends RedisAccess {
  /** Events written inline to the partition log (must match the event store's, readers share it). */
  readonly serializer: Serializer;
  /** The state itself; defaults to `serializer`. */
  readonly stateSerializer?: Serializer;
  readonly compression?: CompressionOptions;
  /** How saves are written per durability mode (durableWrites.ts). Default: primary only. */
  readonly writer?: ScriptWriter;
}

export class RedisStateStore extends RedisAdapter implements StateStore {
  private readonly events: EventCodec;
  private readonly states: StateCodec;
  private readonly writer: ScriptWriter;

  constructor(options: RedisStateStoreOptions) {
    super(options);
    this.writer = options.writer ?? primaryWriter(this.redis);
    ({ events: this.events, states: this.states } = createStoreCodecs(options));
  }

  async load(ref: StreamRef): Promise<StoredState | null> {
    const { version, state, schema } = await this.redis.hgetallBuffer(this.keys.state(ref));
    if (version === undefined || state === undefined) return null;
    const stored = { version: Number(version.toString('utf8')), state: this.states.decodeState(state) };
    return schema === undefined ? stored : { ...stored, schema: schema.toString('utf8') };
  }

  async save(
    ref: StreamRef,
    state: unknown,
    options: { expectedVersion: ExpectedVersion; events?: readonly NewEvent[] },
  ): Promise<AppendResult> {
    const events = options.events ?? [];
    const encoded = events.map((event) => ({ event, ...this.events.encode(event) }));
    const args: ScriptArg[] = [
      ...expectedVersionArgs(options.expectedVersion),
      this.states.encodeState(state),
      ref.aggregateType,
      ref.aggregateId,
      events.length,
    ];
    for (const { fields } of encoded) args.push(fields.length, ...fields.flat());

    const partition = this.keys.partitionOf(ref.aggregateType, ref.aggregateId);
    const written = await this.writer.run(saveScript, [this.keys.state(ref), this.keys.partitionLog(partition)], args);
    const reply = written.reply as [number, number, ...unknown[]];
    if (reply[0] === 0) throw conflictError(ref, options.expectedVersion, reply[2] === 1, reply[1]);

    const nextVersion = reply[1];
    const result = appendResult(this.events, ref, encoded, nextVersion - Math.max(events.length, 1) + 1, nextVersion, reply.slice(2).map(String));
    return written.confirmed ? result : { ...result, unconfirmed: true };
  }

  async delete(ref: StreamRef): Promise<void> {
    await this.redis.del(this.keys.state(ref));
  }
}
