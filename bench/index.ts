/**
 * `npm run bench` — the performance benchmark (see README "Performance").
 *
 *   npm run bench                       full run (a few minutes)
 *   npm run bench -- --quick            under a minute, fewer and shorter runs
 *   npm run bench -- --aof everysec     the Redis under test writes an AOF (everysec | always)
 *   npm run bench -- --only eventstore  some sections: baseline,eventstore,graphql,live,spectators,memory,durability,soak
 *   npm run bench -- --json out.json    where the results go (default bench-results[-quick|-soak].json;
 *                                       a full run to commit: --json bench/results/YYYY-MM-DD.json)
 *   npm run bench -- --cpu-prof DIR     CPU-profile the server under test (node --cpu-prof) into DIR
 *   npm run bench -- --redis-config stream-node-max-bytes=1024   CONFIG SET on the Redis under test
 *   npm run bench -- --split            the server under test as two processes, ROLES=api and
 *                                       ROLES=worker,scheduler (the deployment of docs/deployment.md
 *                                       on one machine); CPU and RSS figures sum both
 *                                       (repeatable; recorded in the results' environment)
 *   npm run bench -- --soak             only the long soak: RSS after 10 min of play ÷ after 2 min
 *   npm run bench -- --soak --soak-minutes 20   (N minutes vs the first N/5)
 *   npm run bench -- --readme FILE      rewrite README.md's Performance table from a results file (runs nothing)
 *     [--before OLD]                     … with a "before" column from an earlier committed run
 *
 * It starts its own redis-server (loopback, free port), runs the server under test and the load
 * generators as child processes, prints one table, writes the JSON file, and stops everything it
 * started, also on errors and Ctrl-C. Exit code: 0 when it ran (missed targets included), 1 on an
 * error (what was measured is still printed and saved), 2 on bad arguments, 3 when the contention
 * check found a lost or duplicated version.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type BenchContext, type Profile, PROFILES } from './context.js';
import { type DurabilityPair, durabilityPair, measureDurability, measureMutationDurability, measureReplication } from './durability.js';
import { runInRedisSections } from './eventStore.js';
import { measureGraphql, startApi } from './graphql.js';
import { cleanupAll, installSignalHandlers } from './lifecycle.js';
import { measureLive } from './live.js';
import { measureEventStoreMemory } from './memory.js';
import { updateReadme } from './readme.js';
import { measureSoak } from './soak.js';
import { measureSpectators } from './spectators.js';
import { type AofMode, commandStats, startBenchRedis } from './redis.js';
import { measureServerBytesPerEvent, measureSubscriptionRss } from './serverMemory.js';
import { spawnHelloServer } from './serverProcess.js';
import { met, renderTable, toJson } from './table.js';

const SECTIONS = ['baseline', 'eventstore', 'graphql', 'live', 'spectators', 'memory', 'durability', 'soak'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_ORDER = ['baselines', 'event store', 'graphql', 'live path', 'spectators', 'memory', 'durability', 'soak'];

const USAGE =
  'usage: npm run bench -- [--quick | --soak [--soak-minutes N]] [--aof everysec|always] [--only baseline,eventstore,graphql,live,spectators,memory,durability,soak] [--json FILE] [--cpu-prof DIR] [--redis-config name=value]… [--split]\n       npm run bench -- --readme RESULTS.json [--before EARLIER.json]';

const parse = () => {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      aof: { type: 'string', default: 'none' },
      only: { type: 'string' },
      json: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'redis-config': { type: 'string', multiple: true },
      soak: { type: 'boolean', default: false },
      split: { type: 'boolean', default: false },
      'soak-minutes': { type: 'string', default: '10' },
      readme: { type: 'string' },
      before: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!['none', 'everysec', 'always'].includes(values.aof)) throw new Error(`--aof must be everysec or always, got "${values.aof}"`);
  const only = values.only?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const s of only ?? []) if (!SECTIONS.includes(s as Section)) throw new Error(`--only: unknown section "${s}" (known: ${SECTIONS.join(', ')})`);
  if (values.soak && values.quick) throw new Error('--soak and --quick do not go together');
  const minutes = Number(values['soak-minutes']);
  if (!(minutes >= 1)) throw new Error(`--soak-minutes must be a number ≥ 1, got "${values['soak-minutes']}"`);
  // --soak: the long soak alone (the full run has a short one; the quick run none).
  const selected = new Set<Section>(values.soak ? ['soak'] : ((only as Section[] | undefined) ?? SECTIONS));
  const profile: Profile = values.soak
    ? { ...PROFILES.full, name: 'soak', soakSeconds: Math.round(minutes * 60), soakFirstSeconds: Math.round(minutes * 12) }
    : PROFILES[values.quick ? 'quick' : 'full'];
  const nodeFlags = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const json = values.json ?? (values.soak ? 'bench-results-soak.json' : values.quick ? 'bench-results-quick.json' : 'bench-results.json');
  const redisConfig = (values['redis-config'] ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--redis-config takes name=value, got "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)] as const;
  });
  return { profile, aof: values.aof as AofMode, selected, nodeFlags, json, readme: values.readme, before: values.before, redisConfig, split: values.split };
};

/** The Redis commands the server spent most time in during the GraphQL sections (INFO commandstats). */
const topCommands = (before: Awaited<ReturnType<typeof commandStats>>, after: Awaited<ReturnType<typeof commandStats>>) =>
  Object.entries(after)
    .map(([name, a]) => {
      const b = before[name] ?? { calls: 0, usec: 0 };
      const calls = a.calls - b.calls;
      return { name, calls, usec: a.usec - b.usec, usecPerCall: calls ? Math.round(((a.usec - b.usec) / calls) * 100) / 100 : 0 };
    })
    .filter((c) => c.calls > 0)
    .sort((x, y) => y.usec - x.usec)
    .slice(0, 12);

