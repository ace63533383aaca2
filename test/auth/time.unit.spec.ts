import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { addSeconds, isBefore, toIso, toMillis } from '../../src/auth/domain/time.js';

describe('domain instants (no Date in the domain)', () => {
  it('agrees with Date on a spread of instants', () => {
    for (const ms of [0, 951_782_400_000, 1_709_164_800_123, 4_102_444_799_999, -86_400_001, 253_402_300_799_999]) {
      const iso = new Date(ms).toISOString();
      expect(toMillis(iso)).toBe(ms);
      expect(toIso(ms)).toBe(iso);
    }
  });

  it('honours offsets and fractional seconds', () => {
    expect(toMillis('2026-01-01T12:00:00+02:00')).toBe(Date.parse('2026-01-01T10:00:00Z'));
    expect(toMillis('2026-01-01T00:00:00.5Z')).toBe(Date.parse('2026-01-01T00:00:00.500Z'));
    expect(isBefore('2026-01-01T11:00:00+02:00', '2026-01-01T10:00:00Z')).toBe(true);
  });

  it('adds seconds across day, month and leap-year boundaries', () => {
    expect(addSeconds('2024-02-28T23:59:30.000Z', 60)).toBe('2024-02-29T00:00:30.000Z');
    expect(addSeconds('2025-12-31T23:59:59.000Z', 1)).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each(['2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', 'soon'])('refuses %j', (iso) =>
    expect(() => toMillis(iso, 'expiresAt')).toThrow(ValidationError));
});
