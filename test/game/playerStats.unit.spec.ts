import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import type { GameResult } from '../../src/game/domain/gameSession.js';
import {
  experienceFor,
  levelFor,
  playerStatsDecider,
  type GameRecorded,
  type PlayerTotals,
  type RecordGameResult,
} from '../../src/game/domain/playerStats.js';
import { deciderSpec } from '../support/deciderSpec.js';
import { at } from './gameFixtures.js';

const given = deciderSpec(playerStatsDecider);

interface Game {
  sessionId: string;
  result: GameResult;
  waveReached: number;
  towersPlaced: number;
  score: number;
}
const victory: Game = { sessionId: 'g1', result: 'VICTORY', waveReached: 10, towersPlaced: 6, score: 1500 };
const defeat: Game = { sessionId: 'g2', result: 'DEFEAT', waveReached: 3, towersPlaced: 2, score: 120 };

const record = (g: Game, s = 0): RecordGameResult => ({ type: 'RecordGameResult', data: { userId: 'alice', username: 'Alice', ...g, at: at(s) } });
const recorded = (g: Game, experienceGained: number, leveledUp: boolean, totals: PlayerTotals, s = 0): GameRecorded => ({
  type: 'GameRecorded',
  data: { userId: 'alice', username: 'Alice', ...g, experienceGained, leveledUp, totals, at: at(s) },
});

const afterVictory: PlayerTotals = { gamesPlayed: 1, wins: 1, losses: 0, highestWave: 10, towersPlaced: 6, totalScore: 1500, experience: 350, level: 2 };

describe('PlayerStats', () => {
  describe('New: no game recorded yet', () => {
    it('records a first victory: 10×10 waves + 1500/10 score + 100 for winning = 350 xp, level 2', () =>
      given()
        .when(record(victory))
        .then(recorded(victory, 350, true, afterVictory)));

    it('records a first defeat: 30 + 12 = 42 xp, still level 1', () =>
      given()
        .when(record(defeat))
        .then(
          recorded(defeat, 42, false, { gamesPlayed: 1, wins: 0, losses: 1, highestWave: 3, towersPlaced: 2, totalScore: 120, experience: 42, level: 1 }),
        ));

    it('counts an abandoned lobby as played, neither won nor lost', () =>
      given()
        .when(record({ sessionId: 'g3', result: 'ABANDONED', waveReached: 0, towersPlaced: 0, score: 0 }))
        .thenMatches(([e]) => expect(e?.data.totals).toMatchObject({ gamesPlayed: 1, wins: 0, losses: 0, experience: 0, level: 1 })));

    it('counts a forfeit as a loss', () =>
      given()
        .when(record({ ...defeat, result: 'FORFEIT' }))
        .thenMatches(([e]) => expect(e?.data.totals).toMatchObject({ wins: 0, losses: 1 })));

    it.each([
      ['result', { result: 'DRAW' as GameResult }],
      ['waveReached', { waveReached: -1 }],
      ['towersPlaced', { towersPlaced: 1.5 }],
      ['score', { score: Number.NaN }],
      ['sessionId', { sessionId: '' }],
    ])('refuses a bad %s', (field, change) =>
      given()
        .when(record({ ...victory, ...change }))
        .thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field })] }));

    it('refuses an unreadable timestamp', () =>
      given()
        .when({ ...record(victory), data: { ...record(victory).data, at: 'now' } })
        .thenThrows(ValidationError));
  });

  describe('Known: games already recorded', () => {
    it('adds a game to the totals; the highest wave is a maximum', () =>
      given(recorded(victory, 350, true, afterVictory))
        .when(record(defeat, 60))
        .then(
          recorded(
            defeat,
            42,
            false,
            { gamesPlayed: 2, wins: 1, losses: 1, highestWave: 10, towersPlaced: 8, totalScore: 1620, experience: 392, level: 2 },
            60,
          ),
        ));

    it('says when a game crosses a level threshold (400 xp → level 3)', () =>
      given(recorded(victory, 350, true, afterVictory))
        .when(record({ ...victory, sessionId: 'g4' }, 60))
        .thenMatches(([e]) => expect(e?.data).toMatchObject({ leveledUp: true, totals: { experience: 700, level: 3, wins: 2 } })));

    it('ignores a game it has already recorded (at-least-once delivery): no events, no error', () =>
      given(recorded(victory, 350, true, afterVictory))
        .when(record(victory, 90))
        .thenNothingHappened());

    it('folds the totals, the username and the recorded sessions', () =>
      expect(given(recorded(victory, 350, true, afterVictory)).state()).toEqual({
        status: 'Known',
        userId: 'alice',
        username: 'Alice',
        recordedSessions: ['g1'],
        lastPlayedAt: at(0),
        ...afterVictory,
      }));

    it('folds a duplicate event only once', () => {
      const once = given(recorded(victory, 350, true, afterVictory)).state();
      expect(given(recorded(victory, 350, true, afterVictory), recorded(victory, 350, true, afterVictory)).state()).toEqual(once);
    });
  });

  describe('progression formulas (docs/waves.md)', () => {
    it.each([
      [0, 1],
      [99, 1],
      [100, 2],
      [399, 2],
      [400, 3],
      [899, 3],
      [900, 4],
      [10_000, 11],
    ])('%i xp is level %i', (xp, level) => expect(levelFor(xp)).toBe(level));

    it('experience = 10 × wave + score / 10 + 100 for a victory', () => {
      expect(experienceFor('VICTORY', 10, 1505)).toBe(350);
      expect(experienceFor('DEFEAT', 4, 9)).toBe(40);
    });
  });
});