const main = async (): Promise<number> => {
  installSignalHandlers();
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.readme) {
    await updateReadme(args.readme, 'README.md', args.before);
    console.log(`README.md: Performance table rewritten from ${args.readme}`);
    return 0;
  }
  const started = performance.now();
  const log = (message: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
  const redis = await startBenchRedis(args.aof);
  for (const [name, value] of args.redisConfig) await redis.admin.config('SET', name, value);
  const ctx: BenchContext = { profile: args.profile, aof: args.aof, redis, figures: [], shared: new Map(), diagnostics: {}, log };
  const environment = {
    profile: args.profile.name,
    aof: args.aof,
    redis: redis.version,
    ...(args.redisConfig.length ? { redisConfig: Object.fromEntries(args.redisConfig) } : {}),
    ...(args.split ? { server: 'split: ROLES=api + ROLES=worker,scheduler processes (CPU and RSS summed)' } : {}),
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    startedAt: new Date().toISOString(),
  };
  log(`bench ${args.profile.name}: redis ${redis.version} on ${redis.url} (AOF ${args.aof}), node ${process.version}, ${environment.cpus}${args.split ? '; server split into api + worker processes' : ''}`);
  const has = (s: Section) => args.selected.has(s);
  let violations = 0;

  let failure: unknown = null;
  const pair: DurabilityPair | null = has('durability') ? await durabilityPair(ctx) : null;
  try {
    if (has('baseline') || has('eventstore')) {
      ({ violations } = await runInRedisSections(ctx, { baseline: has('baseline'), eventStore: has('eventstore') }));
    }
    if (has('memory')) {
      log('memory: Redis bytes per event (event store)');
      await measureEventStoreMemory(ctx);
    }
    if (pair) {
      log(`durability: appends with AOF ${pair.mode} vs without`);
      await measureDurability(ctx, pair);
      log('durability: appends acknowledged by the primary vs by a replica (WAIT 1)');
      await measureReplication(ctx);
    }

    if (has('graphql') || has('live') || has('spectators') || has('memory')) {
      log(`starting the server under test (src/main.ts${args.split ? ', ROLES=api + ROLES=worker,scheduler' : ''}) and the hello-world server`);
      const [api, hello] = await Promise.all([startApi(redis.url, args.nodeFlags, args.split), has('graphql') ? spawnHelloServer() : Promise.resolve(null)]);
      const statsBefore = await commandStats(redis.admin);
      try {
        if (has('graphql') && hello) await measureGraphql(ctx, api, hello);
        await hello?.stop();
        if (has('live')) {
          log('live path: command → subscriber at 1,000 events/s');
          await measureLive(ctx, api);
        }
        if (has('memory')) {
          log('memory: Redis bytes per event (whole server)');
          await measureServerBytesPerEvent(ctx, api);
        }
        if (has('spectators')) {
          log(`spectators: one game, ${args.profile.spectatorSubscribers} graphql-ws subscribers, ${args.profile.spectatorEventsPerSecond} events/s`);
          await measureSpectators(ctx, api);
        }
        ctx.diagnostics.serverRedisCommands = topCommands(statsBefore, await commandStats(redis.admin));
        ctx.diagnostics.slowlog = await redis.admin.slowlog('GET', 10);
      } finally {
        await api.server.stop();
      }
    }
    if (has('memory')) {
      log('memory: server RSS per idle subscription (fresh servers)');
      await measureSubscriptionRss(ctx, args.nodeFlags);
    }
    // Mutation durability needs two more servers: only in the full run (the quick one keeps to a minute).
    if (pair && args.profile.name === 'full') {
      log(`durability: placeTower with AOF ${pair.mode} vs without (fresh servers, flushed Redis)`);
      await measureMutationDurability(ctx, pair, args.nodeFlags);
    }
    if (has('soak') && args.profile.soakSeconds > 0) {
      log(`soak: ${args.profile.soakSeconds} s of play on a fresh server, RSS vs after the first ${args.profile.soakFirstSeconds} s`);
      await measureSoak(ctx, args.nodeFlags);
    }
  } catch (error) {
    // Still print and save what was measured; the exit code says the run failed.
    failure = error;
  } finally {
    await pair?.release();
  }

  const order = (section: string) => SECTION_ORDER.indexOf(section);
  const figures = [...ctx.figures].sort((a, b) => order(a.section) - order(b.section));
  const elapsedSeconds = Math.round((performance.now() - started) / 100) / 10;
  const p = args.profile;
  console.log(
    `\nDefense Allies benchmark (${p.name}; median and min–max of ${p.runs} runs per in-Redis figure, ${p.httpRuns} per GraphQL figure, ${p.liveRuns} per live figure; AOF ${args.aof}; redis ${redis.version}; ${environment.cpus})\n`,
  );
  console.log(renderTable(figures));
  const withTarget = figures.filter((f) => f.target);
  const missed = withTarget.filter((f) => met(f) === false);
  console.log(`\n${withTarget.length - missed.length}/${withTarget.length} targets met${missed.length ? ` (missed: ${missed.map((f) => f.id).join(', ')})` : ''}; ${elapsedSeconds} s`);
  const error = failure === null ? undefined : failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
  await writeFile(args.json, `${JSON.stringify({ environment: { ...environment, elapsedSeconds }, figures: toJson(figures), diagnostics: ctx.diagnostics, ...(error ? { error } : {}) }, null, 2)}\n`);
  console.log(`results: ${args.json}`);
  if (failure !== null) {
    console.error('bench failed:', failure);
    return 1;
  }
  if (violations > 0) {
    console.error(`bench: the contention check found ${violations} lost or duplicated versions`);
    return 3;
  }
  return 0;
};

main()
  .then(
    (code) => code,
    (error: unknown) => {
      console.error('bench failed:', error);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
