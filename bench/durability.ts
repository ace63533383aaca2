/**
 * Durability cost: event-store appends at concurrency 64 against a Redis with AOF (everysec, or the
 * mode given with --aof) as a share of the same against a Redis without persistence, runs paired
 * and interleaved, the order alternating between rounds (even rounds without persistence first,
 * odd rounds with the AOF first) so neither side always runs on the warmer or the more loaded
 * machine. The share is the median of the per-round ratios. Both servers run side by side; the
 * AOF one fsyncs into its own temp dir.
 */
import { type Appender, createAppender } from './appends.js';
import type { BenchContext } from './context.js';
import { drive } from './drive.js';
import { CONNECTIONS, placeTowerRun, startApi } from './graphql.js';
import { type AofMode, type BenchRedis, startBenchRedis } from './redis.js';
import { ratio, summarize } from './stats.js';

export interface DurabilityPair {
  readonly plain: BenchRedis;
  readonly aof: BenchRedis;
  readonly mode: Exclude<AofMode, 'none'>;
  /** Stops whichever server this pair started itself. */
  release(): Promise<void>;
}

/** The bench's own Redis plays whichever role its --aof mode fits; the other one is started here. */
export const durabilityPair = async (ctx: BenchContext): Promise<DurabilityPair> => {
  if (ctx.aof === 'none') {
    const aof = await startBenchRedis('everysec');
    return { plain: ctx.redis, aof, mode: 'everysec', release: () => aof.stop() };
  }
  const plain = await startBenchRedis('none');
  return { plain, aof: ctx.redis, mode: ctx.aof, release: () => plain.stop() };
};

/** Runs both sides of round `run`: without persistence first on even rounds, with the AOF first on odd ones. */
const inOrder = async <T>(run: number, plain: () => Promise<T>, aof: () => Promise<T>): Promise<[T, T]> => {
  if (run % 2 === 0) {
    const p = await plain();
    return [p, await aof()];
  }
  const a = await aof();
  return [await plain(), a];
};

export const measureDurability = async (ctx: BenchContext, pair: DurabilityPair): Promise<void> => {
  const plainAppender = await createAppender(pair.plain.url);
  const aofAppender = await createAppender(pair.aof.url);
  const plain: number[] = [];
  const aof: number[] = [];
  try {
    await drive(64, ctx.profile.warmupMs / 2, plainAppender.op('store', 64));
    await drive(64, ctx.profile.warmupMs / 2, aofAppender.op('store', 64));
    for (let run = 0; run < ctx.profile.runs; run++) {
      await pair.plain.admin.flushall();
      await pair.aof.admin.flushall();
      const plainRun = () => drive(64, ctx.profile.runMs, plainAppender.op('store', 64));
      const aofRun = () => drive(64, ctx.profile.runMs, aofAppender.op('store', 64));
      const [p, a] = await inOrder(run, plainRun, aofRun);
      plain.push(p.rate);
      aof.push(a.rate);
      ctx.log(`  durability run ${run + 1} (${run % 2 === 0 ? 'plain first' : 'AOF first'}): ${Math.round(p.rate)}/s plain, ${Math.round(a.rate)}/s AOF ${pair.mode}`);
    }
  } finally {
    await plainAppender.close();
    await aofAppender.close();
    await pair.plain.admin.flushall();
    await pair.aof.admin.flushall();
  }
  const section = 'durability';
  const withAof = summarize(aof);
  ctx.figures.push({ id: `durability.append.c64.aof-${pair.mode}`, section, label: `append c64 with AOF ${pair.mode}, appends/s`, unit: 'appends/s', summary: withAof });
  ctx.figures.push({
    id: `durability.append.c64.share-${pair.mode}`,
    section,
    label: `append c64: AOF ${pair.mode} ÷ no persistence`,
    unit: '%',
    summary: ratio(withAof, summarize(plain)),
    ...(pair.mode === 'everysec' ? { target: { op: '>=' as const, value: 0.8, text: '≥ 80%' } } : {}),
  });
};

/**
 * The same for placeTower over GraphQL: two fresh servers under test, one on each Redis of the
 * pair (both flushed first, so neither carries the earlier sections' data or projection backlog),
 * placeTower runs at 64 connections alternating between them.
 */
