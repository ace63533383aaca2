/**
 * The game projection, given/when/then: game sessions (and their active / status indexes), player
 * stats (the leaderboard is the sorted index on totalScore) and match requests.
 */
import { describe, it } from 'vitest';
import type { GameEnded, GameResult, WaveCompleted, WaveStarted } from '../../src/game/domain/gameSession.js';
import type { MatchFormed, MatchRequestCancelled, MatchRequested } from '../../src/game/domain/match.js';
import type { GameRecorded, PlayerTotals } from '../../src/game/domain/playerStats.js';
import { MATCH_REQUESTS } from '../../src/game/projections.js';
import { GAME_SESSIONS, PLAYER_STATS, gameProjection, type GameSessionView } from '../../src/game/projections.js';
import { projectionSpec, put, patch, stream } from '../support/projectionSpec.js';
import { SESSION, alice, at, bob, created, joined, lane, placed, testBalance, type Who } from './gameFixtures.js';

const given = projectionSpec(gameProjection);
const game = stream('game_session', SESSION);
const otherGame = stream('game_session', 'game-2');

const waveStarted = (wave: number, s = 10): WaveStarted => ({ type: 'WaveStarted', data: { sessionId: SESSION, wave, enemies: 6, enemyHealth: 40, at: at(s) } });
const waveCompleted = (wave: number, rewards: { playerId: string; gold: number }[], s = 15): WaveCompleted => ({
  type: 'WaveCompleted',
  data: {
    sessionId: SESSION,
    wave,
    enemies: 6,
    kills: 5,
    leaked: 1,
    damage: 200,
    livesLost: 1,
    livesLeft: 9,
    goldEarned: rewards.reduce((sum, r) => sum + r.gold, 0),
    rewards,
    scoreGained: 50,
    score: 50 * wave,
    at: at(s),
  },
});
const ended = (result: GameResult, s = 30): GameEnded => ({
  type: 'GameEnded',
  data: { sessionId: SESSION, result, reason: 'all waves cleared', finalWave: 3, score: 150, livesLeft: 7, endedBy: null, players: [], at: at(s) },
});

