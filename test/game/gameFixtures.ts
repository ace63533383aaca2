/**
 * Shared builders for the game specs. `lane` + `testBalance` are the small board of the worked
 * examples in docs/waves.md; `defaultBalance` is configs/balance.yaml as the server loads it.
 */
import { contentId } from '../../src/core/contentId.js';
import { loadBalance } from '../../src/game/balanceSchema.js';
import { resolveMap, snapshotBalance, type BalanceSnapshot, type BalanceVersion, type Difficulty, type GameMap, type TowerType } from '../../src/game/domain/balance.js';
import type {
  CreateGameSession,
  EndGame,
  GameSessionCommand,
  GameSessionCreated,
  GameSessionState,
  JoinGameSession,
  PlaceTower,
  PlayerJoined,
  StartWave,
  TowerPlaced,
} from '../../src/game/domain/gameSession.js';

export const defaultBalance = loadBalance();
export const meadow = resolveMap(defaultBalance) as GameMap;

/** A 7×5 grid whose path is the middle row, left to right. */
export const lane: GameMap = {
  id: 'lane',
  name: 'Lane',
  width: 7,
  height: 5,
  path: [0, 1, 2, 3, 4, 5, 6].map((x) => ({ x, y: 2 })),
};

/** The default towers and difficulties with a short, small-numbered game. */
export const testBalance: BalanceSnapshot = {
  ...snapshotBalance(defaultBalance),
  game: {
    startingGold: 200,
    startingLives: 10,
    waves: 3,
    enemies: { base: 4, perWave: 2 },
    enemyHealth: { base: 30, perWave: 10 },
    goldPerKill: 5,
    scorePerKill: 10,
  },
};

/** Every balance version a test built, by id: what the content store would hold. */
const versions = new Map<string, BalanceVersion>();

/** A snapshot as the store names it (its content hash). */
export const versionOf = (values: BalanceSnapshot): BalanceVersion => {
  const version = { id: contentId(values), values };
  versions.set(version.id, version);
  return version;
};
export const testVersion = versionOf(testBalance);

/** What the registration's prepare does: a command for a game carries that game's own balance version. */
export const asPrepared = (command: GameSessionCommand, state: GameSessionState): GameSessionCommand =>
  state.status === 'None' || command.type === 'CreateGameSession' || command.type === 'EndGame'
    ? command
    : ({ ...command, data: { ...command.data, balance: versions.get(state.balanceId) ?? null } } as GameSessionCommand);

/** Timestamps `s` seconds after a fixed instant. */
export const at = (s = 0): string => new Date(Date.UTC(2024, 4, 1, 12, 0, s)).toISOString();

export interface Who {
  readonly id: string;
  readonly name: string;
}
export const alice: Who = { id: 'alice', name: 'Alice' };
export const bob: Who = { id: 'bob', name: 'Bob' };
export const carol: Who = { id: 'carol', name: 'Carol' };
export const dave: Who = { id: 'dave', name: 'Dave' };
export const erin: Who = { id: 'erin', name: 'Erin' };

export const SESSION = 'game-1';

export interface GameOptions {
  difficulty?: Difficulty;
  maxPlayers?: number;
  map?: GameMap;
  balance?: BalanceSnapshot;
}

export const create = (o: GameOptions = {}, host: Who = alice): CreateGameSession => ({
  type: 'CreateGameSession',
  data: {
    sessionId: SESSION,
    hostId: host.id,
    hostName: host.name,
    difficulty: o.difficulty ?? 'NORMAL',
    maxPlayers: o.maxPlayers ?? 4,
    map: o.map ?? lane,
    balance: versionOf(o.balance ?? testBalance),
    at: at(0),
  },
});

export const created = (o: GameOptions = {}, host: Who = alice): GameSessionCreated => {
  const balance = o.balance ?? testBalance;
  return {
    type: 'GameSessionCreated',
    data: {
      sessionId: SESSION,
      hostId: host.id,
      difficulty: o.difficulty ?? 'NORMAL',
      maxPlayers: o.maxPlayers ?? 4,
      map: o.map ?? lane,
      balanceId: contentId(balance),
      totalWaves: balance.game.waves,
      lives: balance.game.startingLives,
      at: at(0),
    },
  };
};

export const joined = (p: Who, gold = 200, s = 0): PlayerJoined => ({
  type: 'PlayerJoined',
  data: { sessionId: SESSION, playerId: p.id, playerName: p.name, gold, at: at(s) },
});

// Commands carry the game's balance version as prepare resolves it: the test balance unless said otherwise.
export const join = (p: Who, s = 1, balance: BalanceVersion = testVersion): JoinGameSession => ({
  type: 'JoinGameSession',
  data: { sessionId: SESSION, playerId: p.id, playerName: p.name, balance, at: at(s) },
});

export const place = (p: Who, towerId: string, towerType: TowerType, x: number, y: number, s = 2, balance: BalanceVersion = testVersion): PlaceTower => ({
  type: 'PlaceTower',
  data: { sessionId: SESSION, playerId: p.id, towerId, towerType, x, y, balance, at: at(s) },
});

export const placed = (p: Who, towerId: string, towerType: TowerType, x: number, y: number, cost: number, goldLeft: number, s = 2): TowerPlaced => ({
  type: 'TowerPlaced',
  data: { sessionId: SESSION, playerId: p.id, towerId, towerType, cell: { x, y }, x, y, cost, goldLeft, at: at(s) },
});

export const startWave = (p: Who, s = 10, balance: BalanceVersion = testVersion): StartWave => ({
  type: 'StartWave',
  data: { sessionId: SESSION, playerId: p.id, balance, at: at(s) },
});

export const endGame = (p: Who, isAdmin = false, reason: string | null = null, s = 20): EndGame => ({
  type: 'EndGame',
  data: { sessionId: SESSION, playerId: p.id, isAdmin, reason, at: at(s) },
});
