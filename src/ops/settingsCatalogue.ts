/**
 * The catalogue of runtime settings: what an admin may change through UpdateConfiguration, with
 * the schema each value must satisfy. It lives outside `domain/` because it uses zod: the
 * registration's `prepare` validates here, then hands the parsed value to the pure decider.
 *
 * The defaults below are fallbacks only. The server loads the real ones from configs/ and
 * builds the effective table with `withDefaults`; an admin's update then overrides one key.
 */
import { z } from 'zod';
import type { FieldError } from '../core/errors.js';
import { ValidationError } from '../core/errors.js';
import type { JsonValue } from './domain/json.js';

export const settingCategories = ['game', 'towers', 'snapshots', 'auth', 'matchmaking', 'metrics'] as const;
export type SettingCategory = (typeof settingCategories)[number];

/** Kept in step with the game context's tower types (ops does not import the game's modules). */
export const settingTowerTypes = ['ARROW', 'CANNON', 'FROST', 'SNIPER'] as const;
export type SettingTowerType = (typeof settingTowerTypes)[number];
/** Aggregate types whose snapshot frequency is tunable at runtime (event-sourced or hybrid ones). */
export const snapshotAggregateTypes = ['user', 'game_session', 'system_metrics'] as const;

interface SettingDefinition<S extends z.ZodType = z.ZodType> {
  readonly category: SettingCategory;
  readonly schema: S;
  readonly defaultValue: z.output<S>;
  readonly description: string;
}

const define = <S extends z.ZodType>(category: SettingCategory, schema: S, defaultValue: z.output<S>, description: string): SettingDefinition<S> => ({
  category,
  schema,
  defaultValue,
  description,
});

const int = (min: number, max: number) => z.number().int().min(min).max(max);

type TowerStat = 'cost' | 'range' | 'damage' | 'fireRate';
type TowerKey = `towers.${SettingTowerType}.${TowerStat}`;
type SnapshotKey = `snapshots.${(typeof snapshotAggregateTypes)[number]}.every`;

/** Fallbacks mirror configs/balance.yaml; like the game's balance, every number is an integer. */
const towerFallbacks: Record<SettingTowerType, Record<TowerStat, number>> = {
  ARROW: { cost: 50, range: 2, damage: 8, fireRate: 10 },
  CANNON: { cost: 100, range: 2, damage: 16, fireRate: 4 },
  FROST: { cost: 75, range: 2, damage: 3, fireRate: 10 },
  SNIPER: { cost: 125, range: 5, damage: 30, fireRate: 2 },
};

const towerSettings = Object.fromEntries(
  settingTowerTypes.flatMap((tower) => [
    [`towers.${tower}.cost`, define('towers', int(0, 1_000_000), towerFallbacks[tower].cost, `Gold a player pays to place a ${tower} tower.`)],
    [`towers.${tower}.range`, define('towers', int(1, 50), towerFallbacks[tower].range, `Reach of a ${tower} tower: a cell is covered when dx² + dy² ≤ range².`)],
    [`towers.${tower}.damage`, define('towers', int(1, 1_000_000), towerFallbacks[tower].damage, `Damage of one ${tower} shot to one enemy.`)],
    [`towers.${tower}.fireRate`, define('towers', int(1, 100), towerFallbacks[tower].fireRate, `Shots a ${tower} tower fires per 10 ticks.`)],
  ]),
) as Record<TowerKey, SettingDefinition<z.ZodNumber>>;

const snapshotFallbacks: Record<(typeof snapshotAggregateTypes)[number], number> = { user: 50, game_session: 100, system_metrics: 200 };

const snapshotSettings = Object.fromEntries(
  snapshotAggregateTypes.map((type) => [
    `snapshots.${type}.every`,
    define('snapshots', int(0, 1_000_000), snapshotFallbacks[type], `Take a ${type} snapshot every N events (0 = never). Snapshots are a cache: changing this never loses data.`),
  ]),
) as Record<SnapshotKey, SettingDefinition<z.ZodNumber>>;

const catalogue = {
  'game.startingGold': define('game', int(0, 1_000_000), 200, 'Gold every player starts a new game with, whatever the difficulty.'),
  'game.startingLives': define('game', int(1, 10_000), 20, 'Lives a game session starts with; leaked enemies cost lives, 0 means defeat.'),
  'game.waves': define('game', int(1, 1_000), 10, 'Number of waves in a game; surviving the last one is a victory.'),
  // Wave size and strength grow linearly: base + perWave × (wave − 1), then scaled by difficulty.
  'game.enemies.base': define('game', int(1, 10_000), 6, 'Enemies in wave 1 (before the difficulty modifier).'),
  'game.enemies.perWave': define('game', int(0, 10_000), 2, 'Enemies added by each later wave.'),
  'game.enemyHealth.base': define('game', int(1, 1_000_000), 40, 'Health of an enemy in wave 1 (before the difficulty modifier).'),
  'game.enemyHealth.perWave': define('game', int(0, 1_000_000), 40, 'Enemy health added by each later wave.'),
  'game.goldPerKill': define('game', int(0, 1_000_000), 5, 'Gold a kill earns, split among the players.'),
  'game.scorePerKill': define('game', int(0, 1_000_000), 10, 'Score a kill earns (before the difficulty modifier).'),
  ...towerSettings,
  ...snapshotSettings,
  'auth.login.maxFailures': define('auth', int(1, 1_000), 5, 'Failed logins from one address for one login before that address must wait (the account is also flagged).'),
  'auth.login.lockSeconds': define('auth', int(1, 7 * 86_400), 300, 'How long an address waits after maxFailures failed logins for one login, in seconds (four times maxFailures a day at most).'),
  // The public contract promises at least 60 registrations per address and minute by default;
  // admins may lower it on a live system under attack.
  'auth.register.perAddressPerMinute': define('auth', int(1, 100_000), 60, 'Accounts one client address may register per minute.'),
  'matchmaking.playersPerMatch': define('matchmaking', int(2, 4), 2, 'Players the matchmaker puts in one game (a game holds at most 4).'),
  'matchmaking.maxWaitSeconds': define('matchmaking', int(1, 3_600), 60, 'Longest a match request waits in the queue before it expires, in seconds.'),
  'metrics.sampleIntervalSeconds': define('metrics', int(1, 3_600), 60, 'Seconds between two SystemMetrics samples of a node.'),
} satisfies Record<string, SettingDefinition>;

