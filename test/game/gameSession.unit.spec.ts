import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import type { TowerType } from '../../src/game/domain/balance.js';
import { gameSessionDecider, type GameSessionEvent, type GameSessionState } from '../../src/game/domain/gameSession.js';
import { deciderSpec } from '../support/deciderSpec.js';
import {
  alice,
  at,
  bob,
  carol,
  create,
  created,
  dave,
  endGame,
  erin,
  join,
  joined,
  lane,
  place,
  placed,
  SESSION,
  startWave,
  testBalance,
  testVersion,
  versionOf,
} from './gameFixtures.js';

const given = deciderSpec(gameSessionDecider);
/** The events a command decides after `history` (to build later histories from real decisions). */
const decided = (history: GameSessionEvent[], command: Parameters<typeof gameSessionDecider.decide>[0]) =>
  gameSessionDecider.decide(command, history.reduce(gameSessionDecider.evolve, gameSessionDecider.initialState()));
const rule = (code: string) => [RuleBrokenError, { code }] as const;

/** Lobby with Alice (host) and Bob. */
const lobby = [created(), joined(alice), joined(bob)];

/** After wave 1 on the lane with Alice's ARROW at (3,1): 3 of 4 killed (docs/waves.md, example 1). */
const wave1 = (): GameSessionEvent[] => [
  { type: 'WaveStarted', data: { sessionId: SESSION, wave: 1, enemies: 4, enemyHealth: 30, at: at(10) } },
  {
    type: 'WaveCompleted',
    data: {
      sessionId: SESSION,
      wave: 1,
      enemies: 4,
      kills: 3,
      leaked: 1,
      damage: 96,
      livesLost: 1,
      livesLeft: 9,
      goldEarned: 15,
      rewards: [
        { playerId: 'alice', gold: 8 },
        { playerId: 'bob', gold: 7 },
      ],
      scoreGained: 30,
      score: 30,
      at: at(10),
    },
  },
];
const active = () => [...lobby, placed(alice, 't1', 'ARROW', 3, 1, 50, 150), ...wave1()];

