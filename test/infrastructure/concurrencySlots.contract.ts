/** What every ConcurrencySlots adapter must do (memory, Redis, Redis Cluster). */
import { expect, it } from 'vitest';
import type { ConcurrencySlots } from '../../src/core/ports.js';

export interface SlotsFixture {
  slots(): ConcurrencySlots;
  /** A lease short enough to wait out. */
  readonly shortMs: number;
  /** Lets time pass (real or fake) until a short lease has run out. */
  elapse(ms: number): Promise<void>;
}

export const concurrencySlotsContract = (fixture: () => SlotsFixture): void => {
  it('lets exactly `limit` of many racing acquires through, per owner', async () => {
    const store = fixture().slots();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.acquire('replay', 'racer', `t${i}`, 3, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await store.held('replay', 'racer')).toBe(3);
    expect(await store.held('replay', 'someone-else')).toBe(0);
    expect(await store.acquire('replay', 'someone-else', 't0', 3, 60_000)).toBe(true);
    expect(await store.acquire('other-scope', 'racer', 't0', 3, 60_000)).toBe(true);
  });

  it('frees a slot on release at once; an expired token stops counting and cannot be renewed', async () => {
    const { slots, shortMs, elapse } = fixture();
    const store = slots();
    expect(await store.acquire('replay', 'u{1}', 'long', 2, 60_000)).toBe(true);
    expect(await store.acquire('replay', 'u{1}', 'short', 2, shortMs)).toBe(true);
    expect(await store.acquire('replay', 'u{1}', 'third', 2, 60_000)).toBe(false);
    expect(await store.acquire('replay', 'u{1}', 'long', 2, 60_000)).toBe(true); // held already: renewed, not refused
    await store.release('replay', 'u{1}', 'long');
    expect(await store.acquire('replay', 'u{1}', 'third', 2, 60_000)).toBe(true);
    expect(await store.renew('replay', 'u{1}', 'third', 60_000)).toBe(true);
    await elapse(shortMs + 50);
    expect(await store.held('replay', 'u{1}')).toBe(1);
    expect(await store.renew('replay', 'u{1}', 'short', 60_000)).toBe(false);
    await store.release('replay', 'u{1}', 'short'); // harmless
    await store.release('replay', 'u{1}', 'third');
    expect(await store.held('replay', 'u{1}')).toBe(0);
  });
};
