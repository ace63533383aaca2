/**
 * Redis bytes per event at 10 events per aggregate, for the event store alone: many aggregates,
 * one append per event (as commands arrive), then used_memory after minus before, divided by the
 * events. A breakdown by key kind comes from MEMORY USAGE (SAMPLES 0 = exact). The whole-server
 * figure (with read models and hybrid states) is measured by the GraphQL section.
 */
import { createRepository } from '../src/core/commands/repository.js';
import { closeRedis, createRedis } from '../src/infrastructure/redis/connection.js';
import { createRedisStorage } from '../src/infrastructure/storage.js';
import type { BenchContext } from './context.js';
import { counterAggregate, counterDecider, toNewEvent } from './fixtures.js';
import { usedMemory } from './redis.js';
import { summarize } from './stats.js';

const EVENTS_PER_AGGREGATE = 10;
const CONCURRENCY = 64;

/** MEMORY USAGE of every key, summed by its kind (the first segment after the prefix). */
export const memoryByKind = async (admin: BenchContext['redis']['admin'], prefix = ''): Promise<Record<string, number>> => {
  const out: Record<string, number> = {};
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = admin.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const replies = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const kind = key.slice(prefix.length).split(':')[0] ?? '?';
      out[kind] = (out[kind] ?? 0) + Number(replies[i]?.[1] ?? 0);
    });
  } while (cursor !== '0');
  return out;
};

export const measureEventStoreMemory = async (ctx: BenchContext): Promise<void> => {
  const aggregates = ctx.profile.memoryAggregates;
  const events = aggregates * EVENTS_PER_AGGREGATE;
  const perRun: number[] = [];
  let breakdown: Record<string, number> = {};
  const runs = Math.min(3, ctx.profile.runs);
  for (let run = 0; run < runs; run++) {
    await ctx.redis.admin.flushall();
    const redis = createRedis(ctx.redis.url, { connectionName: 'bench-memory' });
    try {
      const prefix = 'da:';
      const storage = createRedisStorage(redis, { prefix, partitions: 16 });
      const repo = createRepository(counterAggregate, 'event_sourced', storage, 100);
      const before = await usedMemory(ctx.redis.admin);
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let a = next++; a < aggregates; a = next++) {
            const id = `mem-${run}-${a}`;
            let loaded = { state: counterDecider.initialState(), version: 0 };
            for (let e = 0; e < EVENTS_PER_AGGREGATE; e++) {
              const [event] = counterDecider.decide({ type: 'Count', data: {} }, loaded.state);
              const state = counterDecider.evolve(loaded.state, event!);
              await repo.save(id, loaded, state, [toNewEvent(event!)], new Date().toISOString());
              loaded = { state, version: loaded.version + 1 };
            }
          }
        }),
      );
      perRun.push(((await usedMemory(ctx.redis.admin)) - before) / events);
      if (run === 0) breakdown = Object.fromEntries(Object.entries(await memoryByKind(ctx.redis.admin, prefix)).map(([k, v]) => [k, Math.round((v / events) * 10) / 10]));
    } finally {
      await closeRedis(redis);
    }
  }
  await ctx.redis.admin.flushall();
  ctx.diagnostics.eventStoreBytesPerEventByKey = breakdown;
  ctx.figures.push({
    id: 'memory.eventStore.bytesPerEvent',
    section: 'memory',
    label: 'Redis bytes/event, event store only (stream + partition log)',
    unit: 'B',
    summary: summarize(perRun),
    note: `${aggregates} aggregates × ${EVENTS_PER_AGGREGATE} TowerPlaced-sized events; MEMORY USAGE per event by key kind: ${JSON.stringify(breakdown)}`,
  });
};
