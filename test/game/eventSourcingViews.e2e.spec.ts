/**
 * What only an event-sourced server can offer, over GraphQL on real Redis (issue #16): time travel
 * (gameSession atVersion/at), aggregateHistory, dry runs of every game mutation, and replays of a
 * finished game.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AggregateHistoryDocument,
  CreateGameSessionDocument,
  EndGameDocument,
  GameSessionAtDocument,
  GameSessionDocument,
  JoinGameSessionDocument,
  PlaceTowerDocument,
  ReplayGameDocument,
  StartWaveDocument,
  type GameSessionFieldsFragment,
} from '../generated/graphql.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, adminOverrides, login } from '../ops/opsHelpers.js';

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp({ overrides: adminOverrides });
  admin = (await login(app.client, ADMIN.username, ADMIN.password)).client;
});
afterAll(async () => app?.close());

const ok = <T extends { __typename: string }>(payload: T, typename: string): T => {
  if (payload.__typename !== typename) throw new Error(`expected ${typename}: ${JSON.stringify(payload)}`);
  return payload;
};
const create = async (host: Player) =>
  ok((await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'NORMAL', maxPlayers: 3 } })).createGameSession, 'CreateGameSessionSuccess');

/** A game with a view of every version, as the mutations answered them: host + guest, two towers, one wave. */
const playSome = async () => {
  const [host, guest] = await Promise.all([signUp(app), signUp(app)]);
  const views = new Map<number, GameSessionFieldsFragment>();
  const keep = (view: GameSessionFieldsFragment) => (views.set(view.version, view), view);
  const created = await create(host);
  if (created.__typename !== 'CreateGameSessionSuccess') throw new Error('unreachable');
  const id = keep(created.gameSession).id;
  const joined = ok((await guest.client.data(JoinGameSessionDocument, { input: { sessionId: id } })).joinGameSession, 'JoinGameSessionSuccess');
  if (joined.__typename === 'JoinGameSessionSuccess') keep(joined.gameSession);
  for (const [player, x, y] of [[host, 5, 3], [guest, 5, 4]] as const) {
    const placed = ok((await player.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'SNIPER', x, y } })).placeTower, 'PlaceTowerSuccess');
    if (placed.__typename === 'PlaceTowerSuccess') keep(placed.gameSession);
  }
  const waved = ok((await host.client.data(StartWaveDocument, { input: { sessionId: id } })).startWave, 'StartWaveSuccess');
  if (waved.__typename === 'StartWaveSuccess') keep(waved.gameSession);
  return { host, guest, id, views };
};

