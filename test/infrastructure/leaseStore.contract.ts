/** The LeaseStore contract: one holder at a time, TTL expiry, fencing tokens, renew/release only by the holder. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LeaseStore } from '../../src/core/ports.js';

export interface LeaseFixture {
  /** Leases over a fresh namespace. */
  leases(): LeaseStore;
  /** Lets `ms` pass for TTLs (a fake clock in memory, a real wait on Redis). */
  elapse(ms: number): Promise<void>;
  /** Lease TTL the tests use: long enough on Redis that a loaded machine's stalls stay well inside the margins. */
  readonly ttlMs: number;
}

export const leaseStoreContract = (fixture: () => LeaseFixture): void => {
  describe('lease store', () => {
    const name = () => `lease-${randomUUID().slice(0, 8)}`;

    let TTL = 0;
    const setup = () => {
      const f = fixture();
      TTL = f.ttlMs;
      return f;
    };

    it('one holder at a time: the first acquire wins with token 1, the second gets null', async () => {
      const f = setup();
      const leases = f.leases();
      const lease = name();
      expect(await leases.current(lease)).toBeNull();
      expect(await leases.acquire(lease, 'a', TTL)).toBe(1);
      expect(await leases.acquire(lease, 'b', TTL)).toBeNull();
      expect(await leases.acquire(lease, 'a', TTL)).toBeNull();
      expect(await leases.current(lease)).toEqual({ holder: 'a', token: 1 });
    });

    it('only the holder renews, and only under its own token', async () => {
      const f = setup();
      const leases = f.leases();
      const lease = name();
      const token = await leases.acquire(lease, 'a', TTL);
      expect(token).toBe(1);
      expect(await leases.renew(lease, 'b', 1, TTL)).toBe(false);
      expect(await leases.renew(lease, 'a', 2, TTL)).toBe(false);
      expect(await leases.renew(lease, 'a', 1, TTL)).toBe(true);
      expect(await leases.current(lease)).toEqual({ holder: 'a', token: 1 });
    });

    it('renewal keeps it past the first TTL; without renewal it expires and another takes it with a larger token', async () => {
      const f = setup();
      const leases = f.leases();
      const lease = name();
      expect(await leases.acquire(lease, 'a', TTL)).toBe(1);
      await f.elapse(TTL / 2);
      expect(await leases.renew(lease, 'a', 1, TTL)).toBe(true);
      await f.elapse(Math.round(TTL * 0.6));
      // Past the first TTL, still held thanks to the renewal.
      expect(await leases.acquire(lease, 'b', TTL)).toBeNull();
      await f.elapse(TTL + 100);
      expect(await leases.current(lease)).toBeNull();
      expect(await leases.acquire(lease, 'b', TTL)).toBe(2);
      expect(await leases.current(lease)).toEqual({ holder: 'b', token: 2 });
    });

    it('fencing: a holder whose lease expired cannot renew it, whether or not someone else took it', async () => {
      const f = setup();
      const leases = f.leases();
      const lease = name();
      expect(await leases.acquire(lease, 'a', TTL)).toBe(1);
      await f.elapse(TTL + 100);
      // Nobody took it yet: renewing an expired lease does not resurrect it.
      expect(await leases.renew(lease, 'a', 1, TTL)).toBe(false);
      expect(await leases.current(lease)).toBeNull();
      expect(await leases.acquire(lease, 'b', TTL)).toBe(2);
      // The paused holder wakes up: its renewal and its release leave b's lease alone.
      expect(await leases.renew(lease, 'a', 1, TTL)).toBe(false);
      await leases.release(lease, 'a', 1);
      expect(await leases.current(lease)).toEqual({ holder: 'b', token: 2 });
      // Coming back, a gets a new, larger token: tokens are never reused.
      await leases.release(lease, 'b', 2);
      expect(await leases.acquire(lease, 'a', TTL)).toBe(3);
    });

    it('release frees it at once, only for the holder under its token', async () => {
      const f = setup();
      const leases = f.leases();
      const lease = name();
      expect(await leases.acquire(lease, 'a', 60_000)).toBe(1);
      await leases.release(lease, 'b', 1);
      await leases.release(lease, 'a', 7);
      expect(await leases.current(lease)).toEqual({ holder: 'a', token: 1 });
      await leases.release(lease, 'a', 1);
      expect(await leases.current(lease)).toBeNull();
      expect(await leases.acquire(lease, 'b', 60_000)).toBe(2);
    });

    it('leases of different names are independent; bad ttl values are refused', async () => {
      const f = setup();
      const leases = f.leases();
      const [one, two] = [name(), name()];
      expect(await leases.acquire(one, 'a', TTL)).toBe(1);
      expect(await leases.acquire(two, 'b', TTL)).toBe(1);
      await expect(leases.acquire(name(), 'a', 0)).rejects.toThrow(/ttl/);
      await expect(leases.renew(one, 'a', 1, 1.5)).rejects.toThrow(/ttl/);
    });
  });
};
