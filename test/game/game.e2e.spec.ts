/**
 * The Game over GraphQL on real Redis: whole games to victory and defeat, several players,
 * concurrency on cells and gold, determinism, matchmaking through the process manager, and a
 * subscriber following a whole game.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActiveGameSessionsDocument,
  CancelMatchRequestDocument,
  CreateGameSessionDocument,
  EndGameDocument,
  GameSessionDocument,
  GameSessionEventsDocument,
  JoinGameSessionDocument,
  LeaderboardDocument,
  MyMatchRequestDocument,
  PlaceTowerDocument,
  PlayerStatsDocument,
  RequestMatchDocument,
  StartWaveDocument,
  type GameSessionFieldsFragment,
} from '../generated/graphql.js';
import { eventually, signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: {} });
});
afterAll(async () => app?.close());

const create = async (host: Player, difficulty: 'EASY' | 'NORMAL' | 'HARD' = 'NORMAL', maxPlayers = 4): Promise<GameSessionFieldsFragment> => {
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty, maxPlayers } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  return createGameSession.gameSession;
};
const join = async (player: Player, sessionId: string) => {
  const { joinGameSession } = await player.client.data(JoinGameSessionDocument, { input: { sessionId } });
  if (joinGameSession.__typename !== 'JoinGameSessionSuccess') throw new Error(JSON.stringify(joinGameSession));
  return joinGameSession.gameSession;
};
const place = (player: Player, sessionId: string, x: number, y: number, towerType: 'ARROW' | 'CANNON' | 'FROST' | 'SNIPER' = 'SNIPER') =>
  player.client.data(PlaceTowerDocument, { input: { sessionId, towerType, x, y } }).then((r) => r.placeTower);
const wave = async (player: Player, sessionId: string) => {
  const { startWave } = await player.client.data(StartWaveDocument, { input: { sessionId } });
  if (startWave.__typename !== 'StartWaveSuccess') throw new Error(JSON.stringify(startWave));
  return startWave.gameSession;
};
const view = async (player: Player, id: string) => (await player.client.data(GameSessionDocument, { id })).gameSession!;

/** The documented winning board (docs/waves.md): four SNIPERs around the meadow's bend. */
const playToVictory = async (players: Player[]) => {
  const [host, ...guests] = players as [Player, ...Player[]];
  const session = await create(host);
  for (const guest of guests) await join(guest, session.id);
  const cells: Array<[number, number]> = [
    [5, 3],
    [5, 4],
    [6, 4],
    [5, 2],
  ];
  for (const [i, player] of players.entries()) expect(await place(player, session.id, ...cells[i]!)).toMatchObject({ __typename: 'PlaceTowerSuccess' });
  let current = session;
  for (let i = 0; i < 10 && current.status !== 'ENDED'; i++) current = await wave(players[i % players.length]!, session.id);
  return current;
};

