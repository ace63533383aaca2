/**
 * Section 4, the live path: command → subscriber latency at 1,000 events/s with 100 and 1,000 SSE
 * subscribers and 1,000 WebSocket subscribers, and projection lag under the same load.
 *
 * Events come from startWave commands (2 events each, 3 when the wave ends the game) sent
 * open-loop by the load generator over a pool of fresh sessions, one command in flight per
 * session. Subscribers (each a member of the session it follows) are spread over the first 100
 * sessions of the pool (1 each at 100 subscribers, 10 each at 1,000); latency is measured on
 * those. Projection lag is sampled from the server's
 * /metrics (`da_projection_lag_seconds`, worst projection) every 100 ms during the window.
 */
import { MEADOW_TOWER_CELLS, mapLimit } from './api.js';
import type { BenchContext } from './context.js';
import { type ApiUnderTest, createSessions, projectionsCaughtUp } from './graphql.js';
import type { LiveResult, LiveSession, LiveSpec } from './loadgen/live.js';
import { startLoadgen } from './loadgen/run.js';
import { sleep } from './lifecycle.js';
import { percentile, summarize } from './stats.js';

export const EVENTS_PER_SECOND = 1_000;
/**
 * Towers placed at setup. None: setup costs one mutation per session (creating it), a session then
 * yields fewer events (its waves all leak), and the pool is sized for that.
 */
const SETUP_TOWERS = 0;
/** Events a session yields before its game ends (measured on this balance: see waveBudget()). */
let eventsPerSession = 8;

/** Sessions ready for the live path: created, SETUP_TOWERS towers placed, version known. */
export const liveSessions = async (api: ApiUnderTest, count: number): Promise<LiveSession[]> => {
  const sessions = await createSessions(api, count, 'EASY');
  return mapLimit(sessions, 32, async (s) => {
    let version = s.version;
    for (let k = 0; k < SETUP_TOWERS; k++) version = await api.client.placeTower(s.token, s.id, ...MEADOW_TOWER_CELLS[k]!);
    return { sessionId: s.id, token: s.token, version, primeCells: MEADOW_TOWER_CELLS.slice(SETUP_TOWERS, SETUP_TOWERS + 2) };
  });
};

/** Plays a few sessions to the end to learn how many events startWave yields per session. */
export const waveBudget = async (api: ApiUnderTest): Promise<number> => {
  const sessions = await liveSessions(api, 2);
  const yields = await mapLimit(sessions, 2, async (s) => {
    let version = s.version;
    for (let wave = 0; wave < 20; wave++) {
      const after = await api.client.startWave(s.token, s.sessionId);
      if (!after) break;
      version = after.version;
      if (after.status === 'ENDED') break;
    }
    return version - s.version;
  });
  eventsPerSession = Math.max(2, Math.min(...yields));
  return eventsPerSession;
};

export interface LiveConfig {
  readonly transport: 'sse' | 'ws';
  readonly subscribers: number;
}

interface LiveRun {
  readonly result: LiveResult;
  readonly lagP99Ms: number;
}

const liveRun = async (ctx: BenchContext, api: ApiUnderTest, config: LiveConfig): Promise<LiveRun> => {
  const seconds = ctx.profile.liveSeconds;
  // Runs are independent: no projection backlog carried over from the previous one.
  await projectionsCaughtUp(api);
  // Enough sessions for the whole window at the target rate (a third spare), plus the ones busy with a
  // command in flight (up to 250 ms each at EVENTS_PER_SECOND / 2 commands/s); subscribers share them.
  const budget = Math.ceil((EVENTS_PER_SECOND * seconds * 1.34) / eventsPerSession);
  const pool = await liveSessions(api, budget + Math.ceil((EVENTS_PER_SECOND / 2) * 0.25));
  // At most 100 followed sessions (10 subscribers each at 1,000): priming costs one mutation per followed session.
  const watched = pool.slice(0, Math.min(config.subscribers, pool.length, 100));
  const spec: LiveSpec = { url: api.server.url, transport: config.transport, mode: 'live', watched, subscribers: config.subscribers, pool, eventsPerSecond: EVENTS_PER_SECOND, durationSeconds: seconds };
  const loadgen = await startLoadgen<LiveResult>('bench/loadgen/live.ts', spec, (seconds + 90) * 1000);
  const lags: number[] = [];
  let sampling = false;
  let sampler: Promise<void> = Promise.resolve();
  loadgen.onEvent((event) => {
    if (event.phase === 'measure-start') {
      sampling = true;
      sampler = (async () => {
        while (sampling) {
          const started = Date.now();
          lags.push((await api.client.metricMax('da_projection_lag_seconds').catch(() => Number.NaN)) * 1000);
          await sleep(Math.max(0, 100 - (Date.now() - started)));
        }
      })();
    }
    if (event.phase === 'measure-end') sampling = false;
  });
  try {
    const result = await loadgen.result;
    sampling = false;
    await sampler;
    const valid = lags.filter(Number.isFinite);
    return { result, lagP99Ms: valid.length ? percentile(valid, 99) : Number.NaN };
  } finally {
    sampling = false;
    await loadgen.stop();
  }
};

