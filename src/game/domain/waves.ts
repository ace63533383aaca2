/**
 * Deterministic wave resolution (docs/waves.md has the formula with worked examples).
 *
 * A wave is resolved in one step when it starts: no simulation loop, no randomness, no floats in
 * the results. The board's damage capacity is summed exactly (BigInt, floored once) and compared
 * with the wave's total health; towers focus fire, so capacity ÷ health = enemies killed.
 */
import type { BalanceSnapshot, Cell, Difficulty, GameMap, TowerType } from './balance.js';
import { towerSpec } from './balance.js';

export interface PlacedTower {
  readonly towerId: string;
  readonly towerType: TowerType;
  readonly x: number;
  readonly y: number;
  readonly ownerId: string;
}

export interface WaveStrength {
  readonly enemies: number;
  readonly enemyHealth: number;
}

export interface GoldShare {
  readonly playerId: string;
  readonly gold: number;
}

export interface WaveInput {
  readonly balance: BalanceSnapshot;
  readonly difficulty: Difficulty;
  readonly map: Pick<GameMap, 'path'>;
  readonly towers: readonly PlacedTower[];
  /** In join order: the first one gets the remainder of the gold split. */
  readonly playerIds: readonly string[];
  readonly wave: number;
  readonly lives: number;
  readonly score: number;
}

export interface WaveResolution extends WaveStrength {
  readonly wave: number;
  /** Damage that landed: the board's capacity, capped at the wave's total health. */
  readonly damage: number;
  readonly kills: number;
  readonly leaked: number;
  readonly livesLost: number;
  readonly livesLeft: number;
  readonly goldEarned: number;
  readonly rewards: readonly GoldShare[];
  readonly scoreGained: number;
  readonly score: number;
  /** Set when this wave ends the game. */
  readonly outcome: 'VICTORY' | 'DEFEAT' | null;
}

/** Every wave has at least one enemy with at least 1 health, whatever the percentages. */
export const waveStrength = (balance: BalanceSnapshot, difficulty: Difficulty, wave: number): WaveStrength => {
  const { enemies, enemyHealth } = balance.game;
  const mods = balance.difficulties[difficulty];
  const grown = (g: { base: number; perWave: number }) => g.base + g.perWave * (wave - 1);
  return {
    enemies: Math.max(1, Math.floor((grown(enemies) * mods.enemyCountPercent) / 100)),
    enemyHealth: Math.max(1, Math.floor((grown(enemyHealth) * mods.enemyHealthPercent) / 100)),
  };
};

/** Indexes of the path cells a tower at (x, y) reaches: dx² + dy² ≤ range². */
export const coveredPathCells = (path: readonly Cell[], x: number, y: number, range: number): number[] => {
  const covered: number[] = [];
  path.forEach((c, i) => {
    const dx = c.x - x;
    const dy = c.y - y;
    if (dx * dx + dy * dy <= range * range) covered.push(i);
  });
  return covered;
};

/**
 * Slow per path cell, in percent: the strongest FROST covering the cell wins (slows don't stack,
 * otherwise a wall of FROST towers would freeze enemies forever).
 */
export const slowByCell = (balance: BalanceSnapshot, path: readonly Cell[], towers: readonly PlacedTower[]): number[] => {
  const slow = path.map(() => 0);
  for (const t of towers) {
    const spec = towerSpec(balance.towers, t.towerType);
    if (spec?.special.kind !== 'slow') continue;
    for (const i of coveredPathCells(path, t.x, t.y, spec.range)) slow[i] = Math.max(slow[i] ?? 0, spec.special.percent);
  }
  return slow;
};

/**
 * Exposure of one tower: how long one enemy stays in its range, in hundredths of a tick
 * (each covered cell takes 100, plus its slow percent).
 */
export const exposure = (covered: readonly number[], slow: readonly number[]): number =>
  covered.reduce((sum, i) => sum + 100 + (slow[i] ?? 0), 0);

/**
 * Damage the board can deal to a wave of `enemies`, in whole points (floored once):
 *   Σ enemies × exposure × fireRate × damage × min(targets, enemies) / 1000
 * (exposure/100 ticks × fireRate/10 shots per tick = shots at one enemy). BigInt keeps the sum
 * exact for any configuration the schema accepts.
 */
export const damageCapacity = (balance: BalanceSnapshot, path: readonly Cell[], towers: readonly PlacedTower[], enemies: number): bigint => {
  const slow = slowByCell(balance, path, towers);
  let thousandths = 0n;
  for (const t of towers) {
    const spec = towerSpec(balance.towers, t.towerType);
    if (!spec) continue; // a type withdrawn from this game's catalogue cannot happen, but must not crash a fold
    const targets = spec.special.kind === 'splash' ? Math.min(spec.special.targets, enemies) : 1;
    const e = exposure(coveredPathCells(path, t.x, t.y, spec.range), slow);
    thousandths += BigInt(enemies) * BigInt(e) * BigInt(spec.fireRate) * BigInt(spec.damage) * BigInt(targets);
  }
  return thousandths / 1000n;
};

/** Equal shares; the remainder goes to the earliest joiner so the split is deterministic. */
export const splitGold = (total: number, playerIds: readonly string[]): GoldShare[] => {
  if (playerIds.length === 0) return [];
  const share = Math.floor(total / playerIds.length);
  const remainder = total - share * playerIds.length;
  return playerIds.map((playerId, i) => ({ playerId, gold: share + (i === 0 ? remainder : 0) }));
};

export const resolveWave = (input: WaveInput): WaveResolution => {
  const { balance, difficulty, map, towers, playerIds, wave, lives, score } = input;
  const { enemies, enemyHealth } = waveStrength(balance, difficulty, wave);
  const capacity = damageCapacity(balance, map.path, towers, enemies);
  const totalHealth = BigInt(enemies) * BigInt(enemyHealth);
  const kills = Number(capacity >= totalHealth ? BigInt(enemies) : capacity / BigInt(enemyHealth));
  const leaked = enemies - kills;
  const livesLost = Math.min(lives, leaked);
  const livesLeft = lives - livesLost;
  const goldEarned = kills * balance.game.goldPerKill;
  const scoreGained = Math.floor((kills * balance.game.scorePerKill * balance.difficulties[difficulty].scorePercent) / 100);
  const outcome = livesLeft <= 0 ? 'DEFEAT' : wave >= balance.game.waves ? 'VICTORY' : null;
  return {
    wave,
    enemies,
    enemyHealth,
    damage: Number(capacity < totalHealth ? capacity : totalHealth),
    kills,
    leaked,
    livesLost,
    livesLeft,
    goldEarned,
    rewards: splitGold(goldEarned, playerIds),
    scoreGained,
    score: score + scoreGained,
    outcome,
  };
};