describe('a whole game', () => {
  it('four players, lobby → active → VICTORY; stats and leaderboard follow', async () => {
    const players = await Promise.all([signUp(app), signUp(app), signUp(app), signUp(app)]);
    const ended = await playToVictory(players);
    expect(ended).toMatchObject({ status: 'ENDED', result: 'VICTORY', currentWave: 10, lives: 20, score: 1500 });
    expect(ended.players.map((p) => p.userId)).toEqual(players.map((p) => p.userId));
    // The player-stats process manager records the game for everybody.
    const stats = await eventually(async () => {
      const { player } = await players[0]!.client.data(PlayerStatsDocument, { userId: players[0]!.userId });
      return player?.gamesPlayed === 1 ? player : null;
    });
    expect(stats).toMatchObject({ wins: 1, losses: 0, highestWave: 10, towersPlaced: 1, totalScore: 1500 });
    // The leaderboard follows as the other players' results are projected.
    await eventually(async () => {
      const { leaderboard } = await players[0]!.client.data(LeaderboardDocument, { first: 100 });
      const ids = new Set(leaderboard.map((p) => p.userId));
      return players.every((p) => ids.has(p.userId));
    });
  });

  it('no towers → DEFEAT in wave 3, and the game refuses further commands', async () => {
    const host = await signUp(app);
    const session = await create(host);
    const lives: number[] = [];
    let current = session;
    while (current.status !== 'ENDED') {
      current = await wave(host, session.id);
      lives.push(current.lives);
    }
    expect(lives).toEqual([14, 6, 0]);
    expect(current).toMatchObject({ result: 'DEFEAT', currentWave: 3 });
    expect(await place(host, session.id, 0, 0)).toMatchObject({ __typename: 'DomainError', code: 'GAME_ENDED' });
  });

  it('two players share one session; joining is for the lobby only', async () => {
    const [alice, bob, carol] = await Promise.all([signUp(app), signUp(app), signUp(app)]);
    const session = await create(alice, 'EASY', 2);
    expect(session).toMatchObject({ status: 'LOBBY', players: [{ userId: alice.userId, gold: 200 }], map: { width: 12, height: 8 } });
    const joined = await join(bob, session.id);
    expect(joined.players.map((p) => p.username)).toEqual([alice.username, bob.username]);
    const full = await carol.client.data(JoinGameSessionDocument, { input: { sessionId: session.id } });
    expect(full.joinGameSession).toMatchObject({ __typename: 'DomainError', code: 'GAME_FULL' });
    const twice = await bob.client.data(JoinGameSessionDocument, { input: { sessionId: session.id } });
    expect(twice.joinGameSession).toMatchObject({ __typename: 'DomainError', code: 'ALREADY_JOINED' });
    await wave(bob, session.id);
    expect((await view(alice, session.id)).status).toBe('ACTIVE');
  });

  it('tower placement rules: on the path, out of bounds, not a member, not enough gold', async () => {
    const [host, stranger] = await Promise.all([signUp(app), signUp(app)]);
    const { id } = await create(host);
    expect(await place(host, id, 0, 1)).toMatchObject({ code: 'CELL_ON_PATH' });
    expect(await place(host, id, 40, 1)).toMatchObject({ code: 'OUT_OF_BOUNDS' });
    expect(await place(stranger, id, 0, 0)).toMatchObject({ code: 'NOT_A_MEMBER' });
    expect(await place(host, id, 0, 0, 'SNIPER')).toMatchObject({ __typename: 'PlaceTowerSuccess', tower: { towerType: 'SNIPER', x: 0, y: 0, ownerId: host.userId } });
    expect(await place(host, id, 1, 0, 'SNIPER')).toMatchObject({ code: 'INSUFFICIENT_GOLD' });
    expect((await view(host, id)).players[0]!.gold).toBe(75);
  });

  it('only the host (or an admin) ends a game', async () => {
    const [host, guest] = await Promise.all([signUp(app), signUp(app)]);
    const { id } = await create(host);
    await join(guest, id);
    const refused = await guest.client.data(EndGameDocument, { input: { sessionId: id, reason: 'bored' } });
    expect(refused.endGame.__typename).toBe('ForbiddenError');
    const ended = await host.client.data(EndGameDocument, { input: { sessionId: id, reason: 'dinner' } });
    expect(ended.endGame).toMatchObject({ __typename: 'EndGameSuccess', gameSession: { status: 'ENDED', result: 'ABANDONED' } });
  });

  it('startWave refuses strangers, ended games, unknown sessions and anonymous callers with typed errors, changing nothing', async () => {
    const [host, stranger] = await Promise.all([signUp(app), signUp(app)]);
    const { id } = await create(host);
    const start = (client: Player['client'], sessionId: string) => client.data(StartWaveDocument, { input: { sessionId } }).then((r) => r.startWave);
    expect(await start(stranger.client, id)).toMatchObject({ __typename: 'DomainError', code: 'NOT_A_MEMBER' });
    expect(await start(host.client, 'no-such-session')).toMatchObject({ __typename: 'NotFoundError' });
    expect(await start(app.client, id)).toMatchObject({ __typename: 'UnauthenticatedError' });
    expect(await view(host, id)).toMatchObject({ status: 'LOBBY', currentWave: 0, version: 2 });
    await host.client.data(EndGameDocument, { input: { sessionId: id, reason: 'done' } });
    expect(await start(host.client, id)).toMatchObject({ __typename: 'DomainError', code: 'GAME_ENDED' });
    expect(await view(host, id)).toMatchObject({ status: 'ENDED', currentWave: 0, version: 3 });
  });

  it('anonymous callers get UnauthenticatedError in the payload', async () => {
    const { createGameSession } = await app.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 1 } });
    expect(createGameSession.__typename).toBe('UnauthenticatedError');
  });
});

