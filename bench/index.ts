/**
 * `npm run bench` — the performance benchmark (see README "Performance").
 *
 *   npm run bench                       full run (a few minutes)
 *   npm run bench -- --quick            under a minute, fewer and shorter runs
 *   npm run bench -- --aof everysec     the Redis under test writes an AOF (everysec | always)
 *   npm run bench -- --only eventstore  some sections: baseline,eventstore,graphql,live,memory,durability
 *   npm run bench -- --json out.json    where the results go (default bench-results[-quick].json)
 *
 * It starts its own redis-server (loopback, free port), runs the server under test and the load
 * generators as child processes, prints one table, writes the JSON file, and stops everything it
 * started, also on errors and Ctrl-C. Exit code: 0 when it ran (missed targets included), 1 on an
 * error, 3 when the contention check found a lost or duplicated version.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type BenchContext, PROFILES } from './context.js';
import { durabilityPair, measureDurability } from './durability.js';
import { runInRedisSections } from './eventStore.js';
import { cleanupAll, installSignalHandlers } from './lifecycle.js';
import { measureEventStoreMemory } from './memory.js';
import { type AofMode, startBenchRedis } from './redis.js';
import { met, renderTable, toJson } from './table.js';

const SECTIONS = ['baseline', 'eventstore', 'graphql', 'live', 'memory', 'durability'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_ORDER = ['baselines', 'event store', 'graphql', 'live path', 'memory', 'durability'];

const parse = () => {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      aof: { type: 'string', default: 'none' },
      only: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log('usage: npm run bench -- [--quick] [--aof everysec|always] [--only baseline,eventstore,graphql,live,memory,durability] [--json FILE]');
    process.exit(0);
  }
  if (!['none', 'everysec', 'always'].includes(values.aof)) throw new Error(`--aof must be everysec or always, got "${values.aof}"`);
  const only = values.only?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const s of only ?? []) if (!SECTIONS.includes(s as Section)) throw new Error(`--only: unknown section "${s}" (known: ${SECTIONS.join(', ')})`);
  const selected = new Set<Section>((only as Section[] | undefined) ?? SECTIONS);
  const profile = PROFILES[values.quick ? 'quick' : 'full'];
  return { profile, aof: values.aof as AofMode, selected, json: values.json ?? (values.quick ? 'bench-results-quick.json' : 'bench-results.json') };
};

const main = async (): Promise<number> => {
  installSignalHandlers();
  const args = parse();
  const started = performance.now();
  const log = (message: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
  const redis = await startBenchRedis(args.aof);
  const ctx: BenchContext = { profile: args.profile, aof: args.aof, redis, figures: [], shared: new Map(), diagnostics: {}, log };
  const environment = {
    profile: args.profile.name,
    aof: args.aof,
    redis: redis.version,
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    startedAt: new Date().toISOString(),
  };
  log(`bench ${args.profile.name}: redis ${redis.version} on ${redis.url} (AOF ${args.aof}), node ${process.version}, ${environment.cpus}`);
  const has = (s: Section) => args.selected.has(s);
  let violations = 0;

  if (has('baseline') || has('eventstore')) {
    ({ violations } = await runInRedisSections(ctx, { baseline: has('baseline'), eventStore: has('eventstore') }));
  }
  if (has('memory')) {
    log('memory: Redis bytes per event (event store)');
    await measureEventStoreMemory(ctx);
  }
  if (has('durability')) {
    log('durability: appends with AOF vs without');
    const pair = await durabilityPair(ctx);
    try {
      await measureDurability(ctx, pair);
    } finally {
      await pair.release();
    }
  }

  const order = (section: string) => SECTION_ORDER.indexOf(section);
  const figures = [...ctx.figures].sort((a, b) => order(a.section) - order(b.section));
  const elapsedSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`\nDefense Allies benchmark (${args.profile.name}, ${args.profile.runs} runs per figure: median, min–max; AOF ${args.aof}; redis ${redis.version}; ${environment.cpus})\n`);
  console.log(renderTable(figures));
  const withTarget = figures.filter((f) => f.target);
  const missed = withTarget.filter((f) => met(f) === false);
  console.log(`\n${withTarget.length - missed.length}/${withTarget.length} targets met${missed.length ? ` (missed: ${missed.map((f) => f.id).join(', ')})` : ''}; ${elapsedSeconds} s`);
  await writeFile(args.json, `${JSON.stringify({ environment: { ...environment, elapsedSeconds }, figures: toJson(figures), diagnostics: ctx.diagnostics }, null, 2)}\n`);
  console.log(`results: ${args.json}`);
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
