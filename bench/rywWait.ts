/**
 * Read-your-writes wait (issue #11): what a mutation waits for after its append before it can
 * answer from the read model, i.e. append → ProjectionManager.waitForPosition(), over the real
 * Redis runtime (partition logs, wake-up watcher, checkpoints), with WRITERS concurrent writers on
 * distinct aggregates and one projection. The baseline is the append itself, timed on the same
 * writes: wait p99 ÷ append p99. Waits of half the watcher's block time or more are the stalls of
 * issue #11 (an append that went without a wake-up waits for the block to time out); they are
 * counted. (Was bench/experiments/rywWait.ts; the old-vs-new tree comparison is gone.)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EventEnvelope } from '../src/core/messages.js';
import { partitionOf } from '../src/core/partition.js';
import { ProjectionManager } from '../src/core/projections/manager.js';
import { type RedisClient, closeRedis, createRedis } from '../src/infrastructure/redis/connection.js';
import { RedisEventStore } from '../src/infrastructure/redis/eventStore.js';
import { createKeys, createReadModelKeys } from '../src/infrastructure/redis/keys.js';
import { RedisProjectionRuntime } from '../src/infrastructure/redis/projectionRuntime.js';
import { RedisReadStore } from '../src/infrastructure/redis/readStore.js';
import { jsonSerializer } from '../src/infrastructure/serialization/serializer.js';
import type { BenchContext } from './context.js';
import { Samples, ratio, summarize } from './stats.js';

const WRITERS = 32;
const PARTITIONS = 16;
/** configs/cqrs.yaml eventBus.blockMs: the longest block of the wake-up watcher. */
const BLOCK_MS = 500;
const PREFIX = 'bench:ryw:';

interface RunSamples {
  readonly append: Samples;
  readonly wait: Samples;
}

export const measureRywWait = async (ctx: BenchContext): Promise<void> => {
  const keys = createKeys(PREFIX, PARTITIONS);
  const readModelKeys = createReadModelKeys(PREFIX);
  const commands: RedisClient = createRedis(ctx.redis.url, { connectionName: 'bench-ryw-commands' });
  const worker: RedisClient = createRedis(ctx.redis.url, { connectionName: 'bench-ryw-projections' });
  const eventStore = new RedisEventStore({ redis: commands, keys, serializer: jsonSerializer });
  const runtime = new RedisProjectionRuntime({
    redis: worker,
    keys,
    readModelKeys,
    store: new RedisReadStore({ redis: worker, keys: readModelKeys }),
    serializer: jsonSerializer,
    deadLettersMax: 100,
    blockMs: BLOCK_MS,
  });
  const manager = new ProjectionManager({
    runtime,
    consumer: `bench-ryw-${randomUUID().slice(0, 8)}`,
    batchSize: 100,
    retry: { strategy: 'fixed', baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
    claimIdleMs: 30_000,
    blockMs: BLOCK_MS,
  }).register({
    name: 'bench_ryw',
    version: 1,
    collections: [{ name: 'bench_ryw_docs', indexes: [] }],
    project: (e: EventEnvelope) => [{ op: 'put', collection: 'bench_ryw_docs', id: e.aggregateId, doc: { id: e.aggregateId, v: e.aggregateVersion } }],
  });

  const oneRun = async (durationMs: number): Promise<RunSamples> => {
    const append = new Samples();
    const wait = new Samples();
    const end = performance.now() + durationMs;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const id = `ryw-${w}-${randomUUID().slice(0, 8)}`;
        const partition = partitionOf('bench_counter', id, PARTITIONS);
        while (performance.now() < end) {
          const now = new Date().toISOString();
          const t0 = performance.now();
          const result = await eventStore.append(
            { aggregateType: 'bench_counter', aggregateId: id },
            [{ eventId: randomUUID(), type: 'Ticked', data: {}, schemaVersion: 1, metadata: { correlationId: 'c', causationId: 'c', timestamp: now }, createdAt: now }],
            { expectedVersion: 'any' },
          );
          const t1 = performance.now();
          await manager.waitForPosition(result.positions.map((p: string) => `${partition}:${p}`), 30_000);
          append.add(t1 - t0);
          wait.add(performance.now() - t1);
        }
      }),
    );
    return { append, wait };
  };

  const p50s: number[] = [];
  const p99s: number[] = [];
  const maxes: number[] = [];
  const appendP99s: number[] = [];
  let stalls = 0;
  let writes = 0;
  try {
    await manager.start();
    await oneRun(Math.min(500, ctx.profile.warmupMs)); // JIT, connections, the watcher's first block
    for (let run = 0; run < ctx.profile.runs; run++) {
      const { append, wait } = await oneRun(ctx.profile.runMs);
      const [p50, p99, max] = wait.percentiles(50, 99, 100);
      p50s.push(p50!);
      p99s.push(p99!);
      maxes.push(max!);
      appendP99s.push(append.percentiles(99)[0]!);
      stalls += wait.values().filter((ms) => ms >= BLOCK_MS / 2).length;
      writes += wait.count;
      ctx.log(`  read-your-writes run ${run + 1}: ${wait.count} writes, wait p50 ${p50!.toFixed(2)} ms, p99 ${p99!.toFixed(2)} ms, max ${max!.toFixed(1)} ms; append p99 ${appendP99s.at(-1)!.toFixed(2)} ms`);
    }
  } finally {
    await manager.stop();
    await runtime.close();
    await closeRedis(commands);
    await closeRedis(worker);
    await ctx.redis.admin.flushall();
  }
  const section = 'event store';
  const note = `${WRITERS} writers on distinct aggregates, one projection, blockMs ${BLOCK_MS}; ${writes} writes`;
  ctx.figures.push({ id: 'eventStore.rywWait.p50', section, label: `read-your-writes wait (append → waitForPosition), c${WRITERS} p50`, unit: 'ms', summary: summarize(p50s), note });
  ctx.figures.push({ id: 'eventStore.rywWait.p99', section, label: `read-your-writes wait, c${WRITERS} p99`, unit: 'ms', summary: summarize(p99s), note });
  ctx.figures.push({ id: 'eventStore.rywWait.max', section, label: `read-your-writes wait, c${WRITERS} max`, unit: 'ms', summary: summarize(maxes), note });
  ctx.figures.push({ id: 'eventStore.rywWait.appendP99', section, label: `append p99 on the same writes (baseline)`, unit: 'ms', summary: summarize(appendP99s) });
  ctx.figures.push({ id: 'eventStore.rywWait.p99.ratioToAppend', section, label: 'read-your-writes wait p99 ÷ append p99', unit: '×', summary: ratio(summarize(p99s), summarize(appendP99s)) });
  ctx.figures.push({
    id: 'eventStore.rywWait.stalls',
    section,
    label: `read-your-writes waits ≥ ${BLOCK_MS / 2} ms (stalls, all runs)`,
    unit: '',
    summary: summarize([stalls]),
    target: { op: '<=', value: 0, text: '= 0' },
    note,
  });
};
