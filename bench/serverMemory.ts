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
import { type ApiUnderTest, createSessions, startApi } from './graphql.js';
import { sleep } from './lifecycle.js';
import type { LiveSession, LiveSpec } from './loadgen/live.js';
import { startLoadgen } from './loadgen/run.js';
import { memoryByKind } from './memory.js';
import { usedMemory } from './redis.js';
import { summarize } from './stats.js';

const EVENTS_PER_AGGREGATE = 10;

const partitionEntries = async (ctx: BenchContext): Promise<number> => {
  const keys = await ctx.redis.admin.keys('da:partition:*');
  let total = 0;
  for (const key of keys) if ((await ctx.redis.admin.type(key)) === 'stream') total += await ctx.redis.admin.xlen(key);
  return total;
};

const caughtUp = async (api: ApiUnderTest, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while ((await api.client.metricMax('da_projection_lag_events')) > 0) {
    if (Date.now() > deadline) throw new Error('projections did not catch up within 15 s');
    await sleep(100);
  }
};

/** Plays `count` sessions to 10 events each: created, 4 towers, then waves. */
const tenEventSessions = async (api: ApiUnderTest, count: number): Promise<void> => {
  const sessions = await createSessions(api, count);
  await mapLimit(sessions, 32, async (s) => {
    let version = 0;
    for (let k = 0; k < 4; k++) version = await api.client.placeTower(s.token, s.id, ...MEADOW_TOWER_CELLS[k]!);
    while (version < EVENTS_PER_AGGREGATE) {
      const after = await api.client.startWave(s.token, s.id);
      if (!after) break;
      version = after.version;
    }
  });
};

export const measureServerBytesPerEvent = async (ctx: BenchContext, api: ApiUnderTest): Promise<void> => {
  const sessions = Math.max(100, Math.round(ctx.profile.memoryAggregates / 5));
  const perRun: number[] = [];
  let breakdown: Record<string, number> = {};
  const runs = Math.min(3, ctx.profile.runs);
  for (let run = 0; run < runs; run++) {
    await caughtUp(api);
    const keysBefore = await memoryByKind(ctx.redis.admin, 'da:');
    const memoryBefore = await usedMemory(ctx.redis.admin);
    const eventsBefore = await partitionEntries(ctx);
    await tenEventSessions(api, sessions);
    await caughtUp(api);
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

const idleRss = async (ctx: BenchContext, transport: 'sse' | 'ws', api: ApiUnderTest): Promise<number> => {
  const n = ctx.profile.idleSubscriptions;
  const sessions = await createSessions(api, 20);
  const watched: LiveSession[] = sessions.map((s) => ({ sessionId: s.id, token: s.token, version: 0, primeCells: MEADOW_TOWER_CELLS.slice(0, 2) }));
  const open = async (subscribers: number, cells: number) => {
    const spec: LiveSpec = {
      url: api.server.url,
      transport,
      mode: 'idle',
      watched: watched.map((w) => ({ ...w, primeCells: MEADOW_TOWER_CELLS.slice(cells, cells + 2) })),
      subscribers,
      pool: [],
      eventsPerSecond: 0,
      durationSeconds: 0,
    };
    const loadgen = await startLoadgen<{ subscribeErrors: number }>('bench/loadgen/live.ts', spec, 120_000);
    await new Promise<void>((resolve, reject) => {
      loadgen.onEvent((event) => event.phase === 'open' && resolve());
      loadgen.result.then(() => reject(new Error('idle subscribers exited early')), reject);
    });
    return loadgen;
  };
  // Warm-up: code paths, pools and buffers a first subscription allocates once.
  const warm = await open(40, 0);
  warm.send({ stop: true });
  await warm.result;
  await sleep(1_000);
  const before = (await api.server.rss()) ?? Number.NaN;
  const loadgen = await open(n, 2);
  await sleep(1_500);
  const after = (await api.server.rss()) ?? Number.NaN;
  loadgen.send({ stop: true });
  const result = await loadgen.result;
  if (result.subscribeErrors) ctx.diagnostics[`idle${transport}Errors`] = result.subscribeErrors;
  return (after - before) / n;
};

/** Two fresh servers side by side (one per transport), on the bench's Redis. */
export const measureSubscriptionRss = async (ctx: BenchContext, nodeFlags: readonly string[] = []): Promise<void> => {
  const [sseApi, wsApi] = await Promise.all([startApi(ctx.redis.url, nodeFlags), startApi(ctx.redis.url, nodeFlags)]);
  try {
    for (const [transport, api] of [['sse', sseApi], ['ws', wsApi]] as const) {
      const perSubscription = await idleRss(ctx, transport, api);
      ctx.log(`  idle ${transport}: ${(perSubscription / 1024).toFixed(1)} KB per subscription`);
      ctx.figures.push({
        id: `memory.server.rssPerIdleSubscription.${transport}`,
        section: 'memory',
        label: `server RSS per idle ${transport === 'sse' ? 'SSE' : 'WebSocket'} subscription`,
        unit: 'KB',
        summary: summarize([perSubscription / 1024]),
        target: { op: '<=', value: 50, text: '≤ 50 KB' },
        note: `${ctx.profile.idleSubscriptions} primed subscriptions on a fresh server; one measurement (RSS does not shrink between runs)`,
      });
    }
  } finally {
    await sseApi.server.stop();
    await wsApi.server.stop();
  }
};
