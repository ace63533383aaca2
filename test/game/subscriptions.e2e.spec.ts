/**
 * Live subscriptions: SSE and graphql-ws both deliver; refusals; resume after a version under
 * concurrent writes (contiguous, no gap, no duplicate); and fan-out across two server instances
 * sharing one Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActiveGameSessionsChangedDocument,
  CreateGameSessionDocument,
  GameSessionDocument,
  GameSessionEventsDocument,
  JoinGameSessionDocument,
  PlaceTowerDocument,
} from '../generated/graphql.js';
import { subscribeWS, untilLive, type LiveSubscription } from '../support/graphqlClient.js';
import { signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let other: TestApp;
let wsUrl: string;

beforeAll(async () => {
  app = await startTestApp();
  // A second API node on the same Redis and key prefix.
  other = await startTestApp({ prefix: app.prefix });
  const { port } = await other.server.listen(0);
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await other?.close();
  await app?.close();
});

const createSession = async (host: Player) => {
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 4 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  return createGameSession.gameSession;
};

const collect = async <R>(subscription: LiveSubscription<R>, count: number, pick: (r: R) => number) => {
  const versions: number[] = [];
  while (versions.length < count) {
    const next = await subscription.next(10_000);
    if (!next?.data) throw new Error(`unexpected payload ${JSON.stringify(next)}`);
    versions.push(pick(next.data));
  }
  return versions;
};

describe('transports', () => {
  it('SSE delivers, from the stored tail onwards', async () => {
    const host = await signUp(app);
    const session = await createSession(host);
    const sse = host.client.subscribeSSE(GameSessionEventsDocument, { sessionId: session.id, afterVersion: 0 });
    try {
      const first = await collect(sse, 2, (d) => d.gameSessionEvents.version);
      expect(first).toEqual([1, 2]);
      await host.client.data(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'ARROW', x: 0, y: 0 } });
      const next = await sse.next();
      expect(next?.data?.gameSessionEvents).toMatchObject({ version: 3, eventType: 'TowerPlaced', data: { towerType: 'ARROW', x: 0, y: 0 } });
    } finally {
      await sse.close();
    }
  });

  it('graphql-ws delivers, authenticated by connectionParams — on another node than the one writing', async () => {
    const host = await signUp(app);
    const session = await createSession(host);
    const ws = subscribeWS(wsUrl, host.token, GameSessionEventsDocument, { sessionId: session.id, afterVersion: 2 });
    try {
      await ws.connected;
      await host.client.data(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'ARROW', x: 1, y: 0 } });
      expect((await ws.next(10_000))?.data?.gameSessionEvents).toMatchObject({ version: 3, eventType: 'TowerPlaced' });
      // The subscription is certainly active now, and nothing later can fill a gap: this one comes live.
      await host.client.data(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'ARROW', x: 2, y: 0 } });
      expect((await ws.next(10_000))?.data?.gameSessionEvents).toMatchObject({ version: 4, eventType: 'TowerPlaced' });
    } finally {
      await ws.close();
    }
  });

  it('lets any signed-in spectator follow a game, refuses anonymous subscribers', async () => {
    const [host, spectator] = await Promise.all([signUp(app), signUp(app)]);
    const session = await createSession(host);
    const anonymous = app.client.subscribeSSE(GameSessionEventsDocument, { sessionId: session.id, afterVersion: 0 });
    expect((await anonymous.next())?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await anonymous.close();
    // A signed-in non-member spectates: the whole history, then what comes live.
    const watching = spectator.client.subscribeSSE(GameSessionEventsDocument, { sessionId: session.id, afterVersion: 0 });
    expect((await watching.next(10_000))?.data?.gameSessionEvents).toMatchObject({ version: 1, eventType: 'GameSessionCreated' });
    await watching.close();
    const unknown = spectator.client.subscribeSSE(GameSessionEventsDocument, { sessionId: '0190c0de-0000-7000-8000-000000000000', afterVersion: 0 });
    expect((await unknown.next())?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await unknown.close();
    // Without a token the connection is accepted (public queries need none) and the operation is
    // refused as unauthenticated: an error on the operation, not a closed socket.
    const ws = subscribeWS(wsUrl, null, GameSessionEventsDocument, { sessionId: session.id, afterVersion: 0 });
    const refused = await ws.next();
    expect(refused?.data ?? null).toBeNull();
    expect(refused?.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    expect(refused?.errors?.[0]?.extensions).not.toHaveProperty('closeCode');
    await ws.close();
    // A forged token in connectionParams closes the connection itself (4403 Forbidden).
    const forged = subscribeWS(wsUrl, `${host.token.slice(0, -3)}xyz`, GameSessionEventsDocument, { sessionId: session.id, afterVersion: 0 });
    expect((await forged.next())?.errors?.[0]?.extensions?.closeCode).toBe(4403);
    await forged.close();
  });

  it('activeGameSessionsChanged reports new sessions from any node', async () => {
    const host = await signUp(app);
    const ws = subscribeWS(wsUrl, host.token, ActiveGameSessionsChangedDocument);
    try {
      await ws.connected;
      await untilLive(ws, () => createSession(host), (p) => p.data?.activeGameSessionsChanged.status === 'LOBBY');
      const session = await createSession(host);
      for (;;) {
        const next = await ws.next(10_000);
        if (next?.data?.activeGameSessionsChanged.id === session.id) {
          expect(next.data.activeGameSessionsChanged.status).toBe('LOBBY');
          break;
        }
      }
    } finally {
      await ws.close();
    }
  });
});

describe('resume', () => {
  it('afterVersion under concurrent writes: exactly the contiguous versions, no gap, no duplicate', async () => {
    const players = await Promise.all([signUp(app), signUp(app), signUp(app), signUp(app)]);
    const host = players[0]!;
    const session = await createSession(host);
    for (const p of players.slice(1)) await p.client.data(JoinGameSessionDocument, { input: { sessionId: session.id } });
    // Writes race the hand-over: they start before the subscription and keep going after it.
    const onPath = new Set(session.map.path.map((c) => `${c.x},${c.y}`));
    const cells = Array.from({ length: session.map.width * session.map.height }, (_, i) => ({ x: i % session.map.width, y: Math.floor(i / session.map.width) }))
      .filter((c) => !onPath.has(`${c.x},${c.y}`))
      .slice(0, 24);
    const writing = Promise.all(
      cells.map((cell, i) => players[i % 4]!.client.data(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'ARROW', ...cell } })),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sse = host.client.subscribeSSE(GameSessionEventsDocument, { sessionId: session.id, afterVersion: 2 });
    try {
      const results = await writing;
      // Every call ends in a success or a typed refusal: out of gold (4 players × 200 gold / 50 per
      // ARROW = 16 towers at most) or, if a racing call exhausted its conflict retries, a conflict.
      // How many succeed is up to the race; what the subscriber sees must match it exactly.
      const outcomes = results.map(({ placeTower: r }) => (r.__typename === 'DomainError' ? r.code : r.__typename));
      expect(outcomes.filter((o) => !['PlaceTowerSuccess', 'INSUFFICIENT_GOLD', 'ConflictError'].includes(o))).toEqual([]);
      const placed = outcomes.filter((o) => o === 'PlaceTowerSuccess').length;
      expect(placed).toBeGreaterThan(0);
      expect(placed).toBeLessThanOrEqual(16);
      const lastVersion = 5 + placed; // created, 4 joins, then the towers
      const seen: string[] = [];
      const versions = await collect(sse, lastVersion - 2, (d) => (seen.push(d.gameSessionEvents.eventType), d.gameSessionEvents.version));
      expect(versions).toEqual(Array.from({ length: lastVersion - 2 }, (_, i) => i + 3));
      expect(seen.filter((t) => t === 'TowerPlaced')).toHaveLength(placed);
      // Nothing beyond: the session's last version and its towers are exactly the successes.
      const { gameSession } = await host.client.data(GameSessionDocument, { id: session.id });
      expect(gameSession).toMatchObject({ version: lastVersion, towers: expect.toSatisfy((t: unknown[]) => t.length === placed, `${placed} towers`) });
      for (const p of gameSession!.players) expect(p.gold).toBe(200 - 50 * p.towersPlaced);
    } finally {
      await sse.close();
    }
  });

  it('two nodes: subscribe on one, mutate on the other', async () => {
    const host = await signUp(app);
    const session = await createSession(host);
    const ws = subscribeWS(wsUrl, host.token, GameSessionEventsDocument, { sessionId: session.id, afterVersion: 2 });
    try {
      await ws.connected;
      await host.client.data(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'FROST', x: 3, y: 3 } });
      expect((await ws.next(10_000))?.data?.gameSessionEvents).toMatchObject({ version: 3, eventType: 'TowerPlaced' });
    } finally {
      await ws.close();
    }
  });
});
