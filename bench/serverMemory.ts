/**
 * Section 5 through the real server:
 * - Redis bytes per event at 10 events per aggregate, all keys (streams, partition logs, hybrid
 *   states, snapshots, read models and indexes): sessions played to 10 events through GraphQL,
 *   projections caught up, then used_memory after minus before over the partition-log entries
 *   added (every event lands in exactly one partition log).
 * - Server RSS per idle subscription, SSE and WebSocket, each on a server of its own started for
 *   it (a server that already served load has free heap that would absorb the subscriptions):
 *   RSS with N open, primed subscriptions minus RSS before, over N.
 */
import { MEADOW_TOWER_CELLS, mapLimit } from './api.js';
import type { BenchContext } from './context.js';
import { type ApiUnderTest, createSessions, projectionsCaughtUp, startApi } from './graphql.js';
import { sleep } from './lifecycle.js';
import type { LiveSpec } from './loadgen/live.js';
import { startLoadgen } from './loadgen/run.js';
import { connectInspector, inspectorUrl } from './inspector.js';
import { memoryByKind } from './memory.js';
import { usedMemory } from './redis.js';
import { slope, summarize } from './stats.js';

const EVENTS_PER_AGGREGATE = 10;

const partitionEntries = async (ctx: BenchContext): Promise<number> => {
  const keys = await ctx.redis.admin.keys('da:partition:*');
  let total = 0;
  for (const key of keys) if ((await ctx.redis.admin.type(key)) === 'stream') total += await ctx.redis.admin.xlen(key);
  return total;
};

/** Plays `count` sessions to 10 events each: created, 4 towers, then waves. */
const tenEventSessions = async (api: ApiUnderTest, count: number): Promise<void> => {
  const sessions = await createSessions(api, count);
  await mapLimit(sessions, 32, async (s) => {
    let version = s.version;
    for (let k = 0; k < 4; k++) version = await api.client.placeTower(s.token, s.id, ...MEADOW_TOWER_CELLS[k]!);
    while (version < EVENTS_PER_AGGREGATE) {
      const after = await api.client.startWave(s.token, s.id);
      if (!after) break;
      version = after.version;
    }
  });
};

export const measureServerBytesPerEvent = async (ctx: BenchContext, api: ApiUnderTest): Promise<void> => {
  // Every session costs ~8 mutations: the quick run keeps to a few.
  const sessions = ctx.profile.memorySessions;
  const perRun: number[] = [];
  let breakdown: Record<string, number> = {};
  const runs = ctx.profile.memoryRuns;
  for (let run = 0; run < runs; run++) {
    await projectionsCaughtUp(api);
    const keysBefore = await memoryByKind(ctx.redis.admin, 'da:');
    const memoryBefore = await usedMemory(ctx.redis.admin);
    const eventsBefore = await partitionEntries(ctx);
    await tenEventSessions(api, sessions);
    await projectionsCaughtUp(api);
    const events = (await partitionEntries(ctx)) - eventsBefore;
    perRun.push(((await usedMemory(ctx.redis.admin)) - memoryBefore) / events);
    if (run === 0) {
      const keysAfter = await memoryByKind(ctx.redis.admin, 'da:');
      breakdown = Object.fromEntries(Object.entries(keysAfter).map(([k, v]) => [k, Math.round(((v - (keysBefore[k] ?? 0)) / events) * 10) / 10]));
    }
  }
  ctx.diagnostics.serverBytesPerEventByKey = breakdown;
  ctx.figures.push({
    id: 'memory.server.bytesPerEvent',
    section: 'memory',
    label: 'Redis bytes/event, whole server, 10 events/aggregate',
    unit: 'B',
    summary: summarize(perRun),
    target: { op: '<=', value: 730, text: '≤ 730 B' },
    note: `${sessions} game sessions played to ~10 events through GraphQL; MEMORY USAGE per event by key kind: ${JSON.stringify(breakdown)}`,
  });
};

const SESSIONS_PER_STEP = 6;

/**
 * Opens the subscriptions in steps (each primed on its own sessions) and fits memory against
 * the number open: the slope is the cost of one more idle subscription. Every reading follows a full
 * GC forced through the inspector, so garbage left by opening them does not count.
 */
