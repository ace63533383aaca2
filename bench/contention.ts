/**
 * Contention: 8 writers (8 connections, like 8 API nodes) on 16 hot aggregates, each doing
 * load → decide → append with the loaded version, without retrying. The aggregates are hybrid, as
 * game sessions (the hot aggregates of this game) are: load reads the state hash written by the
 * previous append, so the figure is about the race, not about replaying. Reports successful appends/s
 * and the conflict rate, then checks the outcome: every stream holds versions 1..n with no gap,
 * every event carries the value its version implies (so no write was based on a stale state), the
 * streams hold exactly the successful appends, and the partition logs reference each of them once.
 */
import { performance } from 'node:perf_hooks';
import { ConflictError } from '../src/core/errors.js';
import { createRepository } from '../src/core/commands/repository.js';
import { type RedisClient, closeRedis, createRedis } from '../src/infrastructure/redis/connection.js';
import { createRedisStorage } from '../src/infrastructure/storage.js';
import type { BenchContext } from './context.js';
import { type Counted, counterAggregate, counterDecider, toNewEvent } from './fixtures.js';
import { summarize } from './stats.js';

const WRITERS = 8;
const HOT = 16;
const PREFIX = 'bench:contention:';

interface RunOutcome {
  readonly successes: number;
  readonly conflicts: number;
  readonly elapsedMs: number;
  /** Gaps, duplicates, stale writes and partition-log mismatches found afterwards. */
  readonly violations: number;
  readonly problems: readonly string[];
}

const oneRun = async (clients: readonly RedisClient[], admin: RedisClient, run: number, durationMs: number): Promise<RunOutcome> => {
  const ids = Array.from({ length: HOT }, (_, i) => `hot-${run}-${i}`);
  let successes = 0;
  let conflicts = 0;
  const perAggregate = new Map<string, number>();
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    clients.map(async (redis) => {
      const storage = createRedisStorage(redis, { prefix: PREFIX, partitions: 16 });
      const repo = createRepository(counterAggregate, 'hybrid', storage, 100);
      while (performance.now() < deadline) {
        const id = ids[Math.floor(Math.random() * HOT)]!;
        const loaded = await repo.load(id);
        const [event] = counterDecider.decide({ type: 'Count', data: {} }, loaded.state);
        try {
          await repo.save(id, loaded, counterDecider.evolve(loaded.state, event!), [toNewEvent(event!)], new Date().toISOString());
          successes++;
          perAggregate.set(id, (perAggregate.get(id) ?? 0) + 1);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          conflicts++;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - start;

  const problems: string[] = [];
  const storage = createRedisStorage(admin, { prefix: PREFIX, partitions: 16 });
  const wanted = new Set(ids);
  for (const id of ids) {
    const events = await storage.eventStore.read({ aggregateType: counterAggregate.type, aggregateId: id });
    events.forEach((e, i) => {
      if (e.aggregateVersion !== i + 1) problems.push(`${id}: entry ${i + 1} has version ${e.aggregateVersion}`);
      const value = (e.data as Counted['data']).value;
      if (value !== e.aggregateVersion) problems.push(`${id}: version ${e.aggregateVersion} carries value ${value} (written from a stale state)`);
    });
    const acknowledged = perAggregate.get(id) ?? 0;
    if (events.length !== acknowledged) problems.push(`${id}: ${acknowledged} appends acknowledged, ${events.length} stored`);
  }
  const seen = new Set<string>();
  let referenced = 0;
  for (const key of storage.keys.partitionLogs()) {
    for (const [, fields] of await admin.xrange(key, '-', '+')) {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      if (f.at !== counterAggregate.type || !wanted.has(f.ai ?? '')) continue;
      const ref = `${f.ai}@${f.av}`;
      if (seen.has(ref)) problems.push(`partition log references ${ref} twice`);
      seen.add(ref);
      referenced++;
    }
  }
  if (referenced !== successes) problems.push(`partition logs reference ${referenced} events, ${successes} appends succeeded`);
  return { successes, conflicts, elapsedMs, violations: problems.length, problems };
};

export const measureContention = async (ctx: BenchContext): Promise<{ violations: number }> => {
  const clients = Array.from({ length: WRITERS }, (_, i) => createRedis(ctx.redis.url, { connectionName: `bench-writer-${i}` }));
  const admin = createRedis(ctx.redis.url, { connectionName: 'bench-check', autoPipelining: false });
  const rates: number[] = [];
  const conflictRates: number[] = [];
  const violations: number[] = [];
  const problems: string[] = [];
  try {
    await oneRun(clients, admin, -1, ctx.profile.warmupMs);
    for (let run = 0; run < ctx.profile.runs; run++) {
      const outcome = await oneRun(clients, admin, run, ctx.profile.runMs);
      rates.push((outcome.successes * 1000) / outcome.elapsedMs);
      conflictRates.push(outcome.conflicts / Math.max(1, outcome.successes + outcome.conflicts));
      violations.push(outcome.violations);
      problems.push(...outcome.problems.slice(0, 10));
      ctx.log(`  contention run ${run + 1}: ${outcome.successes} ok, ${outcome.conflicts} conflicts, ${outcome.violations} violations`);
    }
  } finally {
    await Promise.all([...clients, admin].map(closeRedis));
    await ctx.redis.admin.flushall();
  }
  const section = 'event store';
  ctx.figures.push({ id: 'eventStore.contention.appendsPerSecond', section, label: 'contention 8 writers × 16 hybrid aggregates: appends/s', unit: 'appends/s', summary: summarize(rates) });
  ctx.figures.push({ id: 'eventStore.contention.conflictRate', section, label: 'contention: conflict rate (of attempts)', unit: '%', summary: summarize(conflictRates) });
  ctx.figures.push({
    id: 'eventStore.contention.violations',
    section,
    label: 'contention: versions lost or duplicated',
    unit: '',
    // Any violation in any run is a failure: report the total, not a median.
    summary: summarize([violations.reduce((a, b) => a + b, 0)]),
    target: { op: '<=', value: 0, text: '= 0' },
  });
  if (problems.length) ctx.diagnostics.contentionProblems = problems;
  return { violations: violations.reduce((a, b) => a + b, 0) };
};