type Catalogue = typeof catalogue;
export type SettingKey = keyof Catalogue;
/** The effective value of every setting, typed per key. */
export type SettingValues = { readonly [K in SettingKey]: z.output<Catalogue[K]['schema']> };

export const settingKeys = Object.keys(catalogue) as readonly SettingKey[];

const fallbackValues = Object.fromEntries(Object.entries(catalogue).map(([key, d]) => [key, d.defaultValue])) as unknown as SettingValues;

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(catalogue, key);

export interface SettingDescription {
  readonly key: SettingKey;
  readonly category: SettingCategory;
  readonly description: string;
  readonly defaultValue: JsonValue;
  /** JSON Schema (draft 2020-12) of the value, for dashboards that build their own forms. */
  readonly schema: Record<string, unknown>;
}

/** null for an unknown key. Pass the loaded defaults to describe them instead of the fallbacks. */
export const describeSetting = (key: string, defaults?: SettingValues): SettingDescription | null => {
  if (!isSettingKey(key)) return null;
  const definition: SettingDefinition = catalogue[key];
  const { $schema: _dialect, ...schema } = z.toJSONSchema(definition.schema) as Record<string, unknown>;
  return {
    key,
    category: definition.category,
    description: definition.description,
    defaultValue: (defaults ?? fallbackValues)[key] as JsonValue,
    schema,
  };
};

export type SettingValidation = { readonly ok: true; readonly key: SettingKey; readonly value: JsonValue } | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Checks a value an admin sent. Field names follow the mutation input: `key` for an unknown
 * key, `value` for a bad value (nested paths, if a setting ever takes an object, are spelled
 * out in the message). No coercion: "5" is not 5, because the dashboard must send real JSON.
 */
export const validateSetting = (key: string, value: unknown): SettingValidation => {
  if (!isSettingKey(key)) return { ok: false, errors: [{ field: 'key', message: `Unknown setting ${key}` }] };
  const definition: SettingDefinition = catalogue[key];
  const parsed = definition.schema.safeParse(value);
  if (parsed.success) return { ok: true, key, value: parsed.data as JsonValue };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: 'value',
      message: issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    })),
  };
};

/** `validateSetting` for the registration's `prepare`: the parsed value, or a ValidationError. */
export const parseSetting = (key: string, value: unknown): { readonly key: SettingKey; readonly value: JsonValue } => {
  const result = validateSetting(key, value);
  if (!result.ok) throw new ValidationError(`Invalid setting ${key}`, result.errors);
  return { key: result.key, value: result.value };
};

/**
 * The effective defaults: the catalogue's fallbacks overridden by `overrides` (flattened
 * dotted keys, as loaded from configs/). Meant for start-up, so it fails loudly: an unknown
 * key (a typo in a config file) or a bad value throws one ValidationError listing every
 * problem, with the setting key as the field.
 */
export const withDefaults = (overrides: Readonly<Record<string, unknown>>): SettingValues => {
  const values: Record<string, unknown> = { ...fallbackValues };
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const result = validateSetting(key, value);
    if (result.ok) values[key] = result.value;
    else errors.push(...result.errors.map((e) => ({ field: key, message: e.field === 'key' ? e.message : `${key}: ${e.message}` })));
  }
  if (errors.length > 0) throw new ValidationError(`Invalid setting defaults: ${errors.map((e) => e.message).join('; ')}`, errors);
  return values as SettingValues;
};

/**
 * The catalogue keys found in nested config trees (parsed YAML), flattened for `withDefaults`:
 * `{ game: { startingGold: 250 } }` gives `{ 'game.startingGold': 250 }`. Later trees win.
 * Everything else in the trees (maps, specials, storage settings…) is not a setting and is
 * left alone, so whole files can be passed.
 */
export const defaultsFromTree = (...trees: readonly unknown[]): Record<string, unknown> => {
  const found: Record<string, unknown> = {};
  for (const key of settingKeys) {
    for (const tree of trees) {
      let node: unknown = tree;
      for (const segment of key.split('.')) {
        node = typeof node === 'object' && node !== null && Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
      }
      if (node !== undefined) found[key] = node;
    }
  }
  return found;
};
