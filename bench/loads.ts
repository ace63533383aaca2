/**
 * Loading aggregates of 10 … 10,000 events with and without snapshots (snapshot every 100 events,
 * as game_session), plus the raw baseline: XRANGE entries/s over the same 10,000-entry stream in
 * the pages the store reads (500). The aggregates are built through the repository in saves of 10
 * events, so the snapshots are the ones the policy writes: at the last multiple of 100.
 *
 * The snapshot target compares like with like: 10,099 events ÷ 199 events, both with snapshots,
 * so both loads read a snapshot and replay the same 99-event tail (the worst case of the policy).
 * 10,000 ÷ 100 is kept for comparison, but there both sizes are multiples of the interval and
 * neither replays anything, so it says little.
 */
import { performance } from 'node:perf_hooks';
import { createRepository, type Repository } from '../src/core/commands/repository.js';
import { closeRedis, createRedis } from '../src/infrastructure/redis/connection.js';
import { createRedisStorage } from '../src/infrastructure/storage.js';
import type { BenchContext } from './context.js';
import { type CounterState, counterAggregate, counterDecider, toNewEvent } from './fixtures.js';
import { median, summarize, ratio } from './stats.js';

const SNAPSHOT_EVERY = 100;
const SIZES = [10, 100, 1_000, 10_000] as const;
const WORST = 10_099;
/** Same 99-event tail as WORST, on a small aggregate: the like-for-like denominator. */
const SMALL_TAIL = 199;
const PAGE = 500;

const build = async (repo: Repository<CounterState>, id: string, size: number): Promise<void> => {
  let loaded = { state: counterDecider.initialState(), version: 0 };
  while (loaded.version < size) {
    const n = Math.min(10, size - loaded.version);
    let state = loaded.state;
    const events = [];
    for (let i = 0; i < n; i++) {
      const [event] = counterDecider.decide({ type: 'Count', data: {} }, state);
      state = counterDecider.evolve(state, event!);
      events.push(toNewEvent(event!));
    }
    await repo.save(id, loaded, state, events, new Date().toISOString());
    loaded = { state, version: loaded.version + n };
  }
};

/** Median load time (ms) of one run: loads until the budget is spent and at least `min` were done. */
const timeLoads = async (repo: Repository<CounterState>, id: string, expected: number, budgetMs: number, min: number): Promise<number> => {
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (times.length < min || performance.now() < end) {
    const t0 = performance.now();
    const loaded = await repo.load(id);
    times.push(performance.now() - t0);
    if (loaded.version !== expected || loaded.state.value !== expected) throw new Error(`load ${id}: got v${loaded.version} value ${loaded.state.value}, expected ${expected}`);
  }
  return median(times);
};

