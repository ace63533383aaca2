/**
 * Schema evolution, shown (issue #16, docs/evolution.md): games stored by an earlier release —
 * TowerPlaced v1 (flat x and y, no `cell`), GameSessionCreated v1 (balance embedded), the hybrid
 * state in that release's shape without a schema tag — written into Redis exactly as that release
 * wrote them, then loaded, played on, projected, time-travelled, inspected and replayed by this
 * code. Also the replay bounds that need a game with long pauses (one written here).
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotBalance } from '../../src/game/domain/balance.js';
import {
  ActiveGameSessionsDocument,
  AggregateHistoryDocument,
  EndGameDocument,
  GameSessionAtDocument,
  GameSessionDocument,
  PlaceTowerDocument,
  ReplayGameDocument,
  StartWaveDocument,
} from '../generated/graphql.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { eventually, signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, adminOverrides, login } from '../ops/opsHelpers.js';
import { defaultBalance, meadow } from './gameFixtures.js';

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  // No cap on replay pauses (a stored game's hour-long pause holds a replay open), one replay per user.
  app = await startTestApp({ overrides: { ...adminOverrides, 'replay.maxGapMs': 0, 'replay.maxConcurrentPerUser': 1 } });
  admin = (await login(app.client, ADMIN.username, ADMIN.password)).client;
});
afterAll(async () => app?.close());

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What the release before TowerPlaced v2 (and before balances by reference) appended for a game:
 * GameSessionCreated v1 with the balance embedded, PlayerJoined, TowerPlaced v1 with flat x/y,
 * optionally GameEnded; the hybrid state in its shape, untagged. `times` are the events' instants.
 */
const storeOldGame = async (host: Player, times: readonly number[], ended: boolean) => {
  const sessionId = `old-${uuidv7()}`;
  const balance = snapshotBalance(defaultBalance);
  const old = (type: string, data: object, at: string) => ({
    eventId: uuidv7(),
    type,
    data,
    schemaVersion: 1,
    metadata: { correlationId: uuidv7(), causationId: uuidv7(), userId: host.userId, timestamp: at },
    createdAt: at,
  });
  const [t0, t1, t2, t3] = times.map(iso) as [string, string, string, string];
  const created = { sessionId, hostId: host.userId, difficulty: 'NORMAL', maxPlayers: 2, map: meadow, balance, lives: 20, at: t0 };
  const joined = { sessionId, playerId: host.userId, playerName: host.username, gold: balance.game.startingGold, at: t1 };
  const cost = balance.towers.SNIPER!.cost;
  const tower = { sessionId, playerId: host.userId, towerId: uuidv7(), towerType: 'SNIPER', x: 5, y: 3, cost, goldLeft: joined.gold - cost, at: t2 };
  const events = [old('GameSessionCreated', created, t0), old('PlayerJoined', joined, t1), old('TowerPlaced', tower, t2)];
  const player = { playerId: host.userId, playerName: host.username, gold: tower.goldLeft, towersPlaced: 1, joinedAt: t1 };
  const board = { ...created, players: [player], towers: [{ towerId: tower.towerId, towerType: 'SNIPER', x: 5, y: 3, ownerId: host.userId }], currentWave: 0, score: 0, createdAt: t0 };
  if (ended) {
    const players = [{ playerId: host.userId, playerName: host.username, towersPlaced: 1 }];
    events.push(old('GameEnded', { sessionId, result: 'ABANDONED', reason: 'old', finalWave: 0, score: 0, livesLeft: 20, endedBy: host.userId, players, at: t3 }, t3));
  }
  const state = ended ? { ...board, status: 'Ended', result: 'ABANDONED', reason: 'old', startedAt: null, endedAt: t3 } : { ...board, status: 'Lobby' };
  await app.server.infrastructure.eventStore.append({ aggregateType: 'game_session', aggregateId: sessionId }, events, { expectedVersion: 'no_stream', state });
  return sessionId;
};

