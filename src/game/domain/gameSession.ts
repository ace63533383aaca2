/**
 * GameSession (hybrid aggregate): lobby → active → ended.
 *
 * Everything a game needs to replay identically travels in its events: the map and the balance
 * snapshot are copied into GameSessionCreated, waves are resolved by the pure formula in
 * waves.ts, and time comes from the commands. Rules live in gameSessionRules.ts.
 */
import type { Command, Decider, Event } from '../../core/messages.js';
import type { BalanceSnapshot, Difficulty, GameMap, TowerType } from './balance.js';
import { createGame, endGame, joinGame, placeTower, startWave } from './gameSessionRules.js';
import type { GoldShare, PlacedTower } from './waves.js';

/** Bump when the state's shape changes: stored snapshots/state of another version are rebuilt from events. */
export const gameSessionSnapshotVersion = 'game_session.v1';

export type GameResult = 'VICTORY' | 'DEFEAT' | 'ABANDONED' | 'FORFEIT';

// ── commands ────────────────────────────────────────────────────────────────────────────────

export type CreateGameSession = Command<
  'CreateGameSession',
  {
    sessionId: string;
    hostId: string;
    hostName: string;
    difficulty: Difficulty;
    maxPlayers: number;
    /** Resolved by the caller (requested or default map). */
    map: GameMap;
    /** The balance in force when the game is created; the game keeps it for good. */
    balance: BalanceSnapshot;
    at: string;
  }
>;
export type JoinGameSession = Command<'JoinGameSession', { sessionId: string; playerId: string; playerName: string; at: string }>;
export type PlaceTower = Command<
  'PlaceTower',
  { sessionId: string; playerId: string; towerId: string; towerType: TowerType; x: number; y: number; at: string }
>;
export type StartWave = Command<'StartWave', { sessionId: string; playerId: string; at: string }>;
export type EndGame = Command<'EndGame', { sessionId: string; playerId: string; isAdmin: boolean; reason?: string | null; at: string }>;

export type GameSessionCommand = CreateGameSession | JoinGameSession | PlaceTower | StartWave | EndGame;

// ── events ──────────────────────────────────────────────────────────────────────────────────

export type GameSessionCreated = Event<
  'GameSessionCreated',
  { sessionId: string; hostId: string; difficulty: Difficulty; maxPlayers: number; map: GameMap; balance: BalanceSnapshot; lives: number; at: string }
>;
/** Also emitted for the host at creation. `gold` is the player's starting gold. */
export type PlayerJoined = Event<'PlayerJoined', { sessionId: string; playerId: string; playerName: string; gold: number; at: string }>;
export type TowerPlaced = Event<
  'TowerPlaced',
  { sessionId: string; playerId: string; towerId: string; towerType: TowerType; x: number; y: number; cost: number; goldLeft: number; at: string }
>;
export type WaveStarted = Event<'WaveStarted', { sessionId: string; wave: number; enemies: number; enemyHealth: number; at: string }>;
export type WaveCompleted = Event<
  'WaveCompleted',
  {
    sessionId: string;
    wave: number;
    enemies: number;
    kills: number;
    leaked: number;
    /** Damage that landed (capacity capped at the wave's total health). */
    damage: number;
    livesLost: number;
    livesLeft: number;
    goldEarned: number;
    /** goldEarned split per player, in join order. */
    rewards: GoldShare[];
    scoreGained: number;
    /** Team score after this wave. */
    score: number;
    at: string;
  }
>;
export type GameEnded = Event<
  'GameEnded',
  {
    sessionId: string;
    result: GameResult;
    reason: string;
    /** Last wave played (0 when the game ended in the lobby). */
    finalWave: number;
    score: number;
    livesLeft: number;
    /** Who ended it (EndGame), null when a wave did. */
    endedBy: string | null;
    /** What the player-stats process manager needs, so it never reads the session. */
    players: { playerId: string; playerName: string; towersPlaced: number }[];
    at: string;
  }
>;

export type GameSessionEvent = GameSessionCreated | PlayerJoined | TowerPlaced | WaveStarted | WaveCompleted | GameEnded;

// ── state ───────────────────────────────────────────────────────────────────────────────────

export interface SessionPlayer {
  readonly playerId: string;
  readonly playerName: string;
  readonly gold: number;
  readonly towersPlaced: number;
  readonly joinedAt: string;
}