describe('GameSession', () => {
  describe('None: no session yet', () => {
    it('creates the session and seats the host with the starting gold', () =>
      given()
        .when(create())
        .then(created(), joined(alice, 200)));

    it('refers to the balance version by id and copies the waves and starting lives into the creation event', () =>
      given()
        .when(create({ difficulty: 'HARD', maxPlayers: 1 }))
        .thenMatches(([first]) =>
          expect(first).toMatchObject({ data: { balanceId: testVersion.id, totalWaves: testBalance.game.waves, lives: 10, difficulty: 'HARD', maxPlayers: 1 } }),
        ));

    it.each([1, 4])('accepts %i players', (maxPlayers) => given().when(create({ maxPlayers })).then(created({ maxPlayers }), joined(alice)));

    it.each([0, 5, 2.5, Number.NaN])('refuses maxPlayers %s', (maxPlayers) =>
      given()
        .when(create({ maxPlayers }))
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'maxPlayers', message: 'maxPlayers must be an integer from 1 to 4' }] }));

    it('refuses an unknown difficulty', () =>
      given()
        .when(create({ difficulty: 'NIGHTMARE' as never }))
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'difficulty', message: 'difficulty must be EASY, NORMAL or HARD' }] }));

    it('refuses a map whose path jumps', () =>
      given()
        .when(create({ map: { ...lane, path: [{ x: 0, y: 2 }, { x: 2, y: 2 }] } }))
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'map' }] }));

    it('refuses a map whose path leaves the grid', () =>
      given()
        .when(create({ map: { ...lane, path: [...lane.path, { x: 7, y: 2 }] } }))
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'map' }] }));

    it('refuses an unreadable timestamp', () =>
      given()
        .when({ ...create(), data: { ...create().data, at: 'yesterday' } })
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'at' }] }));

    it.each([
      ['join', join(bob)],
      ['place a tower', place(alice, 't1', 'ARROW', 3, 1)],
      ['start a wave', startWave(alice)],
      ['end the game', endGame(alice)],
    ])('cannot %s: the session is not found', (_what, command) => given().when(command).thenThrows(NotFoundError));
  });

  describe('Lobby', () => {
    it('cannot be created twice', () => given(...lobby).when(create()).thenThrows(...rule('ALREADY_EXISTS')));

    it('seats a joining player with the starting gold', () => given(...lobby).when(join(carol)).then(joined(carol, 200, 1)));

    it('refuses a player who has already joined', () => given(...lobby).when(join(bob)).thenThrows(...rule('ALREADY_JOINED')));

    it('refuses a player when full', () =>
      given(created(), joined(alice), joined(bob), joined(carol), joined(dave))
        .when(join(erin))
        .thenThrows(...rule('GAME_FULL')));

    it('says ALREADY_JOINED rather than GAME_FULL to a member of a full game', () =>
      given(created({ maxPlayers: 1 }), joined(alice))
        .when(join(alice))
        .thenThrows(...rule('ALREADY_JOINED')));

    it('refuses a nameless player', () => given(...lobby).when(join({ id: 'x', name: ' ' })).thenThrows(ValidationError));

    it('places a tower during preparation and debits its cost', () =>
      given(...lobby)
        .when(place(bob, 't1', 'CANNON', 3, 3))
        .then(placed(bob, 't1', 'CANNON', 3, 3, 100, 100)));

    it('refuses a tower from someone who has not joined', () =>
      given(...lobby)
        .when(place(carol, 't1', 'ARROW', 3, 1))
        .thenThrows(...rule('NOT_A_MEMBER')));

    it.each(['LASER', 'constructor', 'toString'])('refuses the unknown tower type %s', (type) =>
      given(...lobby)
        .when(place(alice, 't1', type as TowerType, 3, 1))
        .thenThrows(...rule('UNKNOWN_TOWER_TYPE')));

    it('refuses a tower type this game’s balance does not offer', () => {
      const { SNIPER: _withdrawn, ...towers } = testBalance.towers;
      const balance = { ...testBalance, towers };
      given(created({ balance }), joined(alice))
        .when(place(alice, 't1', 'SNIPER', 3, 1, 2, versionOf(balance)))
        .thenThrows(...rule('UNKNOWN_TOWER_TYPE'));
    });

    it.each([
      [-1, 0],
      [0, -1],
      [7, 0],
      [0, 5],
    ])('refuses the out-of-bounds cell %i,%i', (x, y) =>
      given(...lobby)
        .when(place(alice, 't1', 'ARROW', x, y))
        .thenThrows(...rule('OUT_OF_BOUNDS')));

    it('accepts the far corner of the grid', () =>
      given(...lobby)
        .when(place(alice, 't1', 'ARROW', 6, 4))
        .then(placed(alice, 't1', 'ARROW', 6, 4, 50, 150)));

    it('refuses a cell on the enemy path', () =>
      given(...lobby)
        .when(place(alice, 't1', 'ARROW', 3, 2))
        .thenThrows(...rule('CELL_ON_PATH')));

    it('refuses an occupied cell, whoever owns the tower there', () =>
      given(...lobby, placed(alice, 't1', 'ARROW', 3, 1, 50, 150))
        .when(place(bob, 't2', 'ARROW', 3, 1))
        .thenThrows(...rule('CELL_OCCUPIED')));

    it('refuses a tower id already in use', () =>
      given(...lobby, placed(alice, 't1', 'ARROW', 3, 1, 50, 150))
        .when(place(alice, 't1', 'ARROW', 4, 1))
        .thenThrows(...rule('DUPLICATE_TOWER_ID')));

    it('refuses a tower the player cannot afford', () =>
      given(...lobby, placed(alice, 't1', 'SNIPER', 0, 0, 125, 75))
        .when(place(alice, 't2', 'CANNON', 1, 0))
        .thenThrows(...rule('INSUFFICIENT_GOLD')));

    it('keeps gold per player: Alice’s spending does not limit Bob', () =>
      given(...lobby, placed(alice, 't1', 'SNIPER', 0, 0, 125, 75))
        .when(place(bob, 't2', 'CANNON', 1, 0))
        .then(placed(bob, 't2', 'CANNON', 1, 0, 100, 100)));

    it('accepts spending the last coin', () =>
      given(...lobby, placed(alice, 't1', 'CANNON', 0, 0, 100, 100), placed(alice, 't2', 'ARROW', 1, 0, 50, 50))
        .when(place(alice, 't3', 'ARROW', 2, 0))
        .then(placed(alice, 't3', 'ARROW', 2, 0, 50, 0)));

    it('refuses a non-integer coordinate', () =>
      given(...lobby)
        .when(place(alice, 't1', 'ARROW', 1.5, 0))
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'x', message: 'x must be an integer' }] }));

    it('lets any member start the first wave, resolved at once', () =>
      given(...lobby, placed(alice, 't1', 'ARROW', 3, 1, 50, 150))
        .when(startWave(bob))
        .then(...wave1()));

    it('refuses a wave started by a non-member', () => given(...lobby).when(startWave(carol)).thenThrows(...rule('NOT_A_MEMBER')));

    it('is abandoned when the host ends it', () =>
      given(...lobby)
        .when(endGame(alice))
        .then({
          type: 'GameEnded',
          data: {
            sessionId: SESSION,
            result: 'ABANDONED',
            reason: 'Abandoned in the lobby',
            finalWave: 0,
            score: 0,
            livesLeft: 10,
            endedBy: 'alice',
            players: [
              { playerId: 'alice', playerName: 'Alice', towersPlaced: 0 },
              { playerId: 'bob', playerName: 'Bob', towersPlaced: 0 },
            ],
            at: at(20),
          },
        }));

    it('may be ended by an admin who is not playing, with a reason', () =>
      given(...lobby)
        .when(endGame(erin, true, '  cheating  '))
        .thenMatches(([e]) => expect(e).toMatchObject({ type: 'GameEnded', data: { result: 'ABANDONED', reason: 'cheating', endedBy: 'erin' } })));

    it('may not be ended by a player who is not the host', () => given(...lobby).when(endGame(bob)).thenThrows(ForbiddenError));

    it('stores a sealed reason as it is (checked before sealing; ciphertext is longer than the limit)', () => {
      const sealed = `pii:1:alice:${'a'.repeat(300)}.b.c`;
      return given(...lobby)
        .when(endGame(alice, false, sealed))
        .thenMatches(([e]) => expect(e).toMatchObject({ type: 'GameEnded', data: { reason: sealed, endedBy: alice.id } }));
    });

    it('refuses an over-long reason', () => given(...lobby).when(endGame(alice, false, 'x'.repeat(201))).thenThrows(ValidationError));

    it('folds the lobby: players in join order with their gold and towers', () => {
      const state = given(...lobby, placed(bob, 't1', 'ARROW', 3, 1, 50, 150)).state();
      expect(state).toMatchObject({
        status: 'Lobby',
        currentWave: 0,
        lives: 10,
        score: 0,
        players: [
          { playerId: 'alice', gold: 200, towersPlaced: 0 },
          { playerId: 'bob', gold: 150, towersPlaced: 1 },
        ],
        towers: [{ towerId: 't1', towerType: 'ARROW', x: 3, y: 1, ownerId: 'bob' }],
      });
    });
  });

  describe('Active', () => {
    it('refuses new players: the game has started', () => given(...active()).when(join(carol)).thenThrows(...rule('GAME_NOT_IN_LOBBY')));

    it('still accepts towers, paid with earned gold', () =>
      given(...active())
        .when(place(alice, 't2', 'CANNON', 3, 3, 11))
        .then(placed(alice, 't2', 'CANNON', 3, 3, 100, 58, 11)));

    it('still refuses an occupied cell', () => given(...active()).when(place(bob, 't2', 'ARROW', 3, 1)).thenThrows(...rule('CELL_OCCUPIED')));

    it('plays the next wave', () =>
      given(...active())
        .when(startWave(alice, 12))
        .thenMatches(([started, completed]) => {
          expect(started).toEqual({ type: 'WaveStarted', data: { sessionId: SESSION, wave: 2, enemies: 6, enemyHealth: 40, at: at(12) } });
          expect(completed).toMatchObject({ type: 'WaveCompleted', data: { wave: 2, kills: 3, leaked: 3, livesLeft: 6, score: 60 } });
        }));

    it('is forfeited when the host ends it', () =>
      given(...active())
        .when(endGame(alice))
        .thenMatches(([e]) =>
          expect(e).toMatchObject({ data: { result: 'FORFEIT', reason: 'Forfeited during wave 1', finalWave: 1, score: 30, livesLeft: 9 } })));

    it('may not be ended by a player who is not the host', () => given(...active()).when(endGame(bob)).thenThrows(ForbiddenError));

    it('folds waves: lives, score and each player’s share of the gold', () => {
      const state = given(...active()).state();
      expect(state).toMatchObject({
        status: 'Active',
        startedAt: at(10),
        currentWave: 1,
        lives: 9,
        score: 30,
        players: [
          { playerId: 'alice', gold: 158 },
          { playerId: 'bob', gold: 207 },
        ],
      });
    });
  });

  describe('Ended', () => {
    const ended = (): GameSessionEvent[] => [...active(), ...decided(active(), endGame(alice))];

    it.each([
      ['join', join(carol)],
      ['place a tower', place(alice, 't2', 'ARROW', 4, 1)],
      ['start a wave', startWave(alice)],
      ['end it again', endGame(alice)],
      ['end it again, as an admin', endGame(erin, true)],
    ])('refuses to %s', (_what, command) => given(...ended()).when(command).thenThrows(...rule('GAME_ENDED')));

    it('cannot be created again', () => given(...ended()).when(create()).thenThrows(...rule('ALREADY_EXISTS')));

    it('keeps the final board with the result', () =>
      expect(given(...ended()).state()).toMatchObject({
        status: 'Ended',
        result: 'FORFEIT',
        startedAt: at(10),
        endedAt: at(20),
        currentWave: 1,
        score: 30,
        towers: [{ towerId: 't1' }],
      }));

    it('has no start time when it ended in the lobby', () => {
      const state = given(...lobby, ...decided(lobby, endGame(alice))).state();
      expect(state).toMatchObject({ status: 'Ended', result: 'ABANDONED', startedAt: null });
    });
  });

  describe('evolve', () => {
    it('ignores events that do not fit the state instead of throwing', () => {
      const none: GameSessionState = { status: 'None' };
      for (const e of [joined(bob), placed(alice, 't1', 'ARROW', 3, 1, 50, 150), ...wave1()]) {
        expect(gameSessionDecider.evolve(none, e)).toBe(none);
      }
      const lobbyState = given(...lobby).state();
      expect(gameSessionDecider.evolve(lobbyState, created())).toBe(lobbyState);
      expect(gameSessionDecider.evolve(lobbyState, joined(bob))).toBe(lobbyState);
    });

    it('produces plain JSON state (hybrid storage writes it as is)', () => {
      const state = given(...active()).state();
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    });
  });
});
