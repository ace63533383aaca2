/**
 * The GameSession's data: its commands, events and state (a union by status). The decider
 * (gameSession.ts) and its rules (gameSessionRules.ts) both build on these, so they live apart
 * from both and neither file imports the other's importer.
 */
import type { Command, Event } from '../../core/messages.js';
import type { BalanceSnapshot, BalanceVersion, Cell, Difficulty, GameMap, TowerType } from './balance.js';
import type { GoldShare, PlacedTower } from './waves.js';

/**
 * Bump when the state's shape changes: stored snapshots/state of another version are rebuilt from events.
 * v2: the balance by reference (`balanceId`, `totalWaves`) instead of the whole snapshot.
 */
export const gameSessionSnapshotVersion = 'game_session.v2';

/**
 * Current schema version of the events whose shape changed (default 1), each upcast from older
 * versions by ../upcasters.ts (docs/evolution.md):
 * - GameSessionCreated v2 carries `balanceId` + `totalWaves`; v1 embedded the whole balance.
 * - TowerPlaced v2 carries the tower's `cell` ({ x, y }, the shape of the map's path); v1 had only
 *   the flat `x` and `y`, which v2 still repeats for subscribers that read them (deprecated).
 */
export const gameSessionSchemaVersions = { GameSessionCreated: 2, TowerPlaced: 2 } as const;

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
    /** The balance in force when the game is created, already stored: the game refers to it for good. */
    balance: BalanceVersion;
    at: string;
  }
>;
/**
 * `balance` in the commands below: the game's own balance version (its `balanceId`), resolved by
 * the registration's prepare; null when there is no such game (decide then refuses with NotFound).
 */
export type JoinGameSession = Command<'JoinGameSession', { sessionId: string; playerId: string; playerName: string; balance: BalanceVersion | null; at: string }>;
export type PlaceTower = Command<
  'PlaceTower',
  { sessionId: string; playerId: string; towerId: string; towerType: TowerType; x: number; y: number; balance: BalanceVersion | null; at: string }
>;
export type StartWave = Command<'StartWave', { sessionId: string; playerId: string; balance: BalanceVersion | null; at: string }>;
/** `reason`: the ender's free text, sealed with their data key by the registration (a text in clear is checked and trimmed). */
export type EndGame = Command<'EndGame', { sessionId: string; playerId: string; isAdmin: boolean; reason?: string | null; at: string }>;

export type GameSessionCommand = CreateGameSession | JoinGameSession | PlaceTower | StartWave | EndGame;

// ── events ──────────────────────────────────────────────────────────────────────────────────

export type GameSessionCreated = Event<
  'GameSessionCreated',
  {
    sessionId: string;
    hostId: string;
    difficulty: Difficulty;
    maxPlayers: number;
    map: GameMap;
    /** The stored balance version the game plays (content hash). */
    balanceId: string;
    /** Waves to survive (the balance's `game.waves`): read models show it without resolving the balance. */
    totalWaves: number;
    lives: number;
    /** Only on events stored as schema v1, which embedded the balance: upcast, they keep it here. */
    embeddedBalance?: BalanceSnapshot;
    at: string;
  }
>;
/** Also emitted for the host at creation. `gold` is the player's starting gold. */
export type PlayerJoined = Event<'PlayerJoined', { sessionId: string; playerId: string; playerName: string; gold: number; at: string }>;
export type TowerPlaced = Event<
  'TowerPlaced',
  {
    sessionId: string;
    playerId: string;
    towerId: string;
    towerType: TowerType;
    /** Where the tower stands (schema v2; v1 events are upcast from their x and y). */
    cell: Cell;
    /** Deprecated since v2 (same as cell.x): kept for subscribers of gameSessionEvents that read it. */
    x: number;
    /** Deprecated since v2 (same as cell.y). */
    y: number;
    cost: number;
    goldLeft: number;
    at: string;
  }
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
    /**
     * Generated (waves, or no text given), or the ender's own text sealed with their data key
     * (`pii:1:<endedBy>:…`, unreadable once they are forgotten). Events written before sealing hold
     * the text in clear: readers take both (PersonalDataVault.open), forgetUser redacts the latter.
     */
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
  /** The balance version the game plays; its values arrive in the commands that need them. */
  readonly balanceId: string;
  readonly totalWaves: number;
  /** Games created before balances were stored by reference carry theirs (GameSessionCreated v1). */
  readonly embeddedBalance?: BalanceSnapshot;
  /** In join order: the order breaks ties in the gold split. */
  readonly players: readonly SessionPlayer[];
  readonly towers: readonly PlacedTower[];
  /** Waves played so far (0 in the lobby). */
  readonly currentWave: number;
  readonly lives: number;
  readonly score: number;
  readonly createdAt: string;
  /** The report of the last wave played; absent before the first one (and in states stored before it was kept). */
  readonly lastWave?: WaveReport;
}

/** What a wave did, as players see it. */
export interface WaveReport {
  readonly wave: number;
  readonly enemies: number;
  readonly kills: number;
  readonly leaked: number;
  readonly goldEarned: number;
  readonly scoreGained: number;
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