export interface Board {
  readonly sessionId: string;
  readonly hostId: string;
  readonly difficulty: Difficulty;
  readonly maxPlayers: number;
  readonly map: GameMap;
  readonly balance: BalanceSnapshot;
  /** In join order: the order breaks ties in the gold split. */
  readonly players: readonly SessionPlayer[];
  readonly towers: readonly PlacedTower[];
  /** Waves played so far (0 in the lobby). */
  readonly currentWave: number;
  readonly lives: number;
  readonly score: number;
  readonly createdAt: string;
}

export type Lobby = { readonly status: 'Lobby' } & Board;
export type Active = { readonly status: 'Active'; readonly startedAt: string } & Board;
export type Ended = {
  readonly status: 'Ended';
  readonly result: GameResult;
  readonly reason: string;
  /** Null when the game ended in the lobby. */
  readonly startedAt: string | null;
  readonly endedAt: string;
} & Board;
export type GameSessionState = { readonly status: 'None' } | Lobby | Active | Ended;

// ── decider ─────────────────────────────────────────────────────────────────────────────────

export const initialState = (): GameSessionState => ({ status: 'None' });

export const decide = (command: GameSessionCommand, state: GameSessionState): GameSessionEvent[] => {
  switch (command.type) {
    case 'CreateGameSession':
      return createGame(command.data, state);
    case 'JoinGameSession':
      return [joinGame(command.data, state)];
    case 'PlaceTower':
      return [placeTower(command.data, state)];
    case 'StartWave':
      return startWave(command.data, state);
    case 'EndGame':
      return [endGame(command.data, state)];
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${String((unreachable as Command).type)}`);
    }
  }
};

/** Folds facts; an event that does not fit the state (it cannot happen) leaves the state as it is. */
export const evolve = (state: GameSessionState, event: GameSessionEvent): GameSessionState => {
  switch (event.type) {
    case 'GameSessionCreated': {
      if (state.status !== 'None') return state;
      const { sessionId, hostId, difficulty, maxPlayers, map, balance, lives, at } = event.data;
      return { status: 'Lobby', sessionId, hostId, difficulty, maxPlayers, map, balance, players: [], towers: [], currentWave: 0, lives, score: 0, createdAt: at };
    }
    case 'PlayerJoined': {
      if (state.status !== 'Lobby' || state.players.some((p) => p.playerId === event.data.playerId)) return state;
      const { playerId, playerName, gold, at } = event.data;
      return { ...state, players: [...state.players, { playerId, playerName, gold, towersPlaced: 0, joinedAt: at }] };
    }
    case 'TowerPlaced': {
      if (state.status !== 'Lobby' && state.status !== 'Active') return state;
      const { playerId, towerId, towerType, x, y, cost } = event.data;
      return {
        ...state,
        towers: [...state.towers, { towerId, towerType, x, y, ownerId: playerId }],
        players: state.players.map((p) => (p.playerId === playerId ? { ...p, gold: p.gold - cost, towersPlaced: p.towersPlaced + 1 } : p)),
      };
    }
    case 'WaveStarted': {
      if (state.status === 'Lobby') return { ...state, status: 'Active', startedAt: event.data.at, currentWave: event.data.wave };
      if (state.status === 'Active') return { ...state, currentWave: event.data.wave };
      return state;
    }
    case 'WaveCompleted': {
      if (state.status !== 'Active') return state;
      const reward = new Map(event.data.rewards.map((r) => [r.playerId, r.gold]));
      return {
        ...state,
        lives: event.data.livesLeft,
        score: event.data.score,
        players: state.players.map((p) => ({ ...p, gold: p.gold + (reward.get(p.playerId) ?? 0) })),
      };
    }
    case 'GameEnded': {
      if (state.status !== 'Lobby' && state.status !== 'Active') return state;
      const { result, reason, at } = event.data;
      return { ...state, status: 'Ended', result, reason, startedAt: state.status === 'Active' ? state.startedAt : null, endedAt: at };
    }
    default: {
      // Exhaustive at compile time; at run time an unknown event type (a newer writer) is skipped.
      const _unknown: never = event;
      return state;
    }
  }
};

export const gameSessionDecider: Decider<GameSessionCommand, GameSessionEvent, GameSessionState> = { decide, evolve, initialState };
