/**
 * The whole server on a 3-master Redis Cluster: sign-up, login, a game with towers and waves,
 * projections, a live subscription, matchmaking — unchanged code, cluster-safe keys.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateGameSessionDocument, GameSessionEventsDocument, MyMatchRequestDocument, PlaceTowerDocument, RequestMatchDocument, StartWaveDocument } from '../generated/graphql.js';
import { eventually, signUp } from '../support/players.js';
import { startRedisCluster, type RedisClusterHandle } from '../support/redisServer.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let cluster: RedisClusterHandle;
let app: TestApp;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  app = await startTestApp({ overrides: { 'redis.url': null, 'redis.clusterNodes': [...cluster.nodes], 'eventStore.partitions': 8 } });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await cluster?.stop();
});

it('plays a game on Redis Cluster, with projections and a live subscription', async () => {
  expect(app.server.infrastructure.kind).toBe('redis');
  const host = await signUp(app);
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 1 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  const id = createGameSession.gameSession.id;
  const events = host.client.subscribeSSE(GameSessionEventsDocument, { sessionId: id, afterVersion: 0 });
  try {
    const placed = await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'SNIPER', x: 5, y: 3 } });
    expect(placed.placeTower).toMatchObject({ __typename: 'PlaceTowerSuccess', gameSession: { players: [{ gold: 75 }] } });
    const wave = await host.client.data(StartWaveDocument, { input: { sessionId: id } });
    expect(wave.startWave).toMatchObject({ __typename: 'StartWaveSuccess', gameSession: { status: 'ACTIVE', currentWave: 1 } });
    const versions = [];
    while (versions.length < 5) versions.push((await events.next(10_000))?.data?.gameSessionEvents.version);
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  } finally {
    await events.close();
  }
});

it('matchmaking across the cluster', async () => {
  const [a, b] = await Promise.all([signUp(app), signUp(app)]);
  await a.client.data(RequestMatchDocument, { input: { difficulty: 'NORMAL' } });
  await b.client.data(RequestMatchDocument, { input: { difficulty: 'NORMAL' } });
  const matched = await eventually(async () => {
    const { myMatchRequest } = await b.client.data(MyMatchRequestDocument);
    return myMatchRequest?.gameSession?.players.length === 2 ? myMatchRequest : null;
  });
  expect(matched.status).toBe('MATCHED');
});
