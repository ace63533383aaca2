/**
 * Section 3, GraphQL end to end over HTTP: the server under test (src/main.ts) and a hello-world
 * graphql-yoga server run as their own processes; autocannon drives them from a third
 * (bench/loadgen/http.ts). Runs are interleaved: hello, placeTower, gameSession query, … .
 *
 * placeTower is measured on its success path: every run gets fresh sessions (4 ARROW towers each:
 * a player starts with 200 gold, an ARROW costs 50), sized from the rate seen so far, and requests
 * go tower by tower across the sessions, so two in-flight requests rarely hit the same session
 * (when they do, the command is retried on the conflict, as in production). The success share is
 * reported: below 100% means a run outran its sessions and the rest failed with a DomainError
 * (INSUFFICIENT_GOLD / CELL_OCCUPIED: still the command path, but no append); the JSON keeps samples.
 */
import { randomBytes } from 'node:crypto';
import { BenchApi, MEADOW_TOWER_CELLS, OPS, mapLimit } from './api.js';
import type { BenchContext } from './context.js';
import type { HttpLoadResult, HttpLoadSpec } from './loadgen/http.js';
import { httpLoad } from './loadgen/httpClient.js';
import { sleep } from './lifecycle.js';
import { type ServerHandle, spawnServerUnderTest } from './serverProcess.js';
import { ratio, summarize } from './stats.js';

export const CONNECTIONS = 64;
const TOWERS_PER_SESSION = 4;
const USERS = 8;

export interface User {
  readonly id: string;
  readonly token: string;
}

export interface ApiUnderTest {
  readonly server: ServerHandle;
  readonly client: BenchApi;
  readonly users: readonly User[];
}

/** The admin every server under test creates at start (the spectators section changes the runtime balance with it). */
export const ADMIN = {
  username: 'bench_admin',
  password: 'bench-admin-password-1234!',
  login: `mutation L($input: AuthenticateUserInput!) { authenticateUser(input: $input) { __typename ... on AuthenticateUserSuccess { accessToken } ... on Error { message } } }`,
} as const;

/** `split`: the server as an API process and a worker process (spawnServerUnderTest). */
export const startApi = async (redisUrl: string, nodeFlags: readonly string[] = [], split = false): Promise<ApiUnderTest> => {
  const server = await spawnServerUnderTest(redisUrl, nodeFlags, { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password }, split);
  const client = new BenchApi(server.url, server.metricsUrls);
  const tag = randomBytes(3).toString('hex');
  const users = await mapLimit(Array.from({ length: USERS }, (_, i) => i), 4, (i) => client.user(`bench_${tag}_${i}`));
  return { server, client, users };
};

