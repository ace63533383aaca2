import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { defaultsFromTree, describeSetting, parseSetting, settingKeys, validateSetting, withDefaults } from '../../src/ops/settingsCatalogue.js';

describe('the settings catalogue', () => {
  it('lists the game, tower, snapshot, auth, matchmaking and metrics keys', () => {
    for (const key of [
      'game.startingGold',
      'game.startingLives',
      'game.waves',
      'snapshots.user.every',
      'snapshots.game_session.every',
      'snapshots.system_metrics.every',
      'auth.login.maxFailures',
      'auth.login.lockSeconds',
      'auth.register.perAddressPerMinute',
      'matchmaking.playersPerMatch',
      'matchmaking.maxWaitSeconds',
      'metrics.sampleIntervalSeconds',
    ]) {
      expect(settingKeys).toContain(key);
    }
    for (const tower of ['ARROW', 'CANNON', 'FROST', 'SNIPER']) {
      for (const stat of ['cost', 'range', 'damage']) expect(settingKeys).toContain(`towers.${tower}.${stat}`);
    }
  });

  it('gives every key a category, a description and a default that passes its own schema', () => {
    for (const key of settingKeys) {
      const described = describeSetting(key);
      expect(described?.category).toBe(key.split('.')[0]);
      expect(described?.description.length).toBeGreaterThan(10);
      expect(validateSetting(key, described?.defaultValue)).toEqual({ ok: true, key, value: described?.defaultValue });
    }
  });

  it('lets at least 60 registrations per address and minute through by default', () => {
    expect(describeSetting('auth.register.perAddressPerMinute')?.defaultValue).toBeGreaterThanOrEqual(60);
  });

  it('describes the value as JSON Schema', () => {
    expect(describeSetting('matchmaking.playersPerMatch')?.schema).toEqual({ type: 'integer', minimum: 2, maximum: 4 });
  });

  it('describes nothing for an unknown key', () => expect(describeSetting('game.nope')).toBeNull());

  it('describes the loaded defaults when given them', () =>
    expect(describeSetting('game.startingGold', withDefaults({ 'game.startingGold': 999 }))?.defaultValue).toBe(999));
});

describe('validateSetting', () => {
  it('returns the parsed value', () => expect(validateSetting('game.startingGold', 250)).toEqual({ ok: true, key: 'game.startingGold', value: 250 }));

  it('refuses an unknown key on the field `key`', () =>
    expect(validateSetting('game.startingGems', 5)).toEqual({ ok: false, errors: [{ field: 'key', message: 'Unknown setting game.startingGems' }] }));

  it.each([
    ['a string for a number', 'game.startingGold', '250', 'expected number'],
    ['null', 'game.startingLives', null, 'expected number'],
    ['an object', 'game.waves', { waves: 10 }, 'expected number'],
    ['a fraction for an integer', 'game.waves', 2.5, 'expected int'],
    ['a negative cost', 'towers.ARROW.cost', -1, '>=0'],
    ['zero lives', 'game.startingLives', 0, '>=1'],
    ['a one-player match', 'matchmaking.playersPerMatch', 1, '>=2'],
    ['a five-player match', 'matchmaking.playersPerMatch', 5, '<=4'],
    ['a zero range', 'towers.SNIPER.range', 0, '>=1'],
    ['a huge sample interval', 'metrics.sampleIntervalSeconds', 86_400, '<=3600'],
  ])('refuses %s on the field `value` with zod’s message', (_what, key, value, fragment) => {
    const result = validateSetting(key, value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.field).toBe('value');
    expect(result.errors[0]?.message).toContain(fragment);
  });

  it('accepts the bounds themselves', () => {
    expect(validateSetting('matchmaking.playersPerMatch', 4).ok).toBe(true);
    expect(validateSetting('snapshots.user.every', 0).ok).toBe(true);
  });

  it('throws a ValidationError from parseSetting', () => {
    expect(parseSetting('game.waves', 12)).toEqual({ key: 'game.waves', value: 12 });
    expect(() => parseSetting('game.waves', 0)).toThrow(ValidationError);
  });
});

describe('withDefaults', () => {
  it('starts from the fallbacks and applies the overrides', () => {
    const values = withDefaults({ 'game.startingGold': 300, 'towers.ARROW.cost': 40 });
    expect(values['game.startingGold']).toBe(300);
    expect(values['towers.ARROW.cost']).toBe(40);
    expect(values['game.startingLives']).toBe(describeSetting('game.startingLives')?.defaultValue);
    expect(Object.keys(values).sort()).toEqual([...settingKeys].sort());
  });

  it('fails loudly, listing every bad override by key', () => {
    let thrown: unknown;
    try {
      withDefaults({ 'game.startingGold': 'lots', 'game.startingGems': 5, 'game.waves': 10 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).fieldErrors.map((e) => e.field)).toEqual(['game.startingGold', 'game.startingGems']);
  });
});

describe('defaultsFromTree', () => {
  it('picks catalogue keys out of nested config files, later trees winning, and ignores the rest', () => {
    const balance = { game: { startingGold: 200, waves: 12 }, towers: { ARROW: { cost: 50, special: { kind: 'none' } } }, maps: { meadow: {} } };
    const overrides = { game: { startingGold: 250 }, metrics: { sampleIntervalSeconds: 30 }, redis: { url: 'redis://x' } };
    expect(defaultsFromTree(balance, overrides)).toEqual({
      'game.startingGold': 250,
      'game.waves': 12,
      'towers.ARROW.cost': 50,
      'metrics.sampleIntervalSeconds': 30,
    });
  });
});
