/**
 * Balance: every number that shapes a game. Defaults live in configs/balance.yaml, validated by
 * src/game/balanceSchema.ts (zod stays out of the domain); Ops configuration may override any
 * key at runtime (e.g. `game.startingGold`). A running game never reads this live: its creation
 * stores the `BalanceSnapshot` in force once, as an immutable version named by the hash of its
 * content (`BalanceVersion`), and GameSessionCreated carries that id: the game replays
 * identically forever, and games on the same balance share one stored copy.
 *
 * All values are integers; percentages are whole percents. The wave formula (waves.ts,
 * docs/waves.md) only ever multiplies and floors integers, so every machine agrees on the outcome.
 */

export const DIFFICULTIES = ['EASY', 'NORMAL', 'HARD'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const TOWER_TYPES = ['ARROW', 'CANNON', 'FROST', 'SNIPER'] as const;
export type TowerType = (typeof TOWER_TYPES)[number];

export const isDifficulty = (value: unknown): value is Difficulty => DIFFICULTIES.includes(value as Difficulty);
export const isTowerType = (value: unknown): value is TowerType => TOWER_TYPES.includes(value as TowerType);

export interface Cell {
  readonly x: number;
  readonly y: number;
}

/** What a tower does besides plain damage. */
export type TowerSpecial =
  | { readonly kind: 'none' }
  /** Every shot hits up to `targets` enemies (never more than the wave has). */
  | { readonly kind: 'splash'; readonly targets: number }
  /** Enemies on covered path cells move `percent`% slower, so every tower covering those cells shoots longer. */
  | { readonly kind: 'slow'; readonly percent: number };

export interface TowerSpec {
  readonly cost: number;
  /** Euclidean radius in cells: a cell is covered when dx² + dy² ≤ range². */
  readonly range: number;
  /** Damage of one shot to one enemy. */
  readonly damage: number;
  /** Shots per 10 ticks; an enemy crosses one path cell per tick at full speed. */
  readonly fireRate: number;
  readonly special: TowerSpecial;
}

/** ARROW is always offered; the other types may be withdrawn by leaving them out. */
export type TowerCatalog = { readonly ARROW: TowerSpec } & { readonly [T in Exclude<TowerType, 'ARROW'>]?: TowerSpec };

/** Linear growth: value(wave) = base + perWave × (wave − 1). */
export interface Growth {
  readonly base: number;
  readonly perWave: number;
}

export interface GameSettings {
  /** Gold every player starts a game with, whatever the difficulty (Ops key `game.startingGold`). */
  readonly startingGold: number;
  /** Lives shared by the team; one leaked enemy costs one life. */
  readonly startingLives: number;
  /** Number of waves; surviving this one wins the game. */
  readonly waves: number;
  readonly enemies: Growth;
  readonly enemyHealth: Growth;
  readonly goldPerKill: number;
  readonly scorePerKill: number;
}

/** Whole percents applied to the NORMAL figures (100 = unchanged). */
export interface DifficultyModifiers {
  readonly enemyCountPercent: number;
  readonly enemyHealthPercent: number;
  readonly scorePercent: number;
}

export interface MapDefinition {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Cells the enemies walk, in order; each step moves one cell up, down, left or right. */
  readonly path: readonly Cell[];
  /** Exactly one map is the default (used when a game is created without choosing one). */
  readonly default?: boolean;
}

/** A map as a game session holds it: resolved by id, default flag dropped. */
export interface GameMap {
  readonly id: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly path: readonly Cell[];
}

/** Read by the matchmaking process manager (match.ts `matchesDue`). */
export interface MatchmakingSettings {
  /** A full match forms as soon as this many players wait (1–4). */
  readonly playersPerMatch: number;
  /** After the oldest request has waited this long, whoever waits (≥ 1) is matched. */
  readonly maxWaitSeconds: number;
}

export interface Balance {
  readonly game: GameSettings;
  readonly towers: TowerCatalog;
  readonly difficulties: Readonly<Record<Difficulty, DifficultyModifiers>>;
  readonly maps: Readonly<Record<string, MapDefinition>>;
  readonly matchmaking: MatchmakingSettings;
}

/** What a game session keeps of the balance: what decides its waves (no map catalogue, no matchmaking). */
export type BalanceSnapshot = Pick<Balance, 'game' | 'towers' | 'difficulties'>;

export const snapshotBalance = ({ game, towers, difficulties }: BalanceSnapshot): BalanceSnapshot => ({ game, towers, difficulties });

/**
 * A balance snapshot as stored once and referred to by `id`, the content hash of `values`
 * (computed and checked by the store, never here): games, their events and states carry the id;
 * commands that need the values carry the whole version, resolved before decide.
 */
export interface BalanceVersion {
  readonly id: string;
  readonly values: BalanceSnapshot;
}

/** Own properties only: a command's towerType is user input and must not reach `constructor` & co. */
export const towerSpec = (towers: TowerCatalog, towerType: string): TowerSpec | undefined =>
  isTowerType(towerType) && Object.hasOwn(towers, towerType) ? towers[towerType] : undefined;

/** The map `mapId`, or the default one; undefined when the id is unknown. */
export const resolveMap = (balance: Pick<Balance, 'maps'>, mapId?: string | null): GameMap | undefined => {
  const entries = Object.entries(balance.maps);
  const found = mapId ? entries.find(([id]) => id === mapId) : (entries.find(([, m]) => m.default) ?? entries[0]);
  if (!found) return undefined;
  const [id, { name, width, height, path }] = found;
  return { id, name, width, height, path };
};

/**
 * Why a map is unusable (empty when fine). Shared by the zod schema (config load) and
 * CreateGameSession (the caller may pass any map), so both refuse the same maps.
 */
export const mapProblems = (map: Pick<MapDefinition, 'width' | 'height' | 'path'>): string[] => {
  const problems: string[] = [];
  const { width, height, path } = map;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2) problems.push('width and height must be integers ≥ 2');
  if (path.length < 2) problems.push('the path needs at least 2 cells');
  const seen = new Set<string>();
  path.forEach((cell, i) => {
    if (!Number.isInteger(cell.x) || !Number.isInteger(cell.y) || !inBounds(map, cell.x, cell.y)) problems.push(`path[${i}] (${cell.x},${cell.y}) is outside the grid`);
    const key = `${cell.x},${cell.y}`;
    if (seen.has(key)) problems.push(`path[${i}] (${key}) repeats a cell`);
    seen.add(key);
    const prev = path[i - 1];
    if (prev && Math.abs(prev.x - cell.x) + Math.abs(prev.y - cell.y) !== 1) problems.push(`path[${i}] (${key}) is not one orthogonal step from path[${i - 1}]`);
  });
  return problems;
};

export const inBounds = (map: Pick<MapDefinition, 'width' | 'height'>, x: number, y: number): boolean =>
  x >= 0 && y >= 0 && x < map.width && y < map.height;

export const onPath = (map: Pick<MapDefinition, 'path'>, x: number, y: number): boolean => map.path.some((c) => c.x === x && c.y === y);
