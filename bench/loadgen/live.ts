/**
 * Live-path load generator (a child process of the benchmark). It opens subscriptions to
 * `gameSessionEvents` (SSE over node:http, or graphql-ws over ws), primes them (one placeTower per
 * watched session, until every subscriber has seen it, so every subscription is known to be live),
 * then either
 *   - live: sends startWave commands open-loop at a fixed rate over a pool of sessions and times
 *     command → subscriber for every delivery (same process, same clock), or
 *   - idle: reports that the subscriptions are open and holds them until told to stop (RSS figure).
 *
 *   node --import tsx bench/loadgen/live.ts <spec.json>
 *   stdout: EVENT {"phase":…} lines while running, then RESULT {json}
 *   stdin:  {"stop":true} ends idle mode
 */
import { request as httpRequest, Agent } from 'node:http';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { OPS, mapLimit } from '../api.js';
import { Samples } from '../stats.js';

export interface LiveSession {
  readonly sessionId: string;
  readonly token: string;
  /** Aggregate version after setup. */
  readonly version: number;
  /** Free cells for priming towers (one per attempt; the player must afford them). */
  readonly primeCells: ReadonlyArray<readonly [number, number]>;
}

export interface LiveSpec {
  readonly url: string;
  readonly transport: 'sse' | 'ws';
  readonly mode: 'live' | 'idle';
  /** Sessions with subscribers; subscribers are spread over them round-robin. */
  readonly watched: readonly LiveSession[];
  readonly subscribers: number;
  /** live mode: every session commands go to (watched ones included). */
  readonly pool: readonly LiveSession[];
  readonly eventsPerSecond: number;
  readonly durationSeconds: number;
  /** idle mode: open the subscribers in this many steps (each on its own share of the watched sessions), pausing after each until told "next". */
  readonly batches?: number;
}

export interface LiveResult {
  readonly subscribers: number;
  readonly subscribeErrors: number;
  readonly commandsSent: number;
  readonly commandErrors: number;
  readonly events: number;
  readonly eventRate: number;
  readonly deliveries: number;
  /** Deliveries a subscriber should have had (events on its session during the window) but did not get by the end. */
  readonly missing: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly count: number };
  /** The commands' own round trips (sent → answer), successful ones: what a delivery cannot beat. */
  readonly commandLatency: { readonly p50: number; readonly p99: number };
  /** Time to open every subscription and see the priming event everywhere. */
  readonly primeMs: number;
  /** Commands the schedule wanted but no idle session could take (the pool ran dry). */
  readonly skipped: number;
}

const spec = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as LiveSpec;
const emit = (event: Record<string, unknown>) => process.stdout.write(`EVENT ${JSON.stringify(event)}\n`);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

interface Delivery {
  readonly session: number;
  readonly version: number;
  readonly at: number;
}
const sessionIndex = new Map(spec.watched.map((s, i) => [s.sessionId, i]));
const deliveries: Delivery[] = [];
/** Per watched session: how many subscribers saw at least one event (priming). */
const primed = spec.watched.map(() => new Set<number>());
let subscribeErrors = 0;

const onEvent = (subscriber: number, sessionId: string, payload: unknown) => {
  const event = (payload as { data?: { gameSessionEvents?: { version: number } } }).data?.gameSessionEvents;
  const session = sessionIndex.get(sessionId);
  if (!event || session === undefined) {
    subscribeErrors++;
    return;
  }
  primed[session]!.add(subscriber);
  deliveries.push({ session, version: event.version, at: performance.now() });
};

const closers: Array<() => void> = [];

