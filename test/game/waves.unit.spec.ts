/**
 * The wave formula. Every number here is a worked example of docs/waves.md: change one and the
 * documentation must change with it.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/messages.js';
import { gameSessionDecider, type GameSessionCommand, type GameSessionEvent } from '../../src/game/domain/gameSession.js';
import {
  coveredPathCells,
  damageCapacity,
  resolveWave,
  slowByCell,
  splitGold,
  waveStrength,
  type PlacedTower,
  type WaveInput,
} from '../../src/game/domain/waves.js';
import type { TowerType } from '../../src/game/domain/balance.js';
import { alice, asPrepared, bob, carol, create, dave, defaultBalance, join, lane, meadow, place, startWave, testBalance } from './gameFixtures.js';

const tower = (towerType: TowerType, x: number, y: number, towerId = `${towerType}@${x},${y}`): PlacedTower => ({ towerId, towerType, x, y, ownerId: 'alice' });
const onLane = (towers: PlacedTower[], over: Partial<WaveInput> = {}): WaveInput => ({
  balance: testBalance,
  difficulty: 'NORMAL',
  map: lane,
  towers,
  playerIds: ['alice'],
  wave: 1,
  lives: 10,
  score: 0,
  ...over,
});

/** Plays commands through the decider as the server would, returning every event, until the game ends. */
const play = (commands: GameSessionCommand[]): GameSessionEvent[] => {
  const events: GameSessionEvent[] = [];
  let state = gameSessionDecider.initialState();
  for (const c of commands) {
    if (state.status === 'Ended') break;
    const decided = gameSessionDecider.decide(asPrepared(c, state), state);
    state = decided.reduce(gameSessionDecider.evolve, state);
    events.push(...decided);
  }
  return events;
};
const waves = (n: number, who = alice) => Array.from({ length: n }, (_, i) => startWave(who, 100 + i));
const last = (events: GameSessionEvent[]) => events[events.length - 1];
const completed = (events: GameSessionEvent[]) => events.filter((e): e is Extract<GameSessionEvent, { type: 'WaveCompleted' }> => e.type === 'WaveCompleted');

describe('wave strength', () => {
  it.each([
    ['NORMAL', 1, 6, 40],
    ['NORMAL', 10, 24, 400],
    ['EASY', 1, 4, 30],
    ['EASY', 10, 19, 300],
    ['HARD', 10, 30, 560],
  ] as const)('default balance, %s wave %i: %i enemies with %i health', (difficulty, wave, enemies, enemyHealth) =>
    expect(waveStrength(defaultBalance, difficulty, wave)).toEqual({ enemies, enemyHealth }));

  it('never drops below one enemy with one health', () => {
    const tiny = { ...testBalance, difficulties: { ...testBalance.difficulties, EASY: { enemyCountPercent: 1, enemyHealthPercent: 1, scorePercent: 1 } } };
    expect(waveStrength(tiny, 'EASY', 1)).toEqual({ enemies: 1, enemyHealth: 1 });
  });
});

