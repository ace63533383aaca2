/**
 * GameStatistics: a pure fold of game events into the numbers the ops dashboard shows. It is a
 * read model, not an aggregate: the projection feeds it envelopes from the partition logs and
 * owns idempotency (at-least-once delivery; skip versions already applied per game session).
 *
 * The event shapes are structural and minimal on purpose: ops reads only the fields it needs
 * and does not depend on the game context's modules. Unknown event types are ignored, so the
 * projection may pass every event it sees.
 */

export const difficulties = ['EASY', 'NORMAL', 'HARD'] as const;
export type Difficulty = (typeof difficulties)[number];

/** The `result` of GameEnded that counts as a win; every other result (defeat, abandon…) does not. */
export const victoryResult = 'VICTORY';

/** Any stored event: an EventEnvelope fits, so does a plain `{ aggregateId, eventType, data }`. */
export interface GameEventLike {
  /** The game session id: statistics follow each session from creation to end. */
  readonly aggregateId: string;
  readonly eventType: string;
  readonly data: unknown;
}

interface OpenGame {
  readonly difficulty: Difficulty | null;
  /** Highest wave completed so far. */
  readonly wave: number;
}

interface DifficultyTally {
  readonly ended: number;
  readonly won: number;
}

/** JSON-serialisable so the projection can store it as is. */
export interface GameStatisticsState {
  readonly gamesCreated: number;
  readonly gamesEnded: number;
  readonly byDifficulty: Readonly<Record<Difficulty, DifficultyTally>>;
  readonly towersByType: Readonly<Record<string, number>>;
  /** Sum over ended games seen from their creation of the highest wave each completed… */
  readonly wavesReachedTotal: number;
  /** …and how many such games there are (the average's denominator). */
  readonly wavesReachedGames: number;
  /**
   * Games not ended yet. Ended games leave this map (their numbers are in the tallies). A lobby
   * nobody ends stays open forever, so the projection never stores this map whole: each open
   * game is a document of its own, and the fold sees only the game an event is about.
   */
  readonly open: Readonly<Record<string, OpenGame>>;
}

export interface GameStatistics {
  readonly gamesCreated: number;
  /** Created and not ended: lobbies and running games. */
  readonly gamesActive: number;
  readonly gamesEnded: number;
  /** Wins / ended games of that difficulty, 0..1 (0 when none ended). */
  readonly winRateByDifficulty: Readonly<Record<Difficulty, number>>;
  readonly towersByType: Readonly<Record<string, number>>;
  /** Mean over ended games of the highest wave completed (a game lost in wave 1 reached 0). */
  readonly averageWaveReached: number;
}

export const initialGameStatistics = (): GameStatisticsState => ({
  gamesCreated: 0,
  gamesEnded: 0,
  byDifficulty: { EASY: { ended: 0, won: 0 }, NORMAL: { ended: 0, won: 0 }, HARD: { ended: 0, won: 0 } },
  towersByType: {},
  wavesReachedTotal: 0,
  wavesReachedGames: 0,
  open: {},
});

const field = (data: unknown, name: string): unknown =>
  typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;

const asDifficulty = (value: unknown): Difficulty | null =>
  typeof value === 'string' && (difficulties as readonly string[]).includes(value) ? (value as Difficulty) : null;

const without = <V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> => {
  const { [key]: _removed, ...rest } = record;
  return rest;
};

export const applyGameEvent = (state: GameStatisticsState, event: GameEventLike): GameStatisticsState => {
  const id = event.aggregateId;
  switch (event.eventType) {
    case 'GameSessionCreated': {
      if (state.open[id]) return state;
      return {
        ...state,
        gamesCreated: state.gamesCreated + 1,
        open: { ...state.open, [id]: { difficulty: asDifficulty(field(event.data, 'difficulty')), wave: 0 } },
      };
    }
    case 'TowerPlaced': {
      const towerType = field(event.data, 'towerType');
      if (typeof towerType !== 'string') return state;
      return { ...state, towersByType: { ...state.towersByType, [towerType]: (state.towersByType[towerType] ?? 0) + 1 } };
    }
    case 'WaveCompleted': {
      const game = state.open[id];
      const wave = field(event.data, 'wave');
      if (!game || typeof wave !== 'number' || wave <= game.wave) return state;
      return { ...state, open: { ...state.open, [id]: { ...game, wave } } };
    }
    case 'GameEnded': {
      // A game created before the projection's history began is unknown: it still counts as
      // ended, but without its difficulty and waves it weighs on no rate or average.
      const known = state.open[id];
      const game = known ?? { difficulty: null, wave: 0 };
      const won = field(event.data, 'result') === victoryResult;
      const byDifficulty =
        game.difficulty === null
          ? state.byDifficulty
          : {
              ...state.byDifficulty,
              [game.difficulty]: { ended: state.byDifficulty[game.difficulty].ended + 1, won: state.byDifficulty[game.difficulty].won + (won ? 1 : 0) },
            };
      return {
        ...state,
        gamesEnded: state.gamesEnded + 1,
        byDifficulty,
        wavesReachedTotal: state.wavesReachedTotal + game.wave,
        wavesReachedGames: state.wavesReachedGames + (known ? 1 : 0),
        open: without(state.open, id),
      };
    }
    default:
      return state;
  }
};

export const foldGameStatistics = (events: readonly GameEventLike[], state: GameStatisticsState = initialGameStatistics()): GameStatisticsState =>
  events.reduce(applyGameEvent, state);

const rate = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

export const summarizeGameStatistics = (state: GameStatisticsState): GameStatistics => ({
  gamesCreated: state.gamesCreated,
  gamesActive: Object.keys(state.open).length,
  gamesEnded: state.gamesEnded,
  winRateByDifficulty: {
    EASY: rate(state.byDifficulty.EASY.won, state.byDifficulty.EASY.ended),
    NORMAL: rate(state.byDifficulty.NORMAL.won, state.byDifficulty.NORMAL.ended),
    HARD: rate(state.byDifficulty.HARD.won, state.byDifficulty.HARD.ended),
  },
  towersByType: state.towersByType,
  averageWaveReached: rate(state.wavesReachedTotal, state.wavesReachedGames),
});