describe('a game stored with TowerPlaced v1', () => {
  it('loads, plays on, projects, time-travels, shows its history and replays with the new code', async () => {
    const host = await signUp(app);
    const now = Date.now();
    const id = await storeOldGame(host, [now - 3000, now - 2999, now - 2998], false);

    // Loads (the untagged old state is rebuilt from the events, through both upcasters) and plays on.
    expect((await host.client.data(GameSessionDocument, { id })).gameSession).toMatchObject({ version: 3, status: 'LOBBY', towers: [{ x: 5, y: 3, towerType: 'SNIPER' }] });
    const placed = (await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'SNIPER', x: 5, y: 3 } })).placeTower;
    expect(placed).toMatchObject({ __typename: 'DomainError', code: 'CELL_OCCUPIED' });
    expect((await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x: 5, y: 4 } })).placeTower).toMatchObject({
      __typename: 'PlaceTowerSuccess',
      gameSession: { version: 4, towers: [{ x: 5, y: 3 }, { x: 5, y: 4 }] },
    });

    // Projected: the asynchronous read model (activeGameSessions) folds the v1 tower through the upcaster.
    const listed = await eventually(async () => {
      const { activeGameSessions } = await host.client.data(ActiveGameSessionsDocument, { first: 100 });
      const node = activeGameSessions.edges.find((e) => e.node.id === id)?.node;
      return node ? node : null;
    });
    expect(listed).toMatchObject({ id, status: 'LOBBY' });

    // Time travel to the v1 tower, and its history in the current schema.
    expect((await host.client.data(GameSessionAtDocument, { id, atVersion: 3 })).gameSession).toMatchObject({ version: 3, towers: [{ x: 5, y: 3 }], players: [{ towersPlaced: 1 }] });
    const history = (await admin.data(AggregateHistoryDocument, { aggregateType: 'game_session', id })).aggregateHistory;
    expect(history.edges.map((e) => [e.node.event.eventType, e.node.event.schemaVersion])).toEqual([
      ['GameSessionCreated', 2],
      ['PlayerJoined', 1],
      ['TowerPlaced', 2],
      ['TowerPlaced', 2],
    ]);
    expect(history.edges[2]!.node.event.data).toMatchObject({ cell: { x: 5, y: 3 }, x: 5, y: 3 });
    expect(history.edges[3]!.node.event.data).toMatchObject({ cell: { x: 5, y: 4 }, x: 5, y: 4 });

    // Finished with the new code, then replayed: old and new events alike in the current schema.
    expect((await host.client.data(StartWaveDocument, { input: { sessionId: id } })).startWave.__typename).toBe('StartWaveSuccess');
    expect((await host.client.data(EndGameDocument, { input: { sessionId: id } })).endGame.__typename).toBe('EndGameSuccess');
    const replay = host.client.subscribeSSE(ReplayGameDocument, { id, speed: 100 });
    const seen: Array<[string, unknown]> = [];
    for (let next = await replay.next(20_000); next; next = await replay.next(20_000)) {
      if (!next.data) throw new Error(JSON.stringify(next));
      seen.push([next.data.replayGame.eventType, (next.data.replayGame.data as { cell?: unknown }).cell]);
    }
    expect(seen.map(([type]) => type)).toEqual(['GameSessionCreated', 'PlayerJoined', 'TowerPlaced', 'TowerPlaced', 'WaveStarted', 'WaveCompleted', 'GameEnded']);
    expect(seen.filter(([type]) => type === 'TowerPlaced').map(([, cell]) => cell)).toEqual([{ x: 5, y: 3 }, { x: 5, y: 4 }]);
  });
});

describe('replay bounds', () => {
  it('one replay per user here: a second is refused while the first runs, and allowed once the client left', async () => {
    const host = await signUp(app);
    const now = Date.now();
    // The game ended an hour after its tower: the replay waits that hour (÷ speed 1) before its last event.
    const id = await storeOldGame(host, [now - 3_600_010, now - 3_600_005, now - 3_600_000, now], true);
    const first = host.client.subscribeSSE(ReplayGameDocument, { id, speed: 1 });
    for (const version of [1, 2, 3]) expect((await first.next(10_000))?.data?.replayGame.version).toBe(version);

    const second = await host.client.subscribeSSE(ReplayGameDocument, { id }).next(10_000);
    expect(second?.errors?.[0]).toMatchObject({ message: 'At most 1 replays may run at once per user; stop one first', extensions: { code: 'BAD_USER_INPUT' } });
    // Another user's replay is not affected (the admin may replay any game).
    const byAdmin = admin.subscribeSSE(ReplayGameDocument, { id, speed: 1 });
    expect((await byAdmin.next(10_000))?.data?.replayGame.version).toBe(1);
    await byAdmin.close();

    // The client leaves: the server ends the replay and gives the slot back.
    await first.close();
    const third = await eventually(async () => {
      const attempt = host.client.subscribeSSE(ReplayGameDocument, { id, speed: 1 });
      const next = await attempt.next(10_000);
      await attempt.close();
      return next?.data ? next : null;
    }, 15_000, 200);
    expect(third.data?.replayGame).toMatchObject({ version: 1, eventType: 'GameSessionCreated' });
  });
});