describe('path coverage', () => {
  it('counts the path cells within a Euclidean range', () => {
    expect(coveredPathCells(lane.path, 3, 1, 2)).toEqual([2, 3, 4]);
    expect(coveredPathCells(lane.path, 3, 0, 2)).toEqual([3]);
    expect(coveredPathCells(lane.path, 3, 0, 5)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(coveredPathCells(meadow.path, 5, 3, 5)).toHaveLength(22);
  });

  it('slows a cell by the strongest FROST covering it; slows do not stack', () => {
    const slow = slowByCell(testBalance, lane.path, [tower('FROST', 3, 1), tower('FROST', 3, 3), tower('ARROW', 5, 1)]);
    expect(slow).toEqual([0, 0, 50, 50, 50, 0, 0]);
  });
});

describe('worked examples (docs/waves.md)', () => {
  it('1. one ARROW: 3 of 4 killed, one leaks', () =>
    expect(resolveWave(onLane([tower('ARROW', 3, 1)]))).toEqual({
      wave: 1,
      enemies: 4,
      enemyHealth: 30,
      damage: 96,
      kills: 3,
      leaked: 1,
      livesLost: 1,
      livesLeft: 9,
      goldEarned: 15,
      rewards: [{ playerId: 'alice', gold: 15 }],
      scoreGained: 30,
      score: 30,
      outcome: null,
    }));

  it('2. a FROST beside it slows the enemies: the ARROW shoots 50% longer and all 4 die', () => {
    const towers = [tower('ARROW', 3, 1), tower('FROST', 3, 3)];
    expect(damageCapacity(testBalance, lane.path, towers, 4)).toBe(198n);
    expect(resolveWave(onLane(towers))).toMatchObject({ kills: 4, leaked: 0, damage: 120, livesLeft: 10 });
  });

  it('3. a CANNON’s splash hits 3 enemies per shot', () => {
    expect(damageCapacity(testBalance, lane.path, [tower('CANNON', 3, 1)], 4)).toBe(230n);
    expect(resolveWave(onLane([tower('CANNON', 3, 1)]))).toMatchObject({ kills: 4 });
    expect(resolveWave(onLane([tower('CANNON', 3, 1)], { wave: 3 }))).toMatchObject({ enemies: 8, enemyHealth: 50, damage: 400, kills: 8 });
  });

  it('3b. splash never hits more enemies than the wave has', () => {
    const oneEnemy = { ...testBalance, game: { ...testBalance.game, enemies: { base: 1, perWave: 0 } } };
    expect(damageCapacity(oneEnemy, lane.path, [tower('CANNON', 3, 1)], 1)).toBe(19n); // 1×300×4×16×1 / 1000
  });

  it('4. a SNIPER two rows away still covers the whole lane', () =>
    expect(damageCapacity(testBalance, lane.path, [tower('SNIPER', 3, 0)], 4)).toBe(168n));

  it('5. HARD: 5 enemies with 42 health; 2 killed; score doubled', () =>
    expect(resolveWave(onLane([tower('ARROW', 3, 1)], { difficulty: 'HARD' }))).toMatchObject({
      enemies: 5,
      enemyHealth: 42,
      damage: 120,
      kills: 2,
      leaked: 3,
      scoreGained: 40,
    }));

  it('6. gold is split equally, the remainder to the earliest joiner', () => {
    expect(splitGold(20, ['alice', 'bob', 'carol'])).toEqual([
      { playerId: 'alice', gold: 8 },
      { playerId: 'bob', gold: 6 },
      { playerId: 'carol', gold: 6 },
    ]);
    expect(splitGold(0, ['alice', 'bob'])).toEqual([
      { playerId: 'alice', gold: 0 },
      { playerId: 'bob', gold: 0 },
    ]);
    expect(splitGold(5, [])).toEqual([]);
  });

  it('7. default balance, meadow, wave 4, one SNIPER at (5,3): 9 of 12 killed', () =>
    expect(
      resolveWave({ balance: defaultBalance, difficulty: 'NORMAL', map: meadow, towers: [tower('SNIPER', 5, 3)], playerIds: ['alice'], wave: 4, lives: 20, score: 0 }),
    ).toMatchObject({ enemies: 12, enemyHealth: 160, damage: 1584, kills: 9, leaked: 3, livesLeft: 17 }));
});

describe('end of game', () => {
  it('leaks never take lives below zero, and no lives left is a defeat', () =>
    expect(resolveWave(onLane([], { lives: 2 }))).toMatchObject({ leaked: 4, livesLost: 2, livesLeft: 0, outcome: 'DEFEAT' }));

  it('surviving the final wave is a victory', () =>
    expect(resolveWave(onLane([tower('CANNON', 3, 1)], { wave: 3 }))).toMatchObject({ livesLeft: 10, outcome: 'VICTORY' }));

  it('surviving the final wave with leaks but lives left is still a victory', () =>
    expect(resolveWave(onLane([tower('ARROW', 3, 1)], { wave: 3 }))).toMatchObject({ kills: 3, leaked: 5, livesLeft: 5, outcome: 'VICTORY' }));

  it('losing the last lives on the final wave is a defeat', () =>
    expect(resolveWave(onLane([], { wave: 3, lives: 8 }))).toMatchObject({ livesLeft: 0, outcome: 'DEFEAT' }));
});

describe('whole games through the decider', () => {
  it('lane: an ARROW and a CANNON win all 3 waves without a leak → VICTORY', () => {
    const events = play([create(), place(alice, 'a', 'ARROW', 3, 1), place(alice, 'c', 'CANNON', 3, 3), ...waves(3)]);
    expect(completed(events).map((e) => [e.data.wave, e.data.kills, e.data.leaked])).toEqual([
      [1, 4, 0],
      [2, 6, 0],
      [3, 8, 0],
    ]);
    expect(last(events)).toMatchObject({ type: 'GameEnded', data: { result: 'VICTORY', finalWave: 3, score: 180, livesLeft: 10, endedBy: null } });
  });

  it('lane: no towers → every enemy leaks, DEFEAT in wave 2', () => {
    const events = play([create(), ...waves(2)]);
    expect(events.map((e) => e.type)).toEqual(['GameSessionCreated', 'PlayerJoined', 'WaveStarted', 'WaveCompleted', 'WaveStarted', 'WaveCompleted', 'GameEnded']);
    expect(last(events)).toMatchObject({ data: { result: 'DEFEAT', finalWave: 2, score: 0, livesLeft: 0, reason: 'No lives left after wave 2' } });
  });

  it('default balance, meadow, NORMAL: four players with a SNIPER each win all 10 waves', () => {
    const events = play([
      create({ map: meadow, balance: defaultBalance }),
      join(bob),
      join(carol),
      join(dave),
      place(alice, 's1', 'SNIPER', 5, 3),
      place(bob, 's2', 'SNIPER', 5, 4),
      place(carol, 's3', 'SNIPER', 6, 4),
      place(dave, 's4', 'SNIPER', 5, 2),
      ...waves(10, carol),
    ]);
    expect(completed(events).every((e) => e.data.leaked === 0)).toBe(true);
    expect(last(events)).toMatchObject({
      type: 'GameEnded',
      data: {
        result: 'VICTORY',
        finalWave: 10,
        score: 1500,
        livesLeft: 20,
        players: [
          { playerId: 'alice', towersPlaced: 1 },
          { playerId: 'bob', towersPlaced: 1 },
          { playerId: 'carol', towersPlaced: 1 },
          { playerId: 'dave', towersPlaced: 1 },
        ],
      },
    });
  });

  it('default balance, meadow, NORMAL: no towers → DEFEAT in wave 3', () => {
    const events = play([create({ map: meadow, balance: defaultBalance }), ...waves(3)]);
    expect(completed(events).map((e) => e.data.livesLeft)).toEqual([14, 6, 0]);
    expect(last(events)).toMatchObject({ data: { result: 'DEFEAT', finalWave: 3 } });
  });

  it('a wave that ends the game emits exactly [WaveStarted, WaveCompleted, GameEnded]', () => {
    const events = play([create(), ...waves(1)]);
    const state = events.reduce(gameSessionDecider.evolve, gameSessionDecider.initialState());
    expect(gameSessionDecider.decide(startWave(alice, 200), state).map((e) => e.type)).toEqual(['WaveStarted', 'WaveCompleted', 'GameEnded']);
  });
});

describe('determinism', () => {
  const game = (): Command[] => [
    create({ map: meadow, balance: defaultBalance, difficulty: 'HARD' }),
    join(bob),
    join(carol),
    place(alice, 'a1', 'ARROW', 8, 2),
    place(bob, 'f1', 'FROST', 8, 3),
    place(carol, 'c1', 'CANNON', 3, 6),
    ...waves(4),
    place(bob, 's1', 'SNIPER', 5, 3, 300),
    ...waves(6),
  ];

  it('same commands → identical events, byte for byte', () => {
    const first = play(game() as GameSessionCommand[]);
    const second = play(game() as GameSessionCommand[]);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    // A mixed game: towers bought mid-game, leaks from wave 4, lost in wave 9 (pins the formula end to end).
    expect(last(first)).toMatchObject({ type: 'GameEnded', data: { result: 'DEFEAT', finalWave: 9, score: 2520 } });
  });

  it('events carry integers only', () => {
    const numbers: number[] = [];
    JSON.stringify(play(game() as GameSessionCommand[]), (_k, v: unknown) => (typeof v === 'number' && numbers.push(v), v));
    expect(numbers.every(Number.isSafeInteger)).toBe(true);
  });

  it('the order in which towers were placed does not matter', () => {
    const towers = [tower('ARROW', 3, 1), tower('FROST', 3, 3), tower('CANNON', 5, 1), tower('SNIPER', 0, 0)];
    expect(resolveWave(onLane([...towers].reverse(), { wave: 3 }))).toEqual(resolveWave(onLane(towers, { wave: 3 })));
  });
});