const subscribeSse = (subscriber: number, session: LiveSession): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(`${spec.url}/graphql`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${session.token}` },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE subscribe: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          if (!frame.startsWith('event: next')) continue;
          const data = frame.slice(frame.indexOf('data: ') + 6);
          onEvent(subscriber, session.sessionId, JSON.parse(data));
        }
      });
      res.on('error', () => {});
      resolve();
    });
    req.on('error', (error) => reject(error));
    req.end(body(OPS.gameSessionEvents, { sessionId: session.sessionId }));
    closers.push(() => req.destroy());
  });

const wsUrl = spec.url.replace(/^http/, 'ws') + '/graphql';
const subscribeWs = (subscriber: number, session: LiveSession): Promise<void> =>
  new Promise((resolve, reject) => {
    const client: Client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${session.token}` },
      on: { connected: () => resolve(), error: (error) => reject(error instanceof Error ? error : new Error(String((error as { message?: string })?.message ?? 'ws error'))) },
    });
    client.subscribe(
      { query: OPS.gameSessionEvents, variables: { sessionId: session.sessionId } },
      { next: (value) => onEvent(subscriber, session.sessionId, value), error: () => subscribeErrors++, complete: () => {} },
    );
    closers.push(() => void client.dispose());
  });

const post = async (query: string, variables: Record<string, unknown>, token: string) => {
  const response = await fetch(`${spec.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: body(query, variables),
  });
  return (await response.json()) as { data?: Record<string, { __typename: string; gameSession?: { version: number; status: string } }> };
};

// ── open and prime ─────────────────────────────────────────────────────────────────────────────
const subscribe = spec.transport === 'sse' ? subscribeSse : subscribeWs;
const versions = new Map<string, number>([...spec.pool, ...spec.watched].map((s) => [s.sessionId, s.version]));
const expectedPerSession = spec.watched.map(() => 0);

/**
 * Opens subscribers [from, from + count) on watched sessions [first, first + sessions) round-robin,
 * then primes them: a subscription is live once it has delivered an event, so keep placing one tower
 * per session until every subscriber of it has one (the first may race a subscription not active yet).
 */
const openAndPrime = async (from: number, count: number, first: number, sessions: number): Promise<void> => {
  const group = spec.watched.slice(first, first + sessions).map((_, k) => first + k);
  await mapLimit(
    Array.from({ length: count }, (_, i) => from + i),
    100,
    (i) => {
      const s = group[(i - from) % group.length]!;
      expectedPerSession[s]!++;
      return subscribe(i, spec.watched[s]!).catch(() => void subscribeErrors++);
    },
  );
  const deadline = performance.now() + 30_000;
  for (let attempt = 0; ; attempt++) {
    const pending = group.filter((s) => primed[s]!.size < expectedPerSession[s]!);
    if (pending.length === 0) return;
    if (performance.now() > deadline || attempt >= spec.watched[0]!.primeCells.length) {
      throw new Error(`priming: ${pending.length} sessions still have subscribers without an event after ${attempt} attempts`);
    }
    await mapLimit(pending, 32, async (index) => {
      const s = spec.watched[index]!;
      const [x, y] = s.primeCells[attempt]!;
      const result = await post(OPS.placeTower, { input: { sessionId: s.sessionId, towerType: 'ARROW', x, y } }, s.token);
      const version = result.data?.placeTower?.gameSession?.version;
      if (version) versions.set(s.sessionId, version);
    });
    const waitUntil = performance.now() + 3_000;
    while (performance.now() < waitUntil && group.some((s) => primed[s]!.size < expectedPerSession[s]!)) await new Promise((r) => setTimeout(r, 20));
  }
};

const commands = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
/** Waits for the parent's next line on stdin ("next" / "stop"). */
const nextCommand = async (): Promise<string> => {
  const line = await commands.next();
  return line.done ? 'stop' : String(line.value);
};

const t0 = performance.now();
const batches = spec.mode === 'idle' ? Math.max(1, spec.batches ?? 1) : 1;
const sessionsPerBatch = Math.floor(spec.watched.length / batches);
for (let b = 0; b < batches; b++) {
  const from = Math.floor((spec.subscribers * b) / batches);
  const to = Math.floor((spec.subscribers * (b + 1)) / batches);
  await openAndPrime(from, to - from, b * sessionsPerBatch, b === batches - 1 ? spec.watched.length - b * sessionsPerBatch : sessionsPerBatch);
  if (batches > 1) {
    emit({ phase: 'step', open: to, subscribeErrors });
    if ((await nextCommand()).includes('stop')) break;
  }
}
const primeMs = performance.now() - t0;
deliveries.length = 0;
emit({ phase: 'primed', primeMs, subscribeErrors });

if (spec.mode === 'idle') {
  emit({ phase: 'open', subscribers: spec.subscribers });
  while (!(await nextCommand()).includes('stop'));
} else {
  // ── live: open-loop startWave at eventsPerSecond / 2 commands per second ────────────────────
  /** sessionId:version → when the command that produced it was sent. */
  const sentAtByVersion = new Map<string, number>();
  const idle = [...spec.pool];
  let commandsSent = 0;
  let commandErrors = 0;
  let skipped = 0;
  let events = 0;
  const roundTrips = new Samples();
  const inFlight = new Set<Promise<void>>();
  const send = (session: LiveSession) => {
    const sentAt = performance.now();
    commandsSent++;
    const p = post(OPS.startWave, { input: { sessionId: session.sessionId } }, session.token)
      .then((result) => {
        const payload = result.data?.startWave;
        const after = payload?.gameSession?.version;
        if (payload?.__typename !== 'StartWaveSuccess' || after === undefined) {
          commandErrors++;
          return; // the game is over (or the command failed): retire the session
        }
        roundTrips.add(performance.now() - sentAt);
        const before = versions.get(session.sessionId) ?? 0;
        for (let v = before + 1; v <= after; v++) sentAtByVersion.set(`${session.sessionId}:${v}`, sentAt);
        events += after - before;
        versions.set(session.sessionId, after);
        if (payload.gameSession?.status !== 'ENDED' && payload.gameSession?.status !== 'Ended') idle.push(session);
      })
      .catch(() => void commandErrors++)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const commandsPerSecond = spec.eventsPerSecond / 2;
  emit({ phase: 'measure-start' });
  const start = performance.now();
  const end = start + spec.durationSeconds * 1000;
  let due = 0;
  while (performance.now() < end) {
    const wanted = Math.floor(((performance.now() - start) / 1000) * commandsPerSecond);
    for (; due < wanted; due++) {
      const session = idle.shift();
      if (session) send(session);
      else skipped++;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const elapsed = performance.now() - start;
  await Promise.all([...inFlight]);
  await new Promise((r) => setTimeout(r, 500)); // let the last deliveries arrive
  emit({ phase: 'measure-end' });

  const latencies = new Samples();
  let matched = 0;
  for (const d of deliveries) {
    const sentAt = sentAtByVersion.get(`${spec.watched[d.session]!.sessionId}:${d.version}`);
    if (sentAt === undefined) continue;
    latencies.add(d.at - sentAt);
    matched++;
  }
  let expected = 0;
  for (const key of sentAtByVersion.keys()) {
    const s = sessionIndex.get(key.slice(0, key.lastIndexOf(':')));
    if (s !== undefined) expected += expectedPerSession[s]!;
  }
  const [p50, p90, p99, max] = latencies.percentiles(50, 90, 99, 100);
  const result: LiveResult = {
    subscribers: spec.subscribers,
    subscribeErrors,
    commandsSent,
    commandErrors,
    events,
    eventRate: (events * 1000) / elapsed,
    deliveries: matched,
    missing: Math.max(0, expected - matched),
    latency: { p50: p50!, p90: p90!, p99: p99!, max: max!, count: latencies.count },
    commandLatency: (([c50, c99]) => ({ p50: c50!, p99: c99! }))(roundTrips.percentiles(50, 99)),
    primeMs,
    skipped,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

for (const close of closers) close();
agent.destroy();
if (spec.mode === 'idle') process.stdout.write(`RESULT ${JSON.stringify({ subscribers: spec.subscribers, subscribeErrors, primeMs })}\n`);
process.exit(0);