export const measureMutationDurability = async (ctx: BenchContext, pair: DurabilityPair, nodeFlags: readonly string[] = []): Promise<void> => {
  await pair.plain.admin.flushall();
  await pair.aof.admin.flushall();
  const [plainApi, aofApi] = await Promise.all([startApi(pair.plain.url, nodeFlags), startApi(pair.aof.url, nodeFlags)]);
  const seconds = ctx.profile.httpSeconds;
  const plain: number[] = [];
  const aof: number[] = [];
  try {
    let estimate = (ctx.shared.get('placeTower.c64') as { median: number } | undefined)?.median ?? 0;
    await placeTowerRun(plainApi, CONNECTIONS, seconds, estimate);
    await placeTowerRun(aofApi, CONNECTIONS, seconds, estimate);
    for (let run = 0; run < ctx.profile.httpRuns; run++) {
      const [p, a] = await inOrder(
        run,
        () => placeTowerRun(plainApi, CONNECTIONS, seconds, estimate),
        () => placeTowerRun(aofApi, CONNECTIONS, seconds, estimate),
      );
      plain.push(p.rate);
      aof.push(a.rate);
      estimate = Math.max(estimate, p.rate, a.rate);
      ctx.log(`  durability (placeTower) run ${run + 1} (${run % 2 === 0 ? 'plain first' : 'AOF first'}): ${Math.round(p.rate)}/s plain, ${Math.round(a.rate)}/s AOF ${pair.mode}`);
    }
  } finally {
    await plainApi.server.stop();
    await aofApi.server.stop();
  }
  const section = 'durability';
  const withAof = summarize(aof);
  ctx.figures.push({ id: `durability.placeTower.c64.aof-${pair.mode}`, section, label: `placeTower c64 with AOF ${pair.mode}, mutations/s`, unit: 'mut/s', summary: withAof });
  ctx.figures.push({ id: `durability.placeTower.c64.share-${pair.mode}`, section, label: `placeTower c64: AOF ${pair.mode} ÷ no persistence`, unit: '%', summary: ratio(withAof, summarize(plain)) });
};

/**
 * Durability modes (eventStore.durability), same run: event-store appends at concurrency 64 on a
 * primary with one replica, acknowledged by the primary (`primary`) or only once the replica
 * confirmed them (`replicated`: the append and WAIT 1 in one pipeline on a commit connection of
 * its own), rounds interleaved and alternating as above. Two servers of their own (no
 * persistence), so the AOF figures above stay comparable.
 */
export const measureReplication = async (ctx: BenchContext): Promise<void> => {
  const primary = await startBenchRedis('none');
  const replica = await startBenchRedis('none');
  const primaryMode: number[] = [];
  const replicatedMode: number[] = [];
  let primaryAppender: Appender | null = null;
  let replicatedAppender: Appender | null = null;
  try {
    await replica.admin.replicaof('127.0.0.1', primary.port);
    const deadline = Date.now() + 15_000;
    while (!/master_link_status:up/.test(await replica.admin.info('replication'))) {
      if (Date.now() > deadline) throw new Error('durability modes: the replica did not sync within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    primaryAppender = await createAppender(primary.url);
    replicatedAppender = await createAppender(primary.url, { replicas: 1 });
    await drive(64, ctx.profile.warmupMs / 2, primaryAppender.op('store', 64));
    await drive(64, ctx.profile.warmupMs / 2, replicatedAppender.op('store', 64));
    for (let run = 0; run < ctx.profile.runs; run++) {
      await primary.admin.flushall();
      const p = primaryAppender;
      const r = replicatedAppender;
      const [a, b] = await inOrder(
        run,
        () => drive(64, ctx.profile.runMs, p.op('store', 64)),
        () => drive(64, ctx.profile.runMs, r.op('store', 64)),
      );
      primaryMode.push(a.rate);
      replicatedMode.push(b.rate);
      ctx.log(`  durability modes run ${run + 1}: ${Math.round(a.rate)}/s primary, ${Math.round(b.rate)}/s replicated (WAIT 1)`);
    }
  } finally {
    await primaryAppender?.close();
    await replicatedAppender?.close();
    await replica.stop();
    await primary.stop();
  }
  const section = 'durability';
  const acknowledgedByPrimary = summarize(primaryMode);
  const acknowledgedByReplica = summarize(replicatedMode);
  ctx.figures.push({ id: 'durability.append.c64.mode-primary', section, label: 'append c64, primary + 1 replica, durability primary, appends/s', unit: 'appends/s', summary: acknowledgedByPrimary });
  ctx.figures.push({ id: 'durability.append.c64.mode-replicated', section, label: 'append c64, primary + 1 replica, durability replicated (WAIT 1), appends/s', unit: 'appends/s', summary: acknowledgedByReplica });
  ctx.figures.push({ id: 'durability.append.c64.share-replicated', section, label: 'append c64: durability replicated ÷ primary', unit: '%', summary: ratio(acknowledgedByReplica, acknowledgedByPrimary) });
};
