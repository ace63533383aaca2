/**
 * configs/balance.yaml → a validated Balance. The zod schema lives here, outside domain/, so the
 * domain stays free of libraries; it is also what an Ops UpdateConfiguration of a balance key is
 * checked against (validate the whole merged balance, not the one value).
 *
 * Upper bounds are sanity limits for a typo'd config (an extra zero), not game design: within
 * them every wave computes exactly (see waves.ts).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { mapProblems, type Balance } from './domain/balance.js';
import { MAX_PLAYERS } from './domain/gameSessionRules.js';

const int = (min: number, max: number) => z.int().min(min).max(max);

const growth = (maxBase: number) => z.strictObject({ base: int(1, maxBase), perWave: int(0, maxBase) });

const tower = z.strictObject({
  cost: int(1, 1_000_000),
  range: int(1, 20),
  damage: int(0, 1_000_000),
  fireRate: int(1, 100),
  special: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('splash'), targets: int(2, 20) }),
    z.strictObject({ kind: z.literal('slow'), percent: int(1, 500) }),
  ]),
});

const difficulty = z.strictObject({ enemyCountPercent: int(1, 1000), enemyHealthPercent: int(1, 1000), scorePercent: int(0, 1000) });

const map = z
  .strictObject({
    name: z.string().min(1).max(64),
    width: int(2, 64),
    height: int(2, 64),
    path: z.array(z.strictObject({ x: z.int(), y: z.int() })).min(2),
    default: z.boolean().optional(),
  })
  .superRefine((m, ctx) => {
    for (const message of mapProblems(m)) ctx.addIssue({ code: 'custom', message, path: ['path'] });
  });

export const balanceSchema = z
  .strictObject({
    game: z.strictObject({
      startingGold: int(0, 1_000_000),
      startingLives: int(1, 1000),
      waves: int(1, 100),
      enemies: growth(1000),
      enemyHealth: growth(1_000_000),
      goldPerKill: int(0, 10_000),
      scorePerKill: int(0, 10_000),
    }),
    // ARROW is always offered; a strict object turns a typo'd tower type into an error, not a silent omission.
    towers: z.strictObject({ ARROW: tower, CANNON: tower.optional(), FROST: tower.optional(), SNIPER: tower.optional() }),
    difficulties: z.strictObject({ EASY: difficulty, NORMAL: difficulty, HARD: difficulty }),
    maps: z.record(z.string().regex(/^[a-z0-9_-]{1,32}$/, 'map ids are 1–32 of [a-z0-9_-]'), map),
    matchmaking: z.strictObject({ playersPerMatch: int(1, MAX_PLAYERS), maxWaitSeconds: int(0, 3600) }),
  })
  .superRefine((b, ctx) => {
    const defaults = Object.entries(b.maps).filter(([, m]) => m.default === true);
    if (defaults.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['maps'], message: `exactly one map must be marked default (found ${defaults.length})` });
  }) satisfies z.ZodType<Balance>;

export class BalanceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid balance: ${problems.join('; ')}`);
    this.name = 'BalanceError';
  }
}

/** Throws BalanceError naming every offending key, e.g. `towers.ARROW.range: Too small: expected number to be >=1`. */
export const parseBalance = (raw: unknown): Balance => {
  const parsed = balanceSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new BalanceError(parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`));
};

export const defaultBalanceFile = new URL('../../configs/balance.yaml', import.meta.url);

export const loadBalance = (file: string | URL = defaultBalanceFile): Balance => {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BalanceError([`${String(file)}: ${(e as Error).message}`]);
  }
  return parseBalance(raw);
};
