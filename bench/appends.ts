/**
 * Appends per second, one event per append, at concurrency 1 and 64, through the event store and
 * through the bare baseline: an EVALSHA of the smallest script that does the same job as the
 * store's append (read the last version, compare with the expected one, XADD a reference to the
 * partition log and the event's fields to the aggregate stream: the same two XADDs, same keys,
 * same fields). Both share one auto-pipelined ioredis connection, as the server does, and their
 * runs are interleaved so drift (thermal, other load) hits both alike.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from '../src/core/messages.js';
import { type RedisClient, closeRedis, createRedis } from '../src/infrastructure/redis/connection.js';
import { createRedisStorage } from '../src/infrastructure/storage.js';
import { replicatedWriter } from '../src/infrastructure/redis/durableWrites.js';
import { createEventCodec } from '../src/infrastructure/serialization/records.js';
import { jsonSerializer } from '../src/infrastructure/serialization/serializer.js';
import type { BenchContext } from './context.js';
import { type DriveResult, drive } from './drive.js';
import { countedEvent } from './fixtures.js';
import { type CommandStat, commandStats, commandStatsDelta, info } from './redis.js';
import { Samples, summarize } from './stats.js';

/**
 * The baseline: expected-version check, then the two XADDs every append does (partition-log
 * reference, then the event on the aggregate stream), nothing else.
 * KEYS: 1 aggregate stream · 2 partition log. ARGV: 1 expected version · 2 aggregate type ·
 * 3 aggregate id · 4 event type · 5… the event's field/value pairs.
 */
