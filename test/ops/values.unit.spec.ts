import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { sameJson } from '../../src/ops/domain/json.js';
import { requireInstant, toEpochMs } from '../../src/ops/domain/time.js';

describe('ops instants (no Date in the domain)', () => {
  it('agrees with Date on a spread of instants', () => {
    for (const ms of [0, 951_782_400_000, 1_709_164_800_123, 4_102_444_799_999, -86_400_001, 253_402_300_799_999]) {
      expect(toEpochMs(new Date(ms).toISOString())).toBe(ms);
    }
  });

  it('honours offsets and truncates sub-millisecond digits', () => {
    expect(toEpochMs('2026-01-01T12:00:00+02:00')).toBe(Date.parse('2026-01-01T10:00:00Z'));
    expect(toEpochMs('2026-01-01T00:00:00-05:30')).toBe(Date.parse('2026-01-01T05:30:00Z'));
    expect(toEpochMs('2026-01-01T00:00:00.5Z')).toBe(Date.parse('2026-01-01T00:00:00.500Z'));
    expect(toEpochMs('2026-01-01T00:00:00.123999Z')).toBe(Date.parse('2026-01-01T00:00:00.123Z'));
  });

  it.each(['2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:60Z', '2026-01-01T00:00:00', '2026-01-01', 'soon'])(
    'refuses %j',
    (iso) => {
      expect(toEpochMs(iso)).toBeNull();
      expect(() => requireInstant('at', iso)).toThrow(ValidationError);
    },
  );

  it('names the field that carried a bad instant', () => {
    expect(() => requireInstant('from', 'yesterday')).toThrow(expect.objectContaining({ fieldErrors: [expect.objectContaining({ field: 'from' })] }));
  });
});

describe('sameJson', () => {
  it.each([
    [1, 1],
    ['a', 'a'],
    [null, null],
    [[1, { a: 2 }], [1, { a: 2 }]],
    [{ a: 1, b: [true] }, { b: [true], a: 1 }],
  ])('%j equals %j', (a, b) => expect(sameJson(a, b)).toBe(true));

  it.each([
    [1, '1'],
    [null, 0],
    [[1, 2], [2, 1]],
    [[1], { 0: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: null }, { b: null }],
  ])('%j differs from %j', (a, b) => expect(sameJson(a, b)).toBe(false));
});
