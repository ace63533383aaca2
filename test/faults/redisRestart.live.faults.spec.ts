/**
 * Fault: Redis SIGKILLed under load and restarted from its AOF (`appendfsync always`), while
 * graphql-ws and SSE subscribers follow every game. Events published while the server's Pub/Sub
 * connection was down are lost from Pub/Sub; the server must refill every open subscription from
 * the store once that connection is back, so that when the load stops every subscriber has seen
 * every event of its game exactly once, in order — with no later event to reveal the hole.
 * Nothing acknowledged is lost: every acknowledged tower is in the final game.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GameSessionDocument, GameSessionEventsDocument, PlaceTowerDocument } from '../generated/graphql.js';
import { eventually, signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { createGame, playGame, type LoadStats } from './gameLoad.js';
import { range, rawSSE, rawWebSocket, versionsOf, type Recorded } from './liveClients.js';
import { startPersistentRedis, type PersistentRedis } from './redisProcess.js';

const GAMES = 4;
const OUTAGE_MS = 1_500;

let redis: PersistentRedis;
let app: TestApp;
let baseUrl: string;

beforeAll(async () => {
  redis = await startPersistentRedis();
  app = await startTestApp({ overrides: { 'redis.url': redis.url } });
  const { port } = await app.server.listen(0);
  baseUrl = `http://127.0.0.1:${port}`;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await redis?.stop();
});

it('every subscriber ends with every acknowledged event exactly once, in order, across a Redis SIGKILL + AOF restart', async () => {
  const games = await Promise.all(
    Array.from({ length: GAMES }, async () => {
      const players = [await signUp(app), await signUp(app)];
      const session = await createGame(players[0]!, players.slice(1));
      return { players, session };
    }),
  );
  const query = GameSessionEventsDocument.toString();
  const wsUrl = `${baseUrl.replace('http', 'ws')}/graphql`;
  const subscribers: Array<{ sessionId: string; recorded: Recorded }> = [];
  for (const { players, session } of games) {
    const token = players[0]!.token;
    subscribers.push({ sessionId: session.id, recorded: await rawWebSocket(wsUrl, token, query, { sessionId: session.id, afterVersion: 0 }) });
    subscribers.push({ sessionId: session.id, recorded: await rawSSE(baseUrl, token, query, { sessionId: session.id, afterVersion: 0 }) });
  }

  const stats: LoadStats = { acknowledged: [], failedAttempts: 0, serverErrors: 0 };
  const load = Promise.all(games.map(({ players, session }) => playGame(session, players, (p) => p.client, stats)));
  // Kill Redis in the middle of the load.
  await eventually(async () => stats.acknowledged.length >= GAMES * 2, 60_000, 20);
  const killedAt = Date.now();
  await redis.kill();
  const acknowledgedBeforeKill = stats.acknowledged.length;
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  await redis.restart();
  const restartedAt = Date.now();
  await eventually(async () => (await app.client.get('/ready')).status === 200, 30_000, 50);
  const readyAfterMs = Date.now() - restartedAt;
  await load;

  // What the store holds is what the game view says; every acknowledged command is in it.
  const finals = new Map<string, number>();
  let lost = 0;
  for (const { players, session } of games) {
    const { gameSession } = await players[0]!.client.data(GameSessionDocument, { id: session.id });
    const stored = await app.server.infrastructure.eventStore.lastVersion({ aggregateType: 'game_session', aggregateId: session.id });
    expect(gameSession?.version).toBe(stored);
    finals.set(session.id, stored);
    const towers = new Set(gameSession?.towers.map((t) => t.id));
    for (const ack of stats.acknowledged.filter((a) => a.sessionId === session.id)) {
      if (ack.version > stored || (ack.towerId && !towers.has(ack.towerId))) lost++;
    }
  }
  expect(lost).toBe(0);

  // Every subscriber: 1..final, exactly once, in order — after a quiet period, with no later event.
  await eventually(async () => subscribers.every(({ sessionId, recorded }) => versionsOf(recorded).length >= finals.get(sessionId)!), 60_000, 100);
  for (const { sessionId, recorded } of subscribers) {
    expect(versionsOf(recorded)).toEqual(range(1, finals.get(sessionId)!));
    expect(recorded.payloads.filter((p) => p.errors?.length)).toEqual([]);
    expect(recorded.ended).toBeNull();
  }
  const delivered = subscribers.reduce((n, s) => n + versionsOf(s.recorded).length, 0);
  console.log(
    `redis restart: ${GAMES} games, ${stats.acknowledged.length} acknowledged commands (${acknowledgedBeforeKill} before the kill), ` +
      `outage ${restartedAt - killedAt} ms, /ready back ${readyAfterMs} ms after Redis, ${stats.failedAttempts} failed attempts retried, ` +
      `${stats.serverErrors} 5xx, ${subscribers.length} subscribers, ${delivered} deliveries, 0 lost, 0 gaps, 0 duplicates`,
  );
  for (const { recorded } of subscribers) recorded.close();
}, 240_000);

it('a publish lost while the Pub/Sub connection is down reaches every subscriber once it is back, with no later event', async () => {
  const [host, guest] = [await signUp(app), await signUp(app)];
  const session = await createGame(host, [guest]);
  const query = GameSessionEventsDocument.toString();
  const { gameSession: current } = await host.client.data(GameSessionDocument, { id: session.id });
  const variables = { sessionId: session.id, afterVersion: current!.version };
  const ws = await rawWebSocket(`${baseUrl.replace('http', 'ws')}/graphql`, host.token, query, variables);
  const sse = await rawSSE(baseUrl, host.token, query, variables);
  await eventually(async () => app.server.services.liveStreams.counts().followers >= 2, 15_000);
  const admin = new Redis(redis.url);
  try {
    // Existing connections stay; new ones are refused: the killed subscriber cannot come back yet.
    const clients = (await admin.client('LIST')) as string;
    await admin.config('SET', 'maxclients', String(clients.trim().split('\n').length));
    await admin.client('KILL', 'TYPE', 'pubsub');
    const placed = await host.client.data(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'ARROW', x: 0, y: 0 } });
    if (placed.placeTower.__typename !== 'PlaceTowerSuccess') throw new Error(JSON.stringify(placed));
    const version = placed.placeTower.gameSession.version;
    // Its publish went nowhere. Let the subscriber connection back in; nothing else is written.
    await admin.config('SET', 'maxclients', '10000');
    await eventually(async () => versionsOf(ws).length >= 1 && versionsOf(sse).length >= 1, 30_000, 50);
    expect(versionsOf(ws)).toEqual([version]);
    expect(versionsOf(sse)).toEqual([version]);
  } finally {
    await admin.config('SET', 'maxclients', '10000').catch(() => undefined);
    admin.disconnect();
    ws.close();
    sse.close();
  }
}, 120_000);