export const measureLoads = async (ctx: BenchContext, sections: { baseline: boolean; eventStore: boolean }): Promise<void> => {
  const { profile } = ctx;
  const redis = createRedis(ctx.redis.url, { connectionName: 'bench-load' });
  try {
    const storage = createRedisStorage(redis, { prefix: 'bench:load:', partitions: 16 });
    const withSnapshots = createRepository(counterAggregate, 'event_sourced', storage, SNAPSHOT_EVERY);
    const withoutSnapshots = createRepository(counterAggregate, 'event_sourced', storage, 0);
    const sizes = sections.eventStore ? [...SIZES, SMALL_TAIL, WORST] : [10_000];
    for (const size of sizes) await build(withSnapshots, `agg-${size}`, size);
    const bigKey = storage.keys.stream({ aggregateType: counterAggregate.type, aggregateId: 'agg-10000' });

    const xrangeRuns: number[] = [];
    const loadRuns = new Map<string, number[]>();
    const record = (key: string, value: number) => loadRuns.set(key, [...(loadRuns.get(key) ?? []), value]);
    // Warm-up: JIT and Redis caches.
    await timeLoads(withoutSnapshots, 'agg-10000', 10_000, profile.warmupMs, 1);

    for (let run = 0; run < profile.runs; run++) {
      if (sections.baseline) {
        let entries = 0;
        const t0 = performance.now();
        const end = t0 + profile.runMs;
        while (performance.now() < end) {
          for (let from = 1; ; from += PAGE) {
            const page = await redis.xrangeBuffer(bigKey, `0-${from}`, '+', 'COUNT', PAGE);
            entries += page.length;
            if (page.length < PAGE) break;
          }
        }
        xrangeRuns.push((entries * 1000) / (performance.now() - t0));
      }
      if (sections.eventStore) {
        for (const size of sizes) {
          record(`${size}.snap`, await timeLoads(withSnapshots, `agg-${size}`, size, profile.loadBudgetMs, profile.minLoads));
          if (size !== WORST && size !== SMALL_TAIL) record(`${size}.nosnap`, await timeLoads(withoutSnapshots, `agg-${size}`, size, profile.loadBudgetMs, profile.minLoads));
        }
      }
      ctx.log(`  loads run ${run + 1}/${profile.runs} done`);
    }

    const xrange = summarize(xrangeRuns);
    if (sections.baseline) {
      ctx.figures.push({ id: 'baseline.xrange', section: 'baselines', label: 'raw XRANGE (pages of 500), entries/s', unit: 'entries/s', summary: xrange });
    }
    if (!sections.eventStore) return;
    for (const size of SIZES) {
      for (const variant of ['nosnap', 'snap'] as const) {
        ctx.figures.push({
          id: `eventStore.load.${size}.${variant === 'snap' ? 'withSnapshots' : 'withoutSnapshots'}`,
          section: 'event store',
          label: `load ${size.toLocaleString('en-US')}-event aggregate, ${variant === 'snap' ? 'with' : 'without'} snapshots`,
          unit: 'ms',
          summary: summarize(loadRuns.get(`${size}.${variant}`) ?? []),
        });
      }
    }
    ctx.figures.push({
      id: `eventStore.load.${SMALL_TAIL}.withSnapshots`,
      section: 'event store',
      label: 'load 199-event aggregate (99 after the snapshot)',
      unit: 'ms',
      summary: summarize(loadRuns.get(`${SMALL_TAIL}.snap`) ?? []),
    });
    ctx.figures.push({
      id: `eventStore.load.${WORST}.withSnapshots`,
      section: 'event store',
      label: 'load 10,099-event aggregate (99 after the snapshot)',
      unit: 'ms',
      summary: summarize(loadRuns.get(`${WORST}.snap`) ?? []),
    });
    const per = (key: string) => summarize(loadRuns.get(key) ?? []);
    const target = { op: '<=' as const, value: 2, text: '≤ 2×' };
    // Like for like: both read a snapshot and replay 99 events; only the stream length differs.
    ctx.figures.push({
      id: 'eventStore.load.ratio10099to199',
      section: 'event store',
      label: 'load 10,099 ÷ load 199 (with snapshots, both a 99-event tail)',
      unit: '×',
      summary: ratio(per(`${WORST}.snap`), per(`${SMALL_TAIL}.snap`)),
      target,
    });
    // Kept for comparison, without the target: both are multiples of the interval, so neither replays an event.
    ctx.figures.push({ id: 'eventStore.load.ratio10000to100', section: 'event store', label: 'load 10,000 ÷ load 100 (with snapshots, both a 0-event tail)', unit: '×', summary: ratio(per('10000.snap'), per('100.snap')) });
    // Worst case: the snapshot is 99 events old, so a load replays as many events as a 100-event aggregate without one.
    ctx.figures.push({ id: 'eventStore.load.ratioWorstTo100', section: 'event store', label: 'load 10,099 (99-event tail) ÷ load 100 without snapshots', unit: '×', summary: ratio(per(`${WORST}.snap`), per('100.nosnap')) });
    // Replay speed without snapshots, against the raw XRANGE rate: the decode + checksum + fold cost.
    const replay = summarize((loadRuns.get('10000.nosnap') ?? []).map((ms) => (10_000 * 1000) / ms));
    ctx.figures.push({ id: 'eventStore.replay.eventsPerSecond', section: 'event store', label: 'replay without snapshots, events/s', unit: 'events/s', summary: replay });
    if (xrangeRuns.length) ctx.figures.push({ id: 'eventStore.replay.ratioToXrange', section: 'event store', label: 'replay rate ÷ raw XRANGE rate', unit: '%', summary: ratio(replay, xrange) });
  } finally {
    await closeRedis(redis);
    await ctx.redis.admin.flushall();
  }
};