describe('concurrency', () => {
  it('20 concurrent placeTower calls on one cell: exactly one tower and one gold debit', async () => {
    const players = await Promise.all([signUp(app), signUp(app), signUp(app), signUp(app)]);
    const session = await create(players[0]!);
    for (const p of players.slice(1)) await join(p, session.id);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => place(players[i % 4]!, session.id, 3, 3, 'ARROW')));
    expect(results.filter((r) => r.__typename === 'PlaceTowerSuccess')).toHaveLength(1);
    expect(results.filter((r) => r.__typename === 'DomainError' && r.code === 'CELL_OCCUPIED')).toHaveLength(19);
    const after = await view(players[0]!, session.id);
    expect(after.towers).toHaveLength(1);
    expect(after.players.reduce((sum, p) => sum + p.gold, 0)).toBe(4 * 200 - 50);
  });

  it('a burst of racing placements (conflicts retried) never drives gold below zero', async () => {
    const host = await signUp(app);
    const session = await create(host);
    // Committed placements on this session, with how many conflicts each retried through.
    const retries: number[] = [];
    app.server.dispatcher.onCommitted((result) => {
      if (result.aggregateId === session.id && result.commandType === 'PlaceTower') retries.push(result.retries);
    });
    const cells: Array<[number, number]> = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10].map((x) => [x, 0]);
    const results = await Promise.all(cells.map(([x, y]) => place(host, session.id, x, y, 'ARROW')));
    expect(results.filter((r) => r.__typename === 'PlaceTowerSuccess')).toHaveLength(4);
    expect(results.filter((r) => r.__typename === 'DomainError' && r.code === 'INSUFFICIENT_GOLD')).toHaveLength(6);
    const after = await view(host, session.id);
    expect(after.players[0]!.gold).toBe(0);
    expect(after.towers).toHaveLength(4);
    // The burst really raced: committed placements had to retry after losing to another one
    // (the ten requests load the session together, so every winner after the first lost before).
    expect(retries).toHaveLength(4);
    expect(Math.max(...retries)).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('two identical sessions given identical commands produce identical outcomes', async () => {
    const outcome = async () => {
      const [a, b] = await Promise.all([signUp(app), signUp(app)]);
      const { id } = await create(a, 'HARD', 2);
      await join(b, id);
      await place(a, id, 5, 3, 'CANNON');
      await place(b, id, 3, 2, 'FROST');
      const results = [];
      let current = await view(a, id);
      for (let i = 0; i < 10 && current.status !== 'ENDED'; i++) {
        current = await wave(i % 2 ? b : a, id);
        results.push(current.lastWave);
        if (current.players.every((p) => p.gold >= 50)) await place(a, id, 1 + i, 7, 'ARROW');
      }
      return { results, score: current.score, lives: current.lives, result: current.result, wave: current.currentWave, gold: current.players.map((p) => p.gold) };
    };
    const [first, second] = [await outcome(), await outcome()];
    expect(second).toEqual(first);
    expect(first.results.length).toBeGreaterThan(0);
  });
});

describe('matchmaking', () => {
  it('forms a match for two queued players through the process manager; both see the new session', async () => {
    const [alice, bob] = await Promise.all([signUp(app), signUp(app)]);
    const first = await alice.client.data(RequestMatchDocument, { input: { difficulty: 'HARD' } });
    expect(first.requestMatch).toMatchObject({ __typename: 'RequestMatchSuccess' });
    const again = await alice.client.data(RequestMatchDocument, { input: { difficulty: 'HARD' } });
    expect(again.requestMatch).toMatchObject({ code: 'ALREADY_QUEUED' });
    await bob.client.data(RequestMatchDocument, { input: { difficulty: 'HARD' } });
    const seen = await Promise.all(
      [alice, bob].map((p) =>
        eventually(async () => {
          const { myMatchRequest } = await p.client.data(MyMatchRequestDocument);
          return myMatchRequest?.status === 'MATCHED' && myMatchRequest.gameSession?.players.length === 2 ? myMatchRequest : null;
        }),
      ),
    );
    expect(seen[0]!.gameSession!.id).toBe(seen[1]!.gameSession!.id);
    expect(new Set(seen[0]!.gameSession!.players.map((p) => p.userId))).toEqual(new Set([alice.userId, bob.userId]));
  });

  it('a queued player can cancel', async () => {
    const carol = await signUp(app);
    await carol.client.data(RequestMatchDocument, { input: { difficulty: 'EASY' } });
    const cancelled = await carol.client.data(CancelMatchRequestDocument, {});
    expect(cancelled.cancelMatchRequest).toMatchObject({ __typename: 'CancelMatchRequestSuccess', matchRequest: { status: 'CANCELLED' } });
    const twice = await carol.client.data(CancelMatchRequestDocument, { input: { difficulty: 'EASY' } });
    expect(twice.cancelMatchRequest).toMatchObject({ code: 'NOT_QUEUED' });
  });
});

