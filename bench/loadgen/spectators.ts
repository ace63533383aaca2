/**
 * Spectators load generator (a child process of the benchmark): one game session watched by N
 * graphql-ws subscribers (`gameSessionEvents`), startWave commands sent to that one session at a
 * paced rate (one in flight: it is a single aggregate), and for every delivery the time from the
 * command that produced the event being sent to the subscriber receiving it (same process, same
 * clock). Also times the commands themselves (the baseline: the mutation round trip in the same
 * run). After the window it waits for stragglers (until every expected delivery arrived, or 3 s
 * without progress), then counts what is missing.
 *
 *   node --import tsx bench/loadgen/spectators.ts <spec.json>
 *   stdout: EVENT {"phase":…} lines, then RESULT {json}
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { OPS, mapLimit } from '../api.js';
import { Samples } from '../stats.js';

export interface SpectatorSpec {
  readonly url: string;
  readonly sessionId: string;
  readonly token: string;
  /** The session's version when the spec was written. */
  readonly version: number;
  readonly subscribers: number;
  readonly eventsPerSecond: number;
  readonly durationSeconds: number;
}

export interface SpectatorResult {
  readonly subscribers: number;
  readonly subscribeErrors: number;
  readonly commands: number;
  readonly commandErrors: number;
  readonly events: number;
  readonly eventRate: number;
  /** Deliveries expected (events in the window × subscribers) and received. */
  readonly expected: number;
  readonly delivered: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly deliveriesPerSecond: number;
  readonly delivery: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** startWave round trip (send → response), the baseline. */
  readonly command: { readonly p50: number; readonly p99: number };
  readonly primeMs: number;
  /** Time after the last command's response until the last delivery arrived (or the wait gave up). */
  readonly drainMs: number;
  readonly finalVersion: number;
  readonly gameEnded: boolean;
  /** CPU time (user + system) of this load generator over the window and the drain, in ms. */
  readonly loadgenCpuMs: number;
}

const spec = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as SpectatorSpec;
const emit = (event: Record<string, unknown>) => process.stdout.write(`EVENT ${JSON.stringify(event)}\n`);

// Deliveries as parallel arrays (up to a few hundred thousand): subscriber, version, arrival time.
let recording = false;
/** Versions above this one are the window's (set when recording starts): only they count as received. */
let windowFloor = Number.POSITIVE_INFINITY;
const subs: number[] = [];
const versionsSeen: number[] = [];
const arrivals: number[] = [];
const primed = new Set<number>();
let subscribeErrors = 0;
let received = 0;
let lastArrival = 0;

const clients: Client[] = [];
const subscribe = (subscriber: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const client = createClient({
      url: `${spec.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${spec.token}` },
      on: { connected: () => resolve(), error: (error) => reject(error instanceof Error ? error : new Error('ws error')) },
    });
    clients.push(client);
    client.subscribe(
      { query: OPS.gameSessionEvents, variables: { sessionId: spec.sessionId } },
      {
        next: (value) => {
          const at = performance.now();
          const event = (value as { data?: { gameSessionEvents?: { version: number } } }).data?.gameSessionEvents;
          if (!event) {
            subscribeErrors++;
            return;
          }
          primed.add(subscriber);
          if (!recording) return;
          subs.push(subscriber);
          versionsSeen.push(event.version);
          arrivals.push(at);
          // A priming event delivered late must not count towards what the drain waits for.
          if (event.version > windowFloor) {
            received++;
            lastArrival = at;
          }
        },
        error: () => void subscribeErrors++,
        complete: () => {},
      },
    );
  });

let version = spec.version;
let gameEnded = false;
/** One startWave; returns the versions it produced (empty when refused). */
const startWave = async (): Promise<number[]> => {
  const response = await fetch(`${spec.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${spec.token}` },
    body: JSON.stringify({ query: OPS.startWave, variables: { input: { sessionId: spec.sessionId } } }),
  });
  const result = (await response.json()) as { data?: { startWave?: { __typename: string; gameSession?: { version: number; status: string } } } };
  const payload = result.data?.startWave;
  if (payload?.__typename !== 'StartWaveSuccess' || !payload.gameSession) return [];
  const produced: number[] = [];
  for (let v = version + 1; v <= payload.gameSession.version; v++) produced.push(v);
  // Concurrent commands: only the answer matters here (the window sorts them by version afterwards).
  if (produced.length === 0) produced.push(payload.gameSession.version);
  version = Math.max(version, payload.gameSession.version);
  if (payload.gameSession.status === 'ENDED' || payload.gameSession.status === 'Ended') gameEnded = true;
  return produced;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── open and prime ─────────────────────────────────────────────────────────────────────────────