export const measureLive = async (ctx: BenchContext, api: ApiUnderTest): Promise<void> => {
  const budget = await waveBudget(api);
  ctx.log(`live: a session yields ${budget} events before its game ends`);
  const configs: LiveConfig[] = [
    ...ctx.profile.liveSubscribers.map((subscribers) => ({ transport: 'sse' as const, subscribers })),
    { transport: 'ws', subscribers: Math.max(...ctx.profile.liveSubscribers) },
  ];
  const section = 'live path';
  const problems: string[] = [];
  for (const config of configs) {
    const p50s: number[] = [];
    const p99s: number[] = [];
    const lagP99s: number[] = [];
    const rates: number[] = [];
    const commandP99s: number[] = [];
    for (let run = 0; run < ctx.profile.liveRuns; run++) {
      const { result, lagP99Ms } = await liveRun(ctx, api, config);
      p50s.push(result.latency.p50);
      p99s.push(result.latency.p99);
      lagP99s.push(lagP99Ms);
      rates.push(result.eventRate);
      commandP99s.push(result.commandLatency.p99);
      if (result.missing || result.subscribeErrors || result.skipped) {
        problems.push(`${config.transport} ${config.subscribers}: ${result.missing} deliveries missing, ${result.subscribeErrors} subscription errors, ${result.skipped} commands skipped (pool dry)`);
      }
      ctx.log(
        `  ${config.transport} × ${config.subscribers}: ${Math.round(result.eventRate)} events/s, ${result.latency.count} deliveries, p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms (the command's own round trip p50 ${result.commandLatency.p50.toFixed(1)}, p99 ${result.commandLatency.p99.toFixed(1)} ms), lag p99 ${lagP99Ms.toFixed(0)} ms`,
      );
    }
    const name = `${config.transport.toUpperCase()} × ${config.subscribers.toLocaleString('en-US')}`;
    const id = `live.${config.transport}${config.subscribers}`;
    ctx.figures.push({ id: `${id}.eventRate`, section, label: `${name}: events/s achieved`, unit: 'events/s', summary: summarize(rates) });
    ctx.figures.push({ id: `${id}.p50`, section, label: `${name}: command → subscriber p50`, unit: 'ms', summary: summarize(p50s) });
    ctx.figures.push({
      id: `${id}.p99`,
      section,
      label: `${name}: command → subscriber p99`,
      unit: 'ms',
      summary: summarize(p99s),
      ...(config.subscribers >= 1_000 ? { target: { op: '<=' as const, value: 20, text: '≤ 20 ms' } } : {}),
    });
    // A delivery cannot arrive before its command commits: the command's own p99 under the same
    // load says how much of the delivery p99 is the command path (CPU-bound) and how much fan-out.
    ctx.figures.push({ id: `${id}.commandP99`, section, label: `${name}: startWave round trip p99 (baseline)`, unit: 'ms', summary: summarize(commandP99s) });
    ctx.figures.push({ id: `${id}.p99.ratioToCommand`, section, label: `${name}: subscriber p99 ÷ startWave round trip p99`, unit: '×', summary: summarize(p99s.map((v, i) => v / commandP99s[i]!)) });
    ctx.figures.push({ id: `${id}.projectionLagP99`, section, label: `${name}: projection lag p99`, unit: 'ms', summary: summarize(lagP99s) });
  }
  if (problems.length) ctx.diagnostics.liveProblems = problems;
};
