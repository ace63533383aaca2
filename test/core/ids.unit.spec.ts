import { validate, version } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/core/ids.js';

describe('newId', () => {
  it('makes valid, unique UUIDv7s that sort in the order they were made, across pool refills', () => {
    const ids = Array.from({ length: 5_000 }, () => newId()); // 5,000 × 16 B = ~20 pool refills
    for (const id of ids.slice(0, 50)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the current millisecond, and stays monotonic when the clock steps back', () => {
    const at = Date.now() + 3_600_000; // ahead of every id made so far
    const spy = vi.spyOn(Date, 'now').mockReturnValue(at);
    try {
      const first = newId();
      expect(parseInt(first.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
      spy.mockReturnValue(at - 5_000);
      const later = Array.from({ length: 100 }, () => newId());
      expect([first, ...later].sort()).toEqual([first, ...later]);
    } finally {
      spy.mockRestore();
    }
  });
});