describe('following a game live', () => {
  it('a subscriber sees every event of a whole game, in order, with contiguous versions', async () => {
    const players = await Promise.all([signUp(app), signUp(app), signUp(app), signUp(app)]);
    const host = players[0]!;
    const session = await create(host);
    const subscription = host.client.subscribeSSE(GameSessionEventsDocument, { sessionId: session.id, afterVersion: 0 });
    try {
      const [, ...guests] = players;
      for (const guest of guests) await join(guest, session.id);
      const cells: Array<[number, number]> = [
        [5, 3],
        [5, 4],
        [6, 4],
        [5, 2],
      ];
      for (const [i, p] of players.entries()) await place(p, session.id, ...cells[i]!);
      let current = await view(host, session.id);
      for (let i = 0; current.status !== 'ENDED'; i++) current = await wave(players[i % 4]!, session.id);
      const received = [];
      for (;;) {
        const next = await subscription.next();
        const event = next?.data?.gameSessionEvents;
        if (!event) throw new Error(`unexpected payload ${JSON.stringify(next)}`);
        received.push(event);
        if (event.eventType === 'GameEnded') break;
      }
      expect(received.map((e) => e.version)).toEqual(Array.from({ length: current.version }, (_, i) => i + 1));
      expect(received[0]!.eventType).toBe('GameSessionCreated');
      expect(received.filter((e) => e.eventType === 'WaveCompleted')).toHaveLength(10);
    } finally {
      await subscription.close();
    }
  });
});

describe('retries and lists', () => {
  it('a retried startWave with the same idempotency key does not start a second wave', async () => {
    const host = await signUp(app);
    const { id } = await create(host);
    const input = { sessionId: id, idempotencyKey: `wave-1-${id}` };
    const first = await host.client.data(StartWaveDocument, { input });
    const retry = await host.client.data(StartWaveDocument, { input });
    expect(first.startWave).toMatchObject({ __typename: 'StartWaveSuccess', gameSession: { currentWave: 1 } });
    expect(retry.startWave).toMatchObject({ __typename: 'StartWaveSuccess', gameSession: { currentWave: 1 } });
    expect((await view(host, id)).currentWave).toBe(1);
  });

  it('activeGameSessions pages newest first with cursors, without duplicates, and leaves ended games out', async () => {
    const host = await signUp(app);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await create(host, 'EASY', 1)).id);
    // The list is a cross-aggregate (asynchronous) view and endGame answers from its commit: the
    // listing reads after the end through the read-your-writes token, as clients do.
    const ended = await host.client.execute(EndGameDocument, { input: { sessionId: created[0]!, reason: 'done' } });
    const readAfter = ended.extensions?.readAfter;
    expect(typeof readAfter).toBe('string');
    const lister = host.client.withHeaders({ 'x-read-after': String(readAfter) });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const { activeGameSessions }: { activeGameSessions: { edges: { cursor: string; node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } =
        await lister.data(ActiveGameSessionsDocument, { first: 2, after });
      expect(activeGameSessions.edges.length).toBeLessThanOrEqual(2);
      seen.push(...activeGameSessions.edges.map((e) => e.node.id));
      if (!activeGameSessions.pageInfo.hasNextPage) break;
      after = activeGameSessions.pageInfo.endCursor ?? null;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const mine = seen.filter((id) => created.includes(id));
    expect(mine).toEqual([...created.slice(1)].reverse());
    const backwards = await host.client.execute(ActiveGameSessionsDocument, { last: 2 });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
