/**
 * Soak load generator (a child process of the benchmark): `games` loops, each playing game after
 * game until told to stop. Per game: create a session, open `ws` graphql-ws and `sse` SSE
 * subscriptions to its events (a WebSocket connection of its own each), place 4 towers, start
 * waves until the game ends, then close every subscription. So the server keeps creating and
 * dropping subscriptions, connections and sessions: what leaks shows up as growing RSS.
 *
 *   node --import tsx bench/loadgen/soak.ts <spec.json>
 *   stdout: EVENT {"phase":"started"}, then RESULT {json} after {"stop":true} on stdin
 */
import { Agent, request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { MEADOW_TOWER_CELLS, OPS } from '../api.js';

export interface SoakSpec {
  readonly url: string;
  readonly tokens: readonly string[];
  readonly games: number;
  readonly ws: number;
  readonly sse: number;
}

export interface SoakResult {
  readonly games: number;
  readonly mutations: number;
  readonly mutationErrors: number;
  readonly subscriptionsOpened: number;
  readonly subscribeErrors: number;
  readonly deliveries: number;
}

const spec = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as SoakSpec;
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
let stopping = false;
const counts = { games: 0, mutations: 0, mutationErrors: 0, subscriptionsOpened: 0, subscribeErrors: 0, deliveries: 0 };

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.includes('stop')) stopping = true;
});

const graphql = async (query: string, variables: Record<string, unknown>, token: string) => {
  counts.mutations++;
  const response = await fetch(`${spec.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await response.json()) as { data?: Record<string, { __typename: string; gameSession?: { id?: string; version: number; status?: string } }> };
};

/** Opens one subscription; resolves with its closer once the server accepted it. */
const openWs = (sessionId: string, token: string): Promise<() => Promise<void>> =>
  new Promise((resolve, reject) => {
    const client = createClient({
      url: `${spec.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { connected: () => resolve(() => client.dispose() as Promise<void>), error: () => reject(new Error('ws error')) },
    });
    client.subscribe({ query: OPS.gameSessionEvents, variables: { sessionId } }, { next: () => void counts.deliveries++, error: () => void counts.subscribeErrors++, complete: () => {} });
  });

const openSse = (sessionId: string, token: string): Promise<() => Promise<void>> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(`${spec.url}/graphql`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`SSE subscribe: HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (counts.deliveries += chunk.split('event: next').length - 1));
      res.on('error', () => {});
      resolve(async () => void req.destroy());
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query: OPS.gameSessionEvents, variables: { sessionId } }));
  });

const playOne = async (token: string): Promise<void> => {
  const created = await graphql(OPS.createSession, { input: { difficulty: 'EASY', maxPlayers: 4 } }, token);
  const sessionId = created.data?.createGameSession?.gameSession?.id;
  if (!sessionId) {
    counts.mutationErrors++;
    return;
  }
  const opened = await Promise.allSettled([
    ...Array.from({ length: spec.ws }, () => openWs(sessionId, token)),
    ...Array.from({ length: spec.sse }, () => openSse(sessionId, token)),
  ]);
  const closers = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  counts.subscriptionsOpened += closers.length;
  counts.subscribeErrors += opened.length - closers.length;
  try {
    for (const [x, y] of MEADOW_TOWER_CELLS.slice(0, 4)) {
      const r = await graphql(OPS.placeTower, { input: { sessionId, towerType: 'ARROW', x, y } }, token);
      if (r.data?.placeTower?.__typename !== 'PlaceTowerSuccess') counts.mutationErrors++;
    }
    for (let wave = 0; wave < 30 && !stopping; wave++) {
      const r = await graphql(OPS.startWave, { input: { sessionId } }, token);
      const payload = r.data?.startWave;
      if (payload?.__typename !== 'StartWaveSuccess') {
        counts.mutationErrors++;
        break;
      }
      if (payload.gameSession?.status === 'ENDED' || payload.gameSession?.status === 'Ended') break;
    }
  } finally {
    await Promise.all(closers.map((close) => close().catch(() => {})));
  }
  counts.games++;
};

process.stdout.write(`EVENT ${JSON.stringify({ phase: 'started' })}\n`);
await Promise.all(
  Array.from({ length: spec.games }, async (_, g) => {
    const token = spec.tokens[g % spec.tokens.length]!;
    while (!stopping) await playOne(token).catch(() => void counts.mutationErrors++);
  }),
);
agent.destroy();
process.stdout.write(`RESULT ${JSON.stringify(counts satisfies SoakResult)}\n`);
process.exit(0);