describe('game projection: game sessions', () => {
  describe('GameSessionCreated', () => {
    it('puts a lobby document, active, with the map and the balance-derived totals', () =>
      given()
        .when(game(created()))
        .thenWrites(
          put(GAME_SESSIONS, SESSION, {
            id: SESSION,
            status: 'LOBBY',
            active: 'yes',
            difficulty: 'NORMAL',
            maxPlayers: 4,
            hostId: alice.id,
            players: [],
            towers: [],
            currentWave: 0,
            totalWaves: testBalance.game.waves,
            lives: testBalance.game.startingLives,
            score: 0,
            version: 1,
            createdAt: at(0),
            createdAtMs: Date.parse(at(0)),
            map: { id: lane.id, name: lane.name, width: lane.width, height: lane.height, path: lane.path },
            result: null,
            endedAt: null,
            lastWave: null,
          } satisfies GameSessionView),
        ));

    it('lists the session in the active index', () => given().when(game(created())).thenQuery(GAME_SESSIONS, { where: { active: 'yes' } }, [SESSION]));

    it('lists active sessions newest first', () =>
      given(game(created())).when(otherGame({ ...created(), data: { ...created().data, sessionId: 'game-2', at: at(5) } })).thenQuery(
        GAME_SESSIONS,
        { where: { active: 'yes' }, orderBy: 'createdAt', direction: 'DESC' },
        ['game-2', SESSION],
      ));
  });

  describe('PlayerJoined', () => {
    it('adds the player with their starting gold and no towers, at the event version', () =>
      given(game(created()), game(joined(alice)))
        .when(game(joined(bob, 150, 1)))
        .thenDocument(GAME_SESSIONS, SESSION, {
          players: [
            { userId: alice.id, username: alice.name, gold: 200, towersPlaced: 0 },
            { userId: bob.id, username: bob.name, gold: 150, towersPlaced: 0 },
          ],
          version: 3,
        }));

    it('writes nothing for a session it never saw created', () => given().when(game(joined(alice))).thenNothing());
  });

  describe('TowerPlaced', () => {
    const setup = (...players: Who[]) => [game(created()), ...players.map((p) => game(joined(p)))];

    it('adds the tower and charges its owner only', () =>
      given(...setup(alice, bob))
        .when(game(placed(alice, 't1', 'ARROW', 2, 3, 50, 150)))
        .thenDocument(GAME_SESSIONS, SESSION, {
          towers: [{ id: 't1', towerType: 'ARROW', x: 2, y: 3, ownerId: alice.id }],
          players: [
            { userId: alice.id, gold: 150, towersPlaced: 1 },
            { userId: bob.id, gold: 200, towersPlaced: 0 },
          ],
          version: 4,
        }));

    it('keeps earlier towers, in placement order', () =>
      given(...setup(alice), game(placed(alice, 't1', 'ARROW', 2, 3, 50, 150)))
        .when(game(placed(alice, 't2', 'CANNON', 4, 1, 100, 50)))
        .thenDocument(GAME_SESSIONS, SESSION, {
          towers: [
            { id: 't1', towerType: 'ARROW', x: 2, y: 3 },
            { id: 't2', towerType: 'CANNON', x: 4, y: 1 },
          ],
          players: [{ userId: alice.id, gold: 50, towersPlaced: 2 }],
        }));
  });

  describe('waves', () => {
    it('WaveStarted makes the session ACTIVE at that wave, still in the active index', () =>
      given(game(created()), game(joined(alice)))
        .when(game(waveStarted(1)))
        .thenDocument(GAME_SESSIONS, SESSION, { status: 'ACTIVE', active: 'yes', currentWave: 1, version: 3 }));

    it('WaveStarted moves the session from the LOBBY to the ACTIVE status index', () =>
      given(game(created()), game(joined(alice))).when(game(waveStarted(1))).thenQuery(GAME_SESSIONS, { where: { status: 'ACTIVE' } }, [SESSION]));

    it('WaveCompleted records lives, team score, the wave summary and pays each player their share', () =>
      given(game(created()), game(joined(alice)), game(joined(bob)), game(placed(alice, 't1', 'ARROW', 2, 3, 50, 150)), game(waveStarted(1)))
        .when(
          game(
            waveCompleted(1, [
              { playerId: alice.id, gold: 13 },
              { playerId: bob.id, gold: 12 },
            ]),
          ),
        )
        .thenDocument(GAME_SESSIONS, SESSION, {
          lives: 9,
          score: 50,
          players: [
            { userId: alice.id, gold: 163 },
            { userId: bob.id, gold: 212 },
          ],
          lastWave: { wave: 1, enemies: 6, kills: 5, leaked: 1, goldEarned: 25, scoreGained: 50 },
          currentWave: 1,
        }));
  });

  describe('GameEnded', () => {
    const played = () => [game(created()), game(joined(alice)), game(waveStarted(1))];

    it('ends the session with its result, final score and lives', () =>
      given(...played())
        .when(game(ended('VICTORY')))
        .thenDocument(GAME_SESSIONS, SESSION, { status: 'ENDED', active: 'no', result: 'VICTORY', endedAt: at(30), score: 150, lives: 7, version: 4 }));

    it('leaves the active index and joins the ENDED status index', async () => {
      await given(...played()).when(game(ended('DEFEAT'))).thenQuery(GAME_SESSIONS, { where: { active: 'yes' } }, []);
      await given(...played()).when(game(ended('DEFEAT'))).thenQuery(GAME_SESSIONS, { where: { status: 'ENDED' } }, [SESSION]);
    });

    it('keeps the other sessions active', () =>
      given(...played(), otherGame({ ...created(), data: { ...created().data, sessionId: 'game-2' } }))
        .when(game(ended('ABANDONED')))
        .thenQuery(GAME_SESSIONS, { where: { active: 'yes' } }, ['game-2']));
  });
});

const totals = (t: Partial<PlayerTotals>): PlayerTotals => ({
  gamesPlayed: 1,
  wins: 0,
  losses: 0,
  highestWave: 0,
  towersPlaced: 0,
  totalScore: 0,
  experience: 0,
  level: 1,
  ...t,
});
const recorded = (p: Who, sessionId: string, t: Partial<PlayerTotals>, s = 40): GameRecorded => ({
  type: 'GameRecorded',
  data: {
    userId: p.id,
    username: p.name,
    sessionId,
    result: 'VICTORY',
    waveReached: 3,
    towersPlaced: 2,
    score: t.totalScore ?? 0,
    experienceGained: 0,
    leveledUp: false,
    totals: totals(t),
    at: at(s),
  },
});
const statsOf = (p: Who) => stream('player_stats', p.id);

