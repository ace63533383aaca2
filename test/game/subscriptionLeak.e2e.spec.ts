/**
 * Closing a subscription releases everything at once, even when its game is over and no event
 * will ever come again: the node unsubscribes from the Redis channel and the active-subscriptions
 * gauge goes back down. Hundreds are opened (graphql-ws and SSE) on ended games, then closed.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { CreateGameSessionDocument, EndGameDocument, GameSessionEventsDocument } from '../generated/graphql.js';
import { subscribeWS, type LiveSubscription } from '../support/graphqlClient.js';
import { eventually, signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const GAMES = 20;
const PER_GAME = 10; // half over graphql-ws, half over SSE

let app: TestApp;
let wsUrl: string;
let redis: Redis;
let host: Player;

beforeAll(async () => {
  app = await startTestApp();
  wsUrl = `ws://127.0.0.1:${(await app.server.listen(0)).port}/graphql`;
  redis = new Redis(inject('redisUrl'));
  host = await signUp(app, 'leak');
});
afterAll(async () => {
  redis?.disconnect();
  await app?.close();
});

/**
 * Redis channels this app's node is subscribed to for clients (its key prefix keeps other test
 * files out; the node's own session-check cache holds a pattern, not a channel).
 */
const channels = async () => (await redis.pubsub('CHANNELS', `${app.prefix}*`)) as string[];
const activeGauge = async () => {
  const text = await (await app.client.get('/metrics')).text();
  return Number(/^da_active_subscriptions (\d+)/m.exec(text)?.[1] ?? 'NaN');
};

const endedGame = async (): Promise<string> => {
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  const id = createGameSession.gameSession.id;
  const { endGame } = await host.client.data(EndGameDocument, { input: { sessionId: id, reason: 'leak test' } });
  expect(endGame.__typename).toBe('EndGameSuccess');
  return id;
};

describe('closing subscriptions on ended games', () => {
  it('unsubscribes from Redis and brings the gauge back to zero', async () => {
    const games = await Promise.all(Array.from({ length: GAMES }, endedGame));
    expect(await channels()).toEqual([]);
    const subscriptions: LiveSubscription<unknown>[] = [];
    for (const sessionId of games) {
      for (let i = 0; i < PER_GAME; i++) {
        const variables = { sessionId, afterVersion: 0 };
        subscriptions.push(i % 2 === 0 ? subscribeWS(wsUrl, host.token, GameSessionEventsDocument, variables) : host.client.subscribeSSE(GameSessionEventsDocument, variables));
      }
    }
    // Each has replayed its game's stored events: it is subscribed, and now waits for events that never come.
    for (const subscription of subscriptions) expect((await subscription.next(10_000))?.errors).toBeUndefined();
    // One channel per game, plus the one that watches the subscriber's session (logout ends its streams).
    expect((await channels()).filter((c) => c.includes(':game_session:'))).toHaveLength(GAMES);
    expect((await channels()).filter((c) => c.includes(':session:'))).toHaveLength(1);
    expect(await activeGauge()).toBe(GAMES * PER_GAME);

    await Promise.all(subscriptions.map((s) => s.close()));
    await eventually(async () => (await channels()).length === 0, 10_000).catch(async () => {
      throw new Error(`still subscribed to ${(await channels()).length} channel(s) after every subscription closed`);
    });
    await eventually(async () => (await activeGauge()) === 0, 10_000);
  });
});
