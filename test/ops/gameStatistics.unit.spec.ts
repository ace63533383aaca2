import { describe, expect, it } from 'vitest';
import type { GameEventLike } from '../../src/ops/domain/gameStatistics.js';
import { applyGameEvent, foldGameStatistics, initialGameStatistics, summarizeGameStatistics } from '../../src/ops/domain/gameStatistics.js';

const created = (id: string, difficulty: string): GameEventLike => ({ aggregateId: id, eventType: 'GameSessionCreated', data: { sessionId: id, difficulty } });
const tower = (id: string, towerType: string): GameEventLike => ({ aggregateId: id, eventType: 'TowerPlaced', data: { towerType } });
const wave = (id: string, n: number): GameEventLike => ({ aggregateId: id, eventType: 'WaveCompleted', data: { wave: n } });
const ended = (id: string, result: string): GameEventLike => ({ aggregateId: id, eventType: 'GameEnded', data: { result } });
const joined = (id: string): GameEventLike => ({ aggregateId: id, eventType: 'PlayerJoined', data: { playerId: 'p' } });

// g1 EASY: won after 3 waves · g2 EASY: lost after 1 · g3 HARD: abandoned after 1
// g4 NORMAL: running after 1 wave · g5 NORMAL: in the lobby · g0: ended, but created before this history began.
const history: GameEventLike[] = [
  created('g1', 'EASY'),
  joined('g1'),
  tower('g1', 'ARROW'),
  tower('g1', 'ARROW'),
  created('g2', 'EASY'),
  wave('g1', 1),
  wave('g2', 1),
  wave('g1', 2),
  ended('g2', 'DEFEAT'),
  wave('g1', 3),
  ended('g1', 'VICTORY'),
  created('g3', 'HARD'),
  tower('g3', 'SNIPER'),
  wave('g3', 1),
  ended('g3', 'ABANDONED'),
  created('g4', 'NORMAL'),
  tower('g4', 'CANNON'),
  wave('g4', 1),
  created('g5', 'NORMAL'),
  ended('g0', 'VICTORY'),
];

describe('the GameStatistics fold', () => {
  it('works out the dashboard numbers', () =>
    expect(summarizeGameStatistics(foldGameStatistics(history))).toEqual({
      gamesCreated: 5,
      gamesActive: 2,
      gamesEnded: 4,
      // EASY: 1 win of 2; HARD: 0 of 1; NORMAL: none ended. g0's difficulty is unknown, so it weighs on none.
      winRateByDifficulty: { EASY: 0.5, NORMAL: 0, HARD: 0 },
      towersByType: { ARROW: 2, SNIPER: 1, CANNON: 1 },
      // (3 + 1 + 1) / 3 games seen from creation to end.
      averageWaveReached: 5 / 3,
    }));

  it('is all zeros with no games', () =>
    expect(summarizeGameStatistics(initialGameStatistics())).toEqual({
      gamesCreated: 0,
      gamesActive: 0,
      gamesEnded: 0,
      winRateByDifficulty: { EASY: 0, NORMAL: 0, HARD: 0 },
      towersByType: {},
      averageWaveReached: 0,
    }));

  it('folds incrementally: two halves give the same state as the whole', () =>
    expect(foldGameStatistics(history.slice(9), foldGameStatistics(history.slice(0, 9)))).toEqual(foldGameStatistics(history)));

  it('keeps only running games in its state, and survives a JSON round trip', () => {
    const state = foldGameStatistics(history);
    expect(Object.keys(state.open).sort()).toEqual(['g4', 'g5']);
    expect(summarizeGameStatistics(JSON.parse(JSON.stringify(state)))).toEqual(summarizeGameStatistics(state));
  });

  it('counts a game lost before completing any wave as reaching wave 0', () =>
    expect(summarizeGameStatistics(foldGameStatistics([created('g1', 'HARD'), ended('g1', 'DEFEAT')])).averageWaveReached).toBe(0));

  it('keeps the highest wave when waves arrive out of order', () =>
    expect(summarizeGameStatistics(foldGameStatistics([created('g1', 'EASY'), wave('g1', 2), wave('g1', 1), ended('g1', 'DEFEAT')])).averageWaveReached).toBe(2));

  it('does not count a running game twice when its creation is seen again', () => {
    const state = foldGameStatistics([created('g1', 'EASY'), wave('g1', 2)]);
    expect(applyGameEvent(state, created('g1', 'EASY'))).toBe(state);
  });

  it('ignores events it does not know and malformed data', () => {
    const state = foldGameStatistics([created('g1', 'EASY')]);
    expect(applyGameEvent(state, joined('g1'))).toBe(state);
    expect(applyGameEvent(state, { aggregateId: 'g1', eventType: 'TowerPlaced', data: null })).toBe(state);
    expect(applyGameEvent(state, { aggregateId: 'g1', eventType: 'WaveCompleted', data: { wave: 'three' } })).toBe(state);
  });

  it('counts a game of an unknown difficulty without weighing on any win rate', () =>
    expect(summarizeGameStatistics(foldGameStatistics([created('g1', 'NIGHTMARE'), ended('g1', 'VICTORY')]))).toMatchObject({
      gamesEnded: 1,
      winRateByDifficulty: { EASY: 0, NORMAL: 0, HARD: 0 },
    }));
});