describe('time travel: gameSession(id, atVersion, at)', () => {
  it('rebuilds every past version exactly as the mutations answered it, by version and by instant', async () => {
    const { host, guest, id, views } = await playSome();
    const latest = Math.max(...views.keys());
    expect(latest).toBe(7); // created, host joined, guest joined, 2 towers, wave started + completed
    for (const [version, view] of views) {
      expect((await guest.client.data(GameSessionAtDocument, { id, atVersion: version })).gameSession).toEqual(view);
    }
    // Version 2 (the host joined) was never a mutation's answer: the lobby with one player.
    expect((await host.client.data(GameSessionAtDocument, { id, atVersion: 2 })).gameSession).toMatchObject({ version: 2, status: 'LOBBY', players: [{ userId: host.userId }] });

    const history = (await admin.data(AggregateHistoryDocument, { aggregateType: 'game_session', id, first: 10 })).aggregateHistory;
    const placedAt = history.edges.find((e) => e.node.version === 4)!.node.event.occurredAt as string;
    expect((await host.client.data(GameSessionAtDocument, { id, at: placedAt })).gameSession).toMatchObject({ version: 4, towers: [{ x: 5, y: 3 }] });
    // Before the game existed there was nothing.
    expect((await host.client.data(GameSessionAtDocument, { id, at: '2000-01-01T00:00:00.000Z' })).gameSession).toBeNull();
    // Without a point: the present, as before.
    expect((await host.client.data(GameSessionDocument, { id })).gameSession).toEqual(views.get(latest));
  });

  it('refuses outsiders and anonymous callers, names the latest version, and does not know unknown games', async () => {
    const { id } = await playSome();
    const outsider = await signUp(app);
    const forbidden = await outsider.client.execute(GameSessionAtDocument, { id, atVersion: 1 });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.client.execute(GameSessionAtDocument, { id, atVersion: 1 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await admin.data(GameSessionAtDocument, { id, atVersion: 1 })).gameSession).toMatchObject({ version: 1, players: [] });

    const beyond = await admin.execute(GameSessionAtDocument, { id, atVersion: 8 });
    expect(beyond.errors?.[0]).toMatchObject({ message: `Version 8 is beyond the stream: the latest version of game_session ${id} is 7`, extensions: { code: 'BAD_USER_INPUT' } });
    expect((await admin.execute(GameSessionAtDocument, { id: 'no-such-game', atVersion: 1 })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('aggregateHistory (admins)', () => {
  it('pages a game event by event, each with the state after it and the fields it changed', async () => {
    const { id, host } = await playSome();
    const first = (await admin.data(AggregateHistoryDocument, { aggregateType: 'game_session', id, first: 3 })).aggregateHistory;
    expect(first.latestVersion).toBe(7);
    expect(first.edges.map((e) => [e.cursor, e.node.event.eventType])).toEqual([
      ['1', 'GameSessionCreated'],
      ['2', 'PlayerJoined'],
      ['3', 'PlayerJoined'],
    ]);
    expect(first.edges[1]!.node).toMatchObject({ changedFields: ['players'], state: { status: 'Lobby', players: [{ playerId: host.userId }] } });
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: '3' });

    const rest = (await admin.data(AggregateHistoryDocument, { aggregateType: 'game_session', id, first: 10, after: '3' })).aggregateHistory;
    expect(rest.edges.map((e) => e.node.event.eventType)).toEqual(['TowerPlaced', 'TowerPlaced', 'WaveStarted', 'WaveCompleted']);
    expect(rest.edges[0]!.node).toMatchObject({ event: { schemaVersion: 2, data: { cell: { x: 5, y: 3 } } }, state: { towers: [{ x: 5, y: 3 }] } });
    expect(rest.edges[2]!.node.changedFields).toEqual(['currentWave', 'startedAt', 'status']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('shows a user without secrets; refuses players, unknown types and ids', async () => {
    const player = await signUp(app);
    const user = (await admin.data(AggregateHistoryDocument, { aggregateType: 'user', id: player.userId })).aggregateHistory;
    expect(user.edges[0]!.node.event.eventType).toBe('UserRegistered');
    const text = JSON.stringify(user);
    if (/passwordHash|scrypt/.test(text)) throw new Error(text);

    expect((await player.client.execute(AggregateHistoryDocument, { aggregateType: 'user', id: player.userId })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stateBased = await admin.execute(AggregateHistoryDocument, { aggregateType: 'session', id: 'x' });
    expect(stateBased.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'aggregateType' }] });
    expect((await admin.execute(AggregateHistoryDocument, { aggregateType: 'game_session', id: 'nope' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('dry runs', () => {
  it('placeTower: the event it would append and the game after it; nothing stored, the key not used', async () => {
    const host = await signUp(app);
    const created = await create(host);
    if (created.__typename !== 'CreateGameSessionSuccess') throw new Error('unreachable');
    const id = created.gameSession.id;
    const dry = ok((await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x: 8, y: 2, dryRun: true, idempotencyKey: 'k1' } })).placeTower, 'PlaceTowerSuccess');
    if (dry.__typename !== 'PlaceTowerSuccess') throw new Error('unreachable');
    expect(dry.dryRunEvents).toEqual([expect.objectContaining({ eventType: 'TowerPlaced', version: 3, data: expect.objectContaining({ cell: { x: 8, y: 2 }, towerType: 'ARROW' }) })]);
    expect(dry.gameSession).toMatchObject({ version: 3, towers: [{ x: 8, y: 2 }] });
    expect(dry.tower).toMatchObject({ x: 8, y: 2, towerType: 'ARROW' });
    // Nothing was appended: the game is still at version 2, without the tower.
    expect((await host.client.data(GameSessionDocument, { id })).gameSession).toMatchObject({ version: 2, towers: [] });
    expect((await admin.data(AggregateHistoryDocument, { aggregateType: 'game_session', id })).aggregateHistory.latestVersion).toBe(2);
    // The key was not remembered: a real command with the same key and other input runs.
    const real = (await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x: 5, y: 2, idempotencyKey: 'k1' } })).placeTower;
    expect(real).toMatchObject({ __typename: 'PlaceTowerSuccess', dryRunEvents: null, gameSession: { version: 3, towers: [{ x: 5, y: 2 }] } });
  });

  it('refuses exactly what the real command refuses', async () => {
    const host = await signUp(app);
    const guest = await signUp(app);
    const created = await create(host);
    if (created.__typename !== 'CreateGameSessionSuccess') throw new Error('unreachable');
    const id = created.gameSession.id;
    await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x: 0, y: 0 } });
    const refusals: Array<[string, (dryRun: boolean) => Promise<{ __typename: string }>]> = [
      ['DomainError', async (dryRun) => (await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x: 0, y: 0, dryRun } })).placeTower],
      ['ForbiddenError', async (dryRun) => (await guest.client.data(EndGameDocument, { input: { sessionId: id, dryRun } })).endGame],
      ['NotFoundError', async (dryRun) => (await host.client.data(JoinGameSessionDocument, { input: { sessionId: 'no-such-game', dryRun } })).joinGameSession],
      ['UnauthenticatedError', async (dryRun) => (await app.client.data(StartWaveDocument, { input: { sessionId: id, dryRun } })).startWave],
      ['ValidationError', async (dryRun) => (await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 9, dryRun } })).createGameSession],
    ];
    for (const [typename, attempt] of refusals) {
      const dry = await attempt(true);
      expect(dry.__typename).toBe(typename);
      expect(dry).toEqual(await attempt(false));
    }
    expect((await host.client.data(GameSessionDocument, { id })).gameSession?.version).toBe(3);
  });

  it('startWave previews the deterministic wave; createGameSession, joinGameSession and endGame leave no trace', async () => {
    const host = await signUp(app);
    const guest = await signUp(app);
    const dryCreate = ok((await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2, dryRun: true } })).createGameSession, 'CreateGameSessionSuccess');
    if (dryCreate.__typename !== 'CreateGameSessionSuccess') throw new Error('unreachable');
    expect(dryCreate.dryRunEvents?.map((e) => e.eventType)).toEqual(['GameSessionCreated', 'PlayerJoined']);
    expect((await host.client.data(GameSessionDocument, { id: dryCreate.gameSession.id })).gameSession).toBeNull();

    const created = await create(host);
    if (created.__typename !== 'CreateGameSessionSuccess') throw new Error('unreachable');
    const id = created.gameSession.id;
    const dryJoin = (await guest.client.data(JoinGameSessionDocument, { input: { sessionId: id, dryRun: true } })).joinGameSession;
    expect(dryJoin).toMatchObject({ __typename: 'JoinGameSessionSuccess', gameSession: { version: 3, players: [{}, { userId: guest.userId }] } });
    await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'SNIPER', x: 5, y: 3 } });

    const preview = ok((await host.client.data(StartWaveDocument, { input: { sessionId: id, dryRun: true } })).startWave, 'StartWaveSuccess');
    const real = ok((await host.client.data(StartWaveDocument, { input: { sessionId: id } })).startWave, 'StartWaveSuccess');
    if (preview.__typename !== 'StartWaveSuccess' || real.__typename !== 'StartWaveSuccess') throw new Error('unreachable');
    expect(preview.dryRunEvents?.map((e) => e.eventType)).toEqual(['WaveStarted', 'WaveCompleted']);
    // The wave is deterministic: the preview is what the real wave did.
    expect(preview.gameSession).toEqual(real.gameSession);
    // Only the clock differs: the dry run was decided a moment earlier.
    const withoutTime = ({ at: _at, ...data }: Record<string, unknown>) => data;
    expect(preview.dryRunEvents?.map((e) => withoutTime(e.data as Record<string, unknown>))).toEqual(
      (await admin.data(AggregateHistoryDocument, { aggregateType: 'game_session', id, after: '3' })).aggregateHistory.edges.map((e) => withoutTime(e.node.event.data as Record<string, unknown>)),
    );

    const dryEnd = (await host.client.data(EndGameDocument, { input: { sessionId: id, reason: 'tea', dryRun: true } })).endGame;
    expect(dryEnd).toMatchObject({ __typename: 'EndGameSuccess', gameSession: { status: 'ENDED', result: 'FORFEIT' }, dryRunEvents: [{ eventType: 'GameEnded' }] });
    expect((await host.client.data(GameSessionDocument, { id })).gameSession?.status).toBe('ACTIVE');
  });
});

