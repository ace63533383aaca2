/**
 * Player stats (state-based aggregate, id = userId): one RecordGameResult per finished game,
 * sent by the process manager that reacts to GameEnded.
 *
 * Idempotent per sessionId: the process manager consumes an at-least-once log, so a game may be
 * reported twice. The second report decides nothing (no events, no error): a redelivery is not a
 * mistake the caller should have to catch.
 *
 * Experience and level (docs/waves.md, "Player progression"):
 *   experienceGained = 10 × waveReached + floor(score / 10) + (VICTORY ? 100 : 0)
 *   level            = floor(sqrt(experience / 100)) + 1      → level 2 at 100 xp, 3 at 400, 4 at 900
 * Wins count VICTORY; losses count DEFEAT and FORFEIT; ABANDONED (lobby) games count as played only.
 */
import { ValidationError, type FieldError } from '../../core/errors.js';
import { event, type Command, type Decider, type Event } from '../../core/messages.js';
import type { GameResult } from './gameSession.js';
import { requireTimestamp } from './time.js';

export const playerStatsSnapshotVersion = 'player_stats.v1';

const GAME_RESULTS: readonly GameResult[] = ['VICTORY', 'DEFEAT', 'ABANDONED', 'FORFEIT'];

export type RecordGameResult = Command<
  'RecordGameResult',
  { userId: string; username: string; sessionId: string; result: GameResult; waveReached: number; towersPlaced: number; score: number; at: string }
>;
export type PlayerStatsCommand = RecordGameResult;

export interface PlayerTotals {
  readonly gamesPlayed: number;
  readonly wins: number;
  readonly losses: number;
  readonly highestWave: number;
  readonly towersPlaced: number;
  readonly totalScore: number;
  readonly experience: number;
  readonly level: number;
}

/** The game as reported, the experience it earned, and the totals after it (what the leaderboard projects). */
export type GameRecorded = Event<
  'GameRecorded',
  {
    userId: string;
    username: string;
    sessionId: string;
    result: GameResult;
    waveReached: number;
    towersPlaced: number;
    score: number;
    experienceGained: number;
    leveledUp: boolean;
    totals: PlayerTotals;
    at: string;
  }
>;
export type PlayerStatsEvent = GameRecorded;

export type PlayerStatsState =
  | { readonly status: 'New' }
  | ({
      readonly status: 'Known';
      readonly userId: string;
      readonly username: string;
      /** Every game already counted. Grows by one id per game, which a player's lifetime keeps small. */
      readonly recordedSessions: readonly string[];
      readonly lastPlayedAt: string;
    } & PlayerTotals);

const ZERO: PlayerTotals = { gamesPlayed: 0, wins: 0, losses: 0, highestWave: 0, towersPlaced: 0, totalScore: 0, experience: 0, level: 1 };

/** Integer square root without trusting float rounding at the boundaries. */
const isqrt = (n: number): number => {
  let r = Math.floor(Math.sqrt(n));
  while (r * r > n) r--;
  while ((r + 1) * (r + 1) <= n) r++;
  return r;
};

export const levelFor = (experience: number): number => isqrt(Math.floor(experience / 100)) + 1;

export const experienceFor = (result: GameResult, waveReached: number, score: number): number =>
  10 * waveReached + Math.floor(score / 10) + (result === 'VICTORY' ? 100 : 0);

const validate = (d: RecordGameResult['data']): void => {
  const text = (field: string, v: unknown): FieldError[] => (typeof v === 'string' && v.trim().length > 0 ? [] : [{ field, message: `${field} is required` }]);
  const count = (field: string, v: unknown): FieldError[] =>
    Number.isSafeInteger(v) && (v as number) >= 0 ? [] : [{ field, message: `${field} must be a non-negative integer` }];
  const errors = [
    ...text('userId', d.userId),
    ...text('username', d.username),
    ...text('sessionId', d.sessionId),
    ...(GAME_RESULTS.includes(d.result) ? [] : [{ field: 'result', message: `result must be one of ${GAME_RESULTS.join(', ')}` }]),
    ...count('waveReached', d.waveReached),
    ...count('towersPlaced', d.towersPlaced),
    ...count('score', d.score),
  ];
  if (errors.length > 0) throw new ValidationError(errors.map((e) => e.message).join('; '), errors);
  requireTimestamp(d.at);
};

export const initialState = (): PlayerStatsState => ({ status: 'New' });

export const decide = (command: PlayerStatsCommand, state: PlayerStatsState): PlayerStatsEvent[] => {
  switch (command.type) {
    case 'RecordGameResult': {
      const d = command.data;
      validate(d);
      if (state.status === 'Known' && state.recordedSessions.includes(d.sessionId)) return [];
      const before = state.status === 'Known' ? state : ZERO;
      const experienceGained = experienceFor(d.result, d.waveReached, d.score);
      const experience = before.experience + experienceGained;
      const totals: PlayerTotals = {
        gamesPlayed: before.gamesPlayed + 1,
        wins: before.wins + (d.result === 'VICTORY' ? 1 : 0),
        losses: before.losses + (d.result === 'DEFEAT' || d.result === 'FORFEIT' ? 1 : 0),
        highestWave: Math.max(before.highestWave, d.waveReached),
        towersPlaced: before.towersPlaced + d.towersPlaced,
        totalScore: before.totalScore + d.score,
        experience,
        level: levelFor(experience),
      };
      const { userId, username, sessionId, result, waveReached, towersPlaced, score, at } = d;
      return [
        event<GameRecorded>('GameRecorded', {
          userId,
          username,
          sessionId,
          result,
          waveReached,
          towersPlaced,
          score,
          experienceGained,
          leveledUp: totals.level > before.level,
          totals,
          at,
        }),
      ];
    }
    default: {
      const unreachable: never = command.type;
      throw new Error(`unknown command ${String(unreachable)}`);
    }
  }
};

export const evolve = (state: PlayerStatsState, e: PlayerStatsEvent): PlayerStatsState => {
  switch (e.type) {
    case 'GameRecorded': {
      const { userId, username, sessionId, totals, at } = e.data;
      const recorded = state.status === 'Known' ? state.recordedSessions : [];
      if (recorded.includes(sessionId)) return state;
      return { status: 'Known', userId, username, recordedSessions: [...recorded, sessionId], lastPlayedAt: at, ...totals };
    }
    default: {
      const _unknown: never = e.type;
      return state;
    }
  }
};

export const playerStatsDecider: Decider<PlayerStatsCommand, PlayerStatsEvent, PlayerStatsState> = { decide, evolve, initialState };