export const RAW_APPEND_LUA = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local current = 0
if #last > 0 then current = tonumber(string.sub(last[1][1], 3)) end
if current ~= tonumber(ARGV[1]) then return {0, current} end
local position = redis.call('XADD', KEYS[2], '*', 'at', ARGV[2], 'ai', ARGV[3], 'av', current + 1, 't', ARGV[4])
redis.call('XADD', KEYS[1], '0-' .. (current + 1), unpack(ARGV, 5))
return {1, current + 1, position}
`;
const RAW_SHA = createHash('sha1').update(RAW_APPEND_LUA).digest('hex');

/** A fresh aggregate every ROTATE appends: streams stay aggregate-sized and first appends (no_stream) are exercised too. */
const ROTATE = 100;
/** Events are built before the clock starts: the figure is the store's cost, not the event factory's. */
const POOL = 2_048;

export type AppendKind = 'raw' | 'store';
type Op = (worker: number) => Promise<unknown>;

export interface Appender {
  readonly redis: RedisClient;
  op(kind: AppendKind, concurrency: number): Op;
  close(): Promise<void>;
}

/** `replicas`: appends acknowledged once that many replicas have them (eventStore.durability: replicated). */
export const createAppender = async (url: string, options: { replicas?: number } = {}): Promise<Appender> => {
  const redis = createRedis(url, { connectionName: 'bench-append' });
  await redis.script('LOAD', RAW_APPEND_LUA);
  // As the server does it: WAIT blocks its connection, so replicated commits get their own.
  const commits = options.replicas ? createRedis(url, { autoPipelining: false, connectionName: 'bench-commits' }) : null;
  const writer = commits ? replicatedWriter(commits, { replicas: options.replicas!, timeoutMs: 1_000 }) : undefined;
  const storage = createRedisStorage(redis, { prefix: 'bench:append:', partitions: 16, ...(writer ? { writer } : {}) });
  const pool: NewEvent[] = Array.from({ length: POOL }, (_, i) => countedEvent(i + 1));
  // The same fields and bytes the store writes, as plain strings: the bare client path.
  const rawFields = createEventCodec({ serializer: jsonSerializer }).encode(pool[0]!).fields.flat().map(String);
  const eventType = pool[0]!.type;
  let next = 0;

  return {
    redis,
    op(kind, concurrency) {
      const streams = Array.from({ length: concurrency }, () => ({ id: uuidv7(), version: 0 }));
      const rotate = (w: number) => {
        const s = streams[w]!;
        if (s.version >= ROTATE) {
          s.id = uuidv7();
          s.version = 0;
        }
        return s;
      };
      if (kind === 'store') {
        return async (w) => {
          const s = rotate(w);
          const event = pool[next++ % POOL]!;
          await storage.eventStore.append({ aggregateType: 'bench_append', aggregateId: s.id }, [event], {
            expectedVersion: s.version === 0 ? 'no_stream' : s.version,
          });
          s.version++;
        };
      }
      return async (w) => {
        const s = rotate(w);
        const ref = { aggregateType: 'bench_append', aggregateId: s.id };
        const key = storage.keys.stream(ref);
        const log = storage.keys.partitionLog(storage.keys.partitionOf(ref.aggregateType, ref.aggregateId));
        const reply = (await redis.evalsha(RAW_SHA, 2, key, log, s.version, ref.aggregateType, ref.aggregateId, eventType, ...rawFields)) as [number, unknown];
        if (reply[0] !== 1) throw new Error(`raw append conflict on ${key}`);
        s.version++;
      };
    },
    close: async () => {
      await closeRedis(redis);
      if (commits) await closeRedis(commits);
    },
  };
};

/** Client CPU (this process) and Redis CPU per operation, and Redis's own time per command. */
export interface CostProfile {
  readonly clientCpuUsPerOp: number;
  readonly redisCpuUsPerOp: number;
  readonly commands: Record<string, CommandStat>;
}

const redisCpuUs = async (ctx: BenchContext, admin = ctx.redis.admin): Promise<number> => {
  const cpu = await info(admin, 'cpu');
  return (Number(cpu.used_cpu_sys) + Number(cpu.used_cpu_user)) * 1e6;
};

export const profiledRun = async (ctx: BenchContext, run: () => Promise<DriveResult>, admin = ctx.redis.admin): Promise<{ result: DriveResult; cost: CostProfile }> => {
  const statsBefore = await commandStats(admin);
  const redisBefore = await redisCpuUs(ctx, admin);
  const clientBefore = process.cpuUsage();
  const result = await run();
  const client = process.cpuUsage(clientBefore);
  const redisAfter = await redisCpuUs(ctx, admin);
  const commands = commandStatsDelta(statsBefore, await commandStats(admin));
  delete commands.info;
  const perOp = (us: number) => Math.round((us / Math.max(1, result.ops)) * 10) / 10;
  return { result, cost: { clientCpuUsPerOp: perOp(client.user + client.system), redisCpuUsPerOp: perOp(redisAfter - redisBefore), commands } };
};

export interface AppendRates {
  readonly rates: Record<`${AppendKind}.c${number}`, number[]>;
  /** All single-client latencies (ms) over every run, per kind. */
  readonly c1Latencies: Record<AppendKind, Samples>;
  readonly costs: Record<string, CostProfile>;
}

export const CONCURRENCIES = [1, 64] as const;

/** Interleaved runs: raw c1, store c1, raw c64, store c64, then again. Flushes between runs (untimed). */
export const measureAppendRates = async (ctx: BenchContext, kinds: readonly AppendKind[] = ['raw', 'store']): Promise<AppendRates> => {
  const appender = await createAppender(ctx.redis.url);
  const rates: Record<string, number[]> = {};
  const c1Latencies = { raw: new Samples(), store: new Samples() };
  const costs: Record<string, CostProfile> = {};
  try {
    for (const kind of kinds) for (const c of CONCURRENCIES) await drive(c, ctx.profile.warmupMs / 2, appender.op(kind, c));
    for (let run = 0; run < ctx.profile.runs; run++) {
      for (const c of CONCURRENCIES) {
        for (const kind of kinds) {
          await ctx.redis.admin.flushall();
          const { result, cost } = await profiledRun(ctx, () => drive(c, ctx.profile.runMs, appender.op(kind, c)));
          (rates[`${kind}.c${c}`] ??= []).push(result.rate);
          if (c === 1) mergeSamples(c1Latencies[kind], result.latencies);
          if (run === 0) costs[`${kind}.c${c}`] = cost;
          ctx.log(`  append ${kind} c${c} run ${run + 1}: ${Math.round(result.rate)}/s`);
        }
      }
    }
  } finally {
    await appender.close();
    await ctx.redis.admin.flushall();
  }
  return { rates: rates as AppendRates['rates'], c1Latencies, costs };
};

const mergeSamples = (into: Samples, from: Samples): void => {
  for (const v of from.values()) into.add(v);
};

export const appendSummary = (rates: AppendRates, key: `${AppendKind}.c${number}`) => summarize(rates.rates[key] ?? []);
