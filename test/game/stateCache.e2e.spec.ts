/**
 * The per-process state cache (performance.aggregateCacheEntries, issue #11) with two API nodes on
 * one Redis: each node's cached game state goes stale whenever the other node writes. A stale
 * entry must cost a conflict and a fresh read, never a wrong decision or a ConflictError to the
 * caller; commands that may not be retried never decide on a cached state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateGameSessionDocument, GameSessionDocument, JoinGameSessionDocument, PlaceTowerDocument, StartWaveDocument } from '../generated/graphql.js';
import { signUp, type Player } from '../support/players.js';
import { startTestApp, testPrefix, type TestApp } from '../support/testApp.js';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  const prefix = testPrefix();
  a = await startTestApp({ prefix });
  b = await startTestApp({ prefix, runProjections: false });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** The same player through another node (tokens are good on every node). */
const via = (app: TestApp, player: Player) => app.client.withToken(player.token);

describe('state cache across nodes', () => {
  it('alternating nodes: every command decides on the newest state, none fails with a conflict', async () => {
    const [host, guest] = [await signUp(a), await signUp(a)];
    const { createGameSession } = await via(a, host).data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
    if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
    const id = createGameSession.gameSession.id;
    // B writes: A's cached state is now stale.
    const { joinGameSession } = await via(b, guest).data(JoinGameSessionDocument, { input: { sessionId: id } });
    if (joinGameSession.__typename !== 'JoinGameSessionSuccess') throw new Error(JSON.stringify(joinGameSession));
    const joined = joinGameSession.gameSession.version;
    expect(joined).toBeGreaterThan(createGameSession.gameSession.version);

    const retried: number[] = [];
    for (const app of [a, b]) {
      app.server.dispatcher.onCommitted((result) => {
        if (result.aggregateId === id && result.commandType === 'PlaceTower') retried.push(result.retries);
      });
    }
    const cells: Array<[number, number]> = [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0]];
    for (const [i, [x, y]] of cells.entries()) {
      // Host and guest take turns, on nodes A, B, A, B…: each node's cache is one write behind.
      const player = i % 4 < 2 ? host : guest;
      const { placeTower } = await via(i % 2 === 0 ? a : b, player).data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x, y } });
      expect(placeTower).toMatchObject({ __typename: 'PlaceTowerSuccess', gameSession: { version: joined + 1 + i } });
    }
    // The stale entries were really used and corrected (a conflict, then a fresh read).
    expect(retried).toHaveLength(cells.length);
    expect(retried.filter((r) => r > 0).length).toBeGreaterThan(0);

    // startWave may not be retried: it reads fresh on A although B wrote last.
    const { startWave } = await via(a, host).data(StartWaveDocument, { input: { sessionId: id } });
    expect(startWave).toMatchObject({ __typename: 'StartWaveSuccess', gameSession: { currentWave: 1 } });

    const { gameSession } = await via(b, host).data(GameSessionDocument, { id });
    expect(gameSession!.towers).toHaveLength(cells.length);
    expect(gameSession!.version).toBeGreaterThan(joined + cells.length);
  });

  it('20 racing placements on one cell through both nodes: one tower, one debit', async () => {
    const players = [await signUp(a), await signUp(a), await signUp(a), await signUp(a)];
    const { createGameSession } = await via(a, players[0]!).data(CreateGameSessionDocument, { input: { difficulty: 'NORMAL', maxPlayers: 4 } });
    if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
    const id = createGameSession.gameSession.id;
    for (const [i, p] of players.slice(1).entries()) {
      const { joinGameSession } = await via(i % 2 === 0 ? b : a, p).data(JoinGameSessionDocument, { input: { sessionId: id } });
      expect(joinGameSession.__typename).toBe('JoinGameSessionSuccess');
    }
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => via(i % 2 === 0 ? a : b, players[i % 4]!).data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x: 3, y: 3 } }).then((r) => r.placeTower)),
    );
    expect(results.filter((r) => r.__typename === 'PlaceTowerSuccess')).toHaveLength(1);
    expect(results.filter((r) => r.__typename === 'DomainError' && r.code === 'CELL_OCCUPIED')).toHaveLength(19);
    const { gameSession } = await via(a, players[0]!).data(GameSessionDocument, { id });
    expect(gameSession!.towers).toHaveLength(1);
    expect(gameSession!.players.reduce((sum, p) => sum + p.gold, 0)).toBe(4 * 200 - 50);
  });
});
