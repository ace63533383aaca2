import { describe, expect, it } from 'vitest';
import { BalanceError, loadBalance, parseBalance } from '../../src/game/balanceSchema.js';
import { mapProblems, resolveMap, snapshotBalance, towerSpec } from '../../src/game/domain/balance.js';
import { epochMs, requireTimestamp } from '../../src/game/domain/time.js';
import { ValidationError } from '../../src/core/errors.js';
import { defaultBalance } from './gameFixtures.js';

const REMOVE = Symbol('remove');
type Node = Record<string, unknown>;
/** The default balance with the value at a dotted path replaced (or removed). */
const withChange = (path: string, value: unknown): unknown => {
  const copy = structuredClone(defaultBalance) as unknown as Node;
  const keys = path.split('.');
  const leaf = keys.pop() as string;
  const parent = keys.reduce<Node>((node, key) => node[key] as Node, copy);
  if (value === REMOVE) delete parent[leaf];
  else parent[leaf] = value;
  return copy;
};
const problems = (raw: unknown): string[] => {
  try {
    parseBalance(raw);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(BalanceError);
    return [...(e as BalanceError).problems];
  }
};

describe('configs/balance.yaml', () => {
  it('loads and validates', () => {
    const b = loadBalance();
    expect(b.game).toMatchObject({ startingGold: 200, startingLives: 20, waves: 10 });
    expect(Object.keys(b.towers)).toEqual(['ARROW', 'CANNON', 'FROST', 'SNIPER']);
    expect(b.matchmaking).toEqual({ playersPerMatch: 2, maxWaitSeconds: 30 });
  });

  it('offers four tower types that differ in cost, range and damage', () => {
    const specs = Object.values(defaultBalance.towers);
    for (const key of ['cost', 'range', 'damage'] as const) expect(new Set(specs.map((s) => s?.[key])).size).toBeGreaterThan(1);
    expect(defaultBalance.towers.CANNON?.special.kind).toBe('splash');
    expect(defaultBalance.towers.FROST?.special.kind).toBe('slow');
    expect(defaultBalance.towers.SNIPER!.range).toBeGreaterThan(defaultBalance.towers.ARROW.range);
  });

  it('has at least two valid maps, meadow the default', () => {
    expect(Object.keys(defaultBalance.maps).length).toBeGreaterThanOrEqual(2);
    for (const m of Object.values(defaultBalance.maps)) expect(mapProblems(m)).toEqual([]);
    expect(resolveMap(defaultBalance)?.id).toBe('meadow');
    expect(resolveMap(defaultBalance, 'canyon')).toMatchObject({ id: 'canyon', name: 'Canyon', width: 16, height: 10 });
    expect(resolveMap(defaultBalance, 'atlantis')).toBeUndefined();
  });

  it('keeps startingGold at game.startingGold (the Ops override key)', () =>
    expect(parseBalance(withChange('game.startingGold', 500)).game.startingGold).toBe(500));

  it('snapshots only what decides a game', () =>
    expect(Object.keys(snapshotBalance(defaultBalance))).toEqual(['game', 'towers', 'difficulties']));
});

describe('balance schema', () => {
  it('names the offending key', () =>
    expect(problems(withChange('towers.ARROW.range', 0))).toEqual(['towers.ARROW.range: Too small: expected number to be >=1']));

  const canyonPath = defaultBalance.maps.canyon?.path ?? [];
  it.each([
    ['ARROW missing', 'towers.ARROW', REMOVE, 'towers.ARROW'],
    ['an unknown tower type', 'towers.LASER', defaultBalance.towers.ARROW, 'towers'],
    ['a fractional cost', 'towers.CANNON.cost', 99.5, 'towers.CANNON.cost'],
    ['an unknown special', 'towers.FROST.special', { kind: 'freeze' }, 'towers.FROST.special.kind'],
    ['no default map', 'maps.meadow.default', REMOVE, 'maps'],
    ['two default maps', 'maps.canyon.default', true, 'maps'],
    ['a broken path', 'maps.canyon.path', [...canyonPath.slice(0, 3), ...canyonPath.slice(4)], 'maps.canyon.path'],
    ['a missing difficulty', 'difficulties.HARD', REMOVE, 'difficulties.HARD'],
    ['five players per match', 'matchmaking.playersPerMatch', 5, 'matchmaking.playersPerMatch'],
  ])('refuses %s', (_what, path, value, key) => expect(problems(withChange(path, value)).some((p) => p.startsWith(`${key}:`))).toBe(true));

  it('still accepts a catalogue with a type withdrawn', () =>
    expect(problems(withChange('towers.SNIPER', REMOVE))).toEqual([]));
});

describe('maps', () => {
  const grid = { width: 4, height: 3 };
  it('accepts a contiguous orthogonal path inside the grid', () =>
    expect(mapProblems({ ...grid, path: [{ x: 0, y: 1 }, { x: 1, y: 1 }, { x: 1, y: 2 }] })).toEqual([]));

  it.each([
    ['a diagonal step', [{ x: 0, y: 0 }, { x: 1, y: 1 }]],
    ['a jump', [{ x: 0, y: 0 }, { x: 2, y: 0 }]],
    ['a repeated cell', [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 0 }]],
    ['a cell off the grid', [{ x: 3, y: 2 }, { x: 4, y: 2 }]],
    ['a single cell', [{ x: 0, y: 0 }]],
  ])('refuses %s', (_what, path) => expect(mapProblems({ ...grid, path })).not.toEqual([]));

  it('looks tower types up on own properties only', () => {
    expect(towerSpec(defaultBalance.towers, 'ARROW')).toBe(defaultBalance.towers.ARROW);
    expect(towerSpec(defaultBalance.towers, 'constructor')).toBeUndefined();
  });
});

describe('timestamps without Date', () => {
  it.each([
    '1970-01-01T00:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2024-05-01T12:00:00Z',
    '2000-03-01T00:00:00.5Z',
    '1999-12-31T23:00:00.123456Z',
    '2024-05-01T14:30:00.000+02:30',
    '2024-05-01T08:00:00.000-04:00',
  ])('reads %s like Date.parse does', (iso) => expect(epochMs(iso)).toBe(Date.parse(iso)));

  it.each(['2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-05-01 12:00:00Z', '2024-05-01T12:00:00', '2024-13-01T00:00:00Z', ''])(
    'refuses %j',
    (iso) => {
      expect(epochMs(iso)).toBeNaN();
      expect(() => requireTimestamp(iso)).toThrow(ValidationError);
    },
  );
});