describe('game projection: player stats and the leaderboard', () => {
  it('GameRecorded puts the player totals, name and last game time', () =>
    given()
      .when(statsOf(alice)(recorded(alice, 'g1', { wins: 1, highestWave: 3, towersPlaced: 2, totalScore: 120, experience: 142 })))
      .thenWrites(
        put(PLAYER_STATS, alice.id, {
          ...totals({ wins: 1, highestWave: 3, towersPlaced: 2, totalScore: 120, experience: 142 }),
          userId: alice.id,
          username: alice.name,
          lastPlayedAt: at(40),
        }),
      ));

  it('a later game replaces the totals (the aggregate carries them)', () =>
    given(statsOf(alice)(recorded(alice, 'g1', { totalScore: 120 })))
      .when(statsOf(alice)(recorded(alice, 'g2', { gamesPlayed: 2, totalScore: 200 }, 50)))
      .thenDocument(PLAYER_STATS, alice.id, { gamesPlayed: 2, totalScore: 200, lastPlayedAt: at(50) }));

  it('ranks players by total score, highest first', () =>
    given(statsOf(alice)(recorded(alice, 'g1', { totalScore: 120 })), statsOf(bob)(recorded(bob, 'g1', { totalScore: 300 })))
      .when(statsOf(alice)(recorded(alice, 'g2', { totalScore: 400 })))
      .thenQuery(PLAYER_STATS, { orderBy: 'totalScore', direction: 'DESC' }, [alice.id, bob.id], 'userId'));
});

const queue = stream('match_queue', 'NORMAL');
const requested = (p: Who, s = 0): MatchRequested => ({ type: 'MatchRequested', data: { difficulty: 'NORMAL', userId: p.id, username: p.name, at: at(s) } });
const cancelled = (p: Who, s = 5): MatchRequestCancelled => ({ type: 'MatchRequestCancelled', data: { difficulty: 'NORMAL', userId: p.id, at: at(s) } });
const formed = (players: Who[], s = 10): MatchFormed => ({
  type: 'MatchFormed',
  data: { difficulty: 'NORMAL', matchId: 'm1', sessionId: 'game-9', players: players.map((p) => ({ userId: p.id, username: p.name, requestedAt: at(0) })), at: at(s) },
});

describe('game projection: match requests', () => {
  it('MatchRequested puts a WAITING request', () =>
    given()
      .when(queue(requested(alice)))
      .thenWrites(put(MATCH_REQUESTS, alice.id, { userId: alice.id, difficulty: 'NORMAL', status: 'WAITING', requestedAt: at(0), matchId: null, sessionId: null })));

  it('MatchRequestCancelled marks it CANCELLED', () =>
    given(queue(requested(alice))).when(queue(cancelled(alice))).thenWrites(patch(MATCH_REQUESTS, alice.id, { status: 'CANCELLED' })));

  it('MatchFormed marks every matched player MATCHED with the match and its session', () =>
    given(queue(requested(alice)), queue(requested(bob, 1)))
      .when(queue(formed([alice, bob])))
      .thenWrites(
        patch(MATCH_REQUESTS, alice.id, { status: 'MATCHED', matchId: 'm1', sessionId: 'game-9' }),
        patch(MATCH_REQUESTS, bob.id, { status: 'MATCHED', matchId: 'm1', sessionId: 'game-9' }),
      ));

  it('only the players left waiting stay in the WAITING index', () =>
    given(queue(requested(alice)), queue(requested(bob, 1)), queue(requested({ id: 'carol', name: 'Carol' }, 2)))
      .when(queue(formed([alice, bob])))
      .thenQuery(MATCH_REQUESTS, { where: { status: 'WAITING' } }, ['carol'], 'userId'));
});

describe('game projection: what it ignores', () => {
  it('events of other aggregates', () => given().when(stream('user', 'u1')({ type: 'GameSessionCreated', data: created().data })).thenNothing());
  it('event types it does not handle', () => given(game(created())).when(game({ type: 'SessionStarted', data: {} })).thenNothing());
});