const idleRss = async (ctx: BenchContext, transport: 'sse' | 'ws', api: ApiUnderTest): Promise<{ rss: number; heap: number; points: Array<[number, number, number]> }> => {
  const n = ctx.profile.idleSubscriptions;
  const steps = ctx.profile.idleSteps;
  const sessions = await createSessions(api, steps * SESSIONS_PER_STEP);
  const spec = (subscribers: number, batches: number, cells: number): LiveSpec => ({
    url: api.server.url,
    transport,
    mode: 'idle',
    watched: sessions.map((s) => ({ sessionId: s.id, token: s.token, version: s.version, primeCells: MEADOW_TOWER_CELLS.slice(cells, cells + 2) })),
    subscribers,
    pool: [],
    eventsPerSecond: 0,
    durationSeconds: 0,
    batches,
  });
  // Warm-up: code paths, pools and buffers the first subscriptions allocate once.
  const warm = await startLoadgen<{ subscribeErrors: number }>('bench/loadgen/live.ts', spec(2 * SESSIONS_PER_STEP, 1, 0), 120_000);
  await new Promise<void>((resolve, reject) => {
    warm.onEvent((event) => event.phase === 'open' && resolve());
    warm.result.then(() => reject(new Error('idle subscribers exited early')), reject);
  });
  warm.send({ stop: true });
  await warm.result;
  await sleep(1_000);

  const url = inspectorUrl(api.server.output());
  if (!url) throw new Error('the server under test printed no inspector URL');
  const inspector = await connectInspector(url);
  /** [open subscriptions, RSS, heap used + external], after a full GC. */
  const points: Array<[number, number, number]> = [];
  const measure = async (open: number) => {
    const m = await inspector.memoryAfterGc();
    points.push([open, m.rss, m.heapUsed + m.external]);
  };
  await measure(0);
  const loadgen = await startLoadgen<{ subscribeErrors: number }>('bench/loadgen/live.ts', spec(n, steps, 2), 180_000);
  await new Promise<void>((resolve, reject) => {
    loadgen.onEvent((event) => {
      if (event.phase === 'step') {
        void sleep(200)
          .then(() => measure(Number(event.open)))
          .then(() => loadgen.send({ next: true }), reject);
      }
      if (event.phase === 'open') resolve();
    });
    loadgen.result.then(() => reject(new Error('idle subscribers exited early')), reject);
  });
  loadgen.send({ stop: true });
  const result = await loadgen.result;
  inspector.close();
  if (result.subscribeErrors) ctx.diagnostics[`idle${transport}Errors`] = result.subscribeErrors;
  return { rss: slope(points.map(([x, rss]) => [x, rss])), heap: slope(points.map(([x, , heap]) => [x, heap])), points };
};

/** Two fresh servers side by side (one per transport), on the bench's Redis. */
export const measureSubscriptionRss = async (ctx: BenchContext, nodeFlags: readonly string[] = []): Promise<void> => {
  const flags = [...nodeFlags, '--inspect=127.0.0.1:0'];
  const [sseApi, wsApi] = await Promise.all([startApi(ctx.redis.url, flags), startApi(ctx.redis.url, flags)]);
  try {
    // Both at once: each server is measured on its own, and memory does not care about CPU contention.
    const results = await Promise.all([idleRss(ctx, 'sse', sseApi), idleRss(ctx, 'ws', wsApi)]);
    for (const [transport, { rss, heap, points }] of [['sse', results[0]], ['ws', results[1]]] as const) {
      const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
      ctx.diagnostics[`memorySteps.${transport}`] = points.map(([open, r, h]) => ({ open, rssMiB: mib(r), heapAndExternalMiB: mib(h) }));
      ctx.log(`  idle ${transport}: ${(rss / 1024).toFixed(1)} KB RSS, ${(heap / 1024).toFixed(1)} KB heap per subscription`);
      const name = transport === 'sse' ? 'SSE' : 'WebSocket';
      ctx.figures.push({
        id: `memory.server.rssPerIdleSubscription.${transport}`,
        section: 'memory',
        label: `server RSS per idle ${name} subscription`,
        unit: 'KB',
        summary: summarize([rss / 1024]),
        target: { op: '<=', value: 50, text: '≤ 50 KB' },
        note: `${ctx.profile.idleSubscriptions} primed subscriptions opened in ${ctx.profile.idleSteps} steps on a fresh server; slope of RSS (after a forced full GC) over subscriptions; one fit, not a median (RSS does not shrink between runs)`,
      });
      ctx.figures.push({
        id: `memory.server.heapPerIdleSubscription.${transport}`,
        section: 'memory',
        label: `server heap+external per idle ${name} subscription`,
        unit: 'KB',
        summary: summarize([heap / 1024]),
      });
    }
  } finally {
    await sseApi.server.stop();
    await wsApi.server.stop();
  }
};