const t0 = performance.now();
await mapLimit(
  Array.from({ length: spec.subscribers }, (_, i) => i),
  100,
  (i) => subscribe(i).catch(() => void subscribeErrors++),
);
for (let attempt = 0; primed.size < spec.subscribers; attempt++) {
  if (attempt >= 5) throw new Error(`priming: ${spec.subscribers - primed.size} of ${spec.subscribers} subscribers saw no event after ${attempt} commands`);
  await startWave();
  const until = performance.now() + 5_000;
  while (performance.now() < until && primed.size < spec.subscribers) await sleep(20);
}
const primeMs = performance.now() - t0;
emit({ phase: 'primed', primeMs, subscribeErrors });

// ── measure: startWave paced, at most MAX_IN_FLIGHT at once ────────────────────────────────────
// One command in flight: a session takes one startWave at a time. With 4 in flight (tried), about
// half were refused or gave up on conflicts and the rate fell, so the achieved rate is capped by
// the startWave round trip (reported). The code stays general: commits are serialized, so sorting
// the successful commands by the version they answered gives each event the command that produced
// it: versions (previous answer, this answer].
const MAX_IN_FLIGHT = 1;
/** startWave yields 2 events (3 when it ends the game): commands are scheduled for 2 events each. */
const EVENTS_PER_COMMAND = 2;
const windowStart = version;
const done: Array<{ sent: number; after: number }> = [];
const commandLatency = new Samples();
let commands = 0;
let commandErrors = 0;
const inFlight = new Set<Promise<void>>();
const send = () => {
  const sent = performance.now();
  commands++;
  const p = startWave()
    .then((produced) => {
      commandLatency.add(performance.now() - sent);
      if (produced.length === 0) commandErrors++;
      else done.push({ sent, after: produced.at(-1)! });
    })
    .catch(() => void commandErrors++)
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
};
windowFloor = windowStart;
recording = true;
emit({ phase: 'measuring' });
const cpuAtStart = process.cpuUsage();
const start = performance.now();
const end = start + spec.durationSeconds * 1000;
const interval = (EVENTS_PER_COMMAND / spec.eventsPerSecond) * 1000;
while (performance.now() < end && !gameEnded) {
  const due = start + commands * interval;
  const now = performance.now();
  if (due > now) await sleep(due - now);
  if (performance.now() >= end) break;
  if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
  send();
}
await Promise.all([...inFlight]);
const elapsed = performance.now() - start;
const commandsDone = performance.now();
const sentAt = new Map<number, number>();
let previous = windowStart;
for (const { sent, after } of done.sort((a, b) => a.after - b.after)) {
  for (let v = previous + 1; v <= after; v++) sentAt.set(v, sent);
  previous = Math.max(previous, after);
}
const events = sentAt.size;
const expected = events * spec.subscribers;
// Stragglers: until everything expected arrived, or 3 s without a new delivery (at most 30 s).
const giveUp = commandsDone + 30_000;
for (;;) {
  const unique = received; // duplicates are rare; the exact count is computed below
  if (unique >= expected || performance.now() > giveUp) break;
  if (performance.now() - Math.max(lastArrival, commandsDone) > 3_000) break;
  await sleep(20);
}
recording = false;
const cpu = process.cpuUsage(cpuAtStart);
emit({ phase: 'measured' });
const drainMs = Math.max(0, lastArrival - commandsDone);

const latencies = new Samples();
const seen = new Set<number>();
let duplicates = 0;
for (let i = 0; i < subs.length; i++) {
  const sent = sentAt.get(versionsSeen[i]!);
  if (sent === undefined) continue; // an event from before the window (priming)
  const key = subs[i]! * 1_000_000 + versionsSeen[i]!;
  if (seen.has(key)) {
    duplicates++;
    continue;
  }
  seen.add(key);
  latencies.add(arrivals[i]! - sent);
}
const [p50, p90, p99, max] = latencies.percentiles(50, 90, 99, 100);
const [c50, c99] = commandLatency.percentiles(50, 99);
const result: SpectatorResult = {
  subscribers: spec.subscribers,
  subscribeErrors,
  commands,
  commandErrors,
  events,
  eventRate: (events * 1000) / elapsed,
  expected,
  delivered: latencies.count,
  missing: Math.max(0, expected - latencies.count),
  duplicates,
  deliveriesPerSecond: (latencies.count * 1000) / elapsed,
  delivery: { p50: p50!, p90: p90!, p99: p99!, max: max! },
  command: { p50: c50!, p99: c99! },
  primeMs,
  drainMs,
  finalVersion: version,
  gameEnded,
  loadgenCpuMs: (cpu.user + cpu.system) / 1000,
};
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
await Promise.race([Promise.all(clients.map((c) => c.dispose())), sleep(2_000)]);
process.exit(0);