describe('replayGame', () => {
  it('streams a finished game in order and ends; refuses bad speeds, running games and outsiders', async () => {
    const { host, id } = await playSome();
    const outsider = await signUp(app);
    const running = await host.client.subscribeSSE(ReplayGameDocument, { id, speed: 100 }).next(10_000);
    expect(running?.errors?.[0]?.extensions?.code).toBe('DOMAIN_RULE');
    await host.client.data(EndGameDocument, { input: { sessionId: id, reason: 'done' } });

    const replay = host.client.subscribeSSE(ReplayGameDocument, { id, speed: 100 });
    const seen: string[] = [];
    for (let next = await replay.next(15_000); next; next = await replay.next(15_000)) {
      if (!next.data) throw new Error(JSON.stringify(next));
      seen.push(`${next.data.replayGame.version}:${next.data.replayGame.eventType}`);
    }
    expect(seen).toEqual(['1:GameSessionCreated', '2:PlayerJoined', '3:PlayerJoined', '4:TowerPlaced', '5:TowerPlaced', '6:WaveStarted', '7:WaveCompleted', '8:GameEnded']);

    for (const speed of [0.05, 101]) {
      const bad = await host.client.subscribeSSE(ReplayGameDocument, { id, speed }).next(10_000);
      expect(bad?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'speed' }] });
    }
    expect((await outsider.client.subscribeSSE(ReplayGameDocument, { id }).next(10_000))?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