/** Waits until no projection has unapplied events (the server's /metrics says so). */
export const projectionsCaughtUp = async (api: ApiUnderTest, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while ((await api.client.metricMax('da_projection_lag_events')) > 0) {
    if (Date.now() > deadline) throw new Error(`projections did not catch up within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
};

export interface Session {
  readonly id: string;
  readonly token: string;
  /** Its version once created. */
  readonly version: number;
}

export const createSessions = async (api: ApiUnderTest, count: number, difficulty = 'NORMAL'): Promise<Session[]> =>
  mapLimit(Array.from({ length: count }, (_, i) => i), 32, async (i) => {
    const user = api.users[i % api.users.length]!;
    return { ...(await api.client.createSession(user.token, difficulty)), token: user.token };
  });

const json = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/** Every session's first tower, then every session's second, …: consecutive requests hit different sessions. */
const placementRequests = (sessions: readonly Session[]): HttpLoadSpec['requests'] => {
  const requests: Array<{ body: string; headers: Record<string, string> }> = [];
  for (let k = 0; k < TOWERS_PER_SESSION; k++) {
    const [x, y] = MEADOW_TOWER_CELLS[k]!;
    for (const s of sessions) requests.push({ body: json(OPS.placeTower, { input: { sessionId: s.id, towerType: 'ARROW', x, y } }), headers: { authorization: `Bearer ${s.token}` } });
  }
  return requests;
};

const load = (url: string, connections: number, seconds: number, requests: HttpLoadSpec['requests'], successMarker?: string, amount?: number): Promise<HttpLoadResult> =>
  // With `amount`, autocannon stops after that many requests and `seconds` is ignored.
  httpLoad({ url, connections, durationSeconds: seconds, requests, successMarker, ...(amount ? { amount } : {}) });

/** A load run and the CPU time (user + system, /proc) the server under it used per request, in µs. */
const loadWithCpu = async (server: ServerHandle, run: () => Promise<HttpLoadResult>): Promise<{ result: HttpLoadResult; cpuUsPerRequest: number | null }> => {
  const before = await server.cpuMs();
  const result = await run();
  const after = await server.cpuMs();
  const cpuUsPerRequest = before !== null && after !== null && result.requests > 0 ? ((after - before) * 1000) / result.requests : null;
  return { result, cpuUsPerRequest };
};

export interface PlaceTowerRun {
  readonly result: HttpLoadResult;
  /** Successful placeTower mutations per second. */
  readonly rate: number;
  /** Server CPU time per request over the run (µs); null without /proc. */
  readonly cpuUsPerRequest: number | null;
}

/** Sessions are sized for at least this rate, so a first run on a faster server does not run dry. */
const RATE_FLOOR = 400;

/**
 * One placeTower run on fresh sessions: for `seconds` at 64 connections with sessions for three
 * times `expectedRate` (at least RATE_FLOOR), or, with `amount`, exactly that many requests
 * on just enough sessions (the single-connection latency run).
 */
export const placeTowerRun = async (api: ApiUnderTest, connections: number, seconds: number, expectedRate: number, amount?: number): Promise<PlaceTowerRun> => {
  // Three times the expected rate: a pool that runs dry wraps around and measures "cell occupied"
  // refusals instead of the success path (seen once the command path got faster than the warm-up).
  const placements = amount ?? Math.max(expectedRate, RATE_FLOOR) * seconds * 3 + connections;
  const sessions = await createSessions(api, Math.ceil(placements / TOWERS_PER_SESSION));
  const requests = placementRequests(sessions).slice(0, amount);
  const { result, cpuUsPerRequest } = await loadWithCpu(api.server, () => load(api.server.url, connections, seconds, requests, '"PlaceTowerSuccess"', amount));
  return { result, rate: result.rate * result.successRate, cpuUsPerRequest };
};

export const measureGraphql = async (ctx: BenchContext, api: ApiUnderTest, hello: ServerHandle): Promise<void> => {
  const { profile } = ctx;
  const seconds = profile.httpSeconds;
  const helloRequests = [{ body: JSON.stringify({ query: OPS.hello }) }];
  // Warm-up: JIT, connection pools, Redis scripts; also gives the first rate estimate.
  ctx.log('graphql: warm-up');
  await load(hello.url, CONNECTIONS, seconds, helloRequests, 'world', 2_000);
  let estimate = (await placeTowerRun(api, CONNECTIONS, seconds, 0)).rate;
  const querySessions = await createSessions(api, 32);
  const queryRequests = querySessions.map((s) => ({ body: json(OPS.gameSession, { id: s.id }), headers: { authorization: `Bearer ${s.token}` } }));

  const helloRates: number[] = [];
  const placeRates: number[] = [];
  const successShares: number[] = [];
  const p50s: number[] = [];
  const p99s: number[] = [];
  const queryRates: number[] = [];
  const c1p50s: number[] = [];
  const c1p99s: number[] = [];
  const helloCpu: number[] = [];
  const placeCpu: number[] = [];
  const catchUps: number[] = [];
  const failures = new Set<string>();
  for (let run = 0; run < profile.httpRuns; run++) {
    // Every run starts with the projections caught up: the previous run's backlog (applied by the
    // same process, on the same 2 cores) must not be charged to the next run, hello-world included.
    await projectionsCaughtUp(api);
    const helloRun = await loadWithCpu(hello, () => load(hello.url, CONNECTIONS, seconds, helloRequests, 'world'));
    helloRates.push(helloRun.result.rate);
    await projectionsCaughtUp(api);
    const place = await placeTowerRun(api, CONNECTIONS, seconds, estimate);
    // The rate above is sustainable only if the asynchronous projections keep up: the time they
    // still need once the run ends is reported beside it.
    const catchUpStarted = performance.now();
    await projectionsCaughtUp(api);
    catchUps.push(performance.now() - catchUpStarted);
    if (helloRun.cpuUsPerRequest !== null && place.cpuUsPerRequest !== null) {
      helloCpu.push(helloRun.cpuUsPerRequest);
      placeCpu.push(place.cpuUsPerRequest);
    }
    estimate = Math.max(estimate, place.rate);
    placeRates.push(place.rate);
    successShares.push(place.result.successRate);
    p50s.push(place.result.latency.p50);
    p99s.push(place.result.latency.p99);
    for (const f of place.result.sampleFailures) failures.add(f);
    queryRates.push((await load(api.server.url, CONNECTIONS, seconds, queryRequests, '"gameSession":{')).rate);
    await projectionsCaughtUp(api);
    const single = await placeTowerRun(api, 1, seconds, 0, profile.singleClientRequests);
    c1p50s.push(single.result.latency.p50);
    c1p99s.push(single.result.latency.p99);
    ctx.log(`  graphql run ${run + 1}: hello ${Math.round(helloRates.at(-1)!)}/s, placeTower ${Math.round(place.rate)}/s (${(place.result.successRate * 100).toFixed(1)}% ok, p99 ${place.result.latency.p99.toFixed(1)} ms), query ${Math.round(queryRates.at(-1)!)}/s`);
  }
  if (failures.size) ctx.diagnostics.placeTowerFailures = [...failures];

  const hello64 = summarize(helloRates);
  const place64 = summarize(placeRates);
  const rawP99 = ctx.shared.get('raw.c1.p99') as number | undefined;
  ctx.figures.push({ id: 'baseline.helloWorld.c64', section: 'baselines', label: `hello-world yoga, c${CONNECTIONS}, requests/s`, unit: 'req/s', summary: hello64 });
  const section = 'graphql';
  ctx.figures.push({ id: 'graphql.placeTower.c64', section, label: `placeTower c${CONNECTIONS}, successful mutations/s`, unit: 'mut/s', summary: place64 });
  ctx.figures.push({ id: 'graphql.placeTower.c64.successShare', section, label: 'placeTower: share that succeeded', unit: '%', summary: summarize(successShares) });
  ctx.figures.push({ id: 'graphql.placeTower.c64.ratioToHello', section, label: 'placeTower ÷ hello-world', unit: '%', summary: ratio(place64, hello64), target: { op: '>=', value: 0.35, text: '≥ 35%' } });
  if (placeCpu.length) {
    // What the ratio to hello-world is made of: server CPU per request, both measured in the same rounds.
    const cpuNote = 'server process CPU time (user + system, /proc) over the run ÷ requests answered';
    const place = summarize(placeCpu);
    const helloPerRequest = summarize(helloCpu);
    ctx.figures.push({ id: 'graphql.placeTower.c64.cpuPerRequest', section, label: `placeTower c${CONNECTIONS}: server CPU per mutation`, unit: 'µs', summary: place, note: cpuNote });
    ctx.figures.push({ id: 'baseline.helloWorld.c64.cpuPerRequest', section: 'baselines', label: `hello-world yoga, c${CONNECTIONS}: server CPU per request`, unit: 'µs', summary: helloPerRequest, note: cpuNote });
    ctx.figures.push({ id: 'graphql.placeTower.c64.cpuRatioToHello', section, label: 'placeTower CPU per mutation ÷ hello-world CPU per request', unit: '×', summary: ratio(place, helloPerRequest) });
  }
  ctx.figures.push({
    id: 'graphql.placeTower.c64.projectionCatchUp',
    section,
    label: `placeTower c${CONNECTIONS}: projections still catching up after the run`,
    unit: 'ms',
    summary: summarize(catchUps),
    note: 'time from the end of the run until every asynchronous projection has applied its events (da_projection_lag_events = 0), polled every 100 ms',
  });
  const p50 = summarize(p50s);
  ctx.figures.push({ id: 'graphql.placeTower.c64.p50', section, label: `placeTower c${CONNECTIONS} latency p50`, unit: 'ms', summary: p50 });
  const p99 = summarize(p99s);
  ctx.figures.push({ id: 'graphql.placeTower.c64.p99', section, label: `placeTower c${CONNECTIONS} latency p99`, unit: 'ms', summary: p99 });
  // Stalls: the tail against the median of the same run (issue #11's table).
  ctx.figures.push({ id: 'graphql.placeTower.c64.p99.ratioToP50', section, label: `placeTower c${CONNECTIONS} p99 ÷ p50 (stalls)`, unit: '×', summary: ratio(p99, p50), target: { op: '<=', value: 2.5, text: '≤ 2.5×' } });
  if (rawP99 !== undefined) {
    ctx.figures.push({
      id: 'graphql.placeTower.c64.p99.ratioToRawC1',
      section,
      label: `placeTower c${CONNECTIONS} p99 ÷ raw append c1 p99`,
      unit: '×',
      summary: ratio(p99, summarize(p99s.map(() => rawP99))),
      target: { op: '<=', value: 15, text: '≤ 15×' },
    });
  }
  ctx.figures.push({ id: 'graphql.placeTower.c1.p50', section, label: 'placeTower c1 latency p50', unit: 'ms', summary: summarize(c1p50s), target: { op: '<=', value: 2, text: '≤ 2 ms' } });
  const c1p99 = summarize(c1p99s);
  ctx.figures.push({ id: 'graphql.placeTower.c1.p99', section, label: 'placeTower c1 latency p99', unit: 'ms', summary: c1p99, target: { op: '<=', value: 5, text: '≤ 5 ms' } });
  if (rawP99 !== undefined) {
    ctx.figures.push({ id: 'graphql.placeTower.c1.p99.ratioToRawC1', section, label: 'placeTower c1 p99 ÷ raw append c1 p99', unit: '×', summary: ratio(c1p99, summarize(c1p99s.map(() => rawP99))) });
  }
  const query64 = summarize(queryRates);
  ctx.figures.push({ id: 'graphql.gameSession.c64', section, label: `gameSession query c${CONNECTIONS}, queries/s`, unit: 'q/s', summary: query64 });
  ctx.figures.push({ id: 'graphql.gameSession.c64.ratioToHello', section, label: 'gameSession query ÷ hello-world', unit: '%', summary: ratio(query64, hello64), target: { op: '>=', value: 0.6, text: '≥ 60%' } });
  ctx.shared.set('placeTower.c64', place64);
};
