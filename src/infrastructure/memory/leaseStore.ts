/** The in-memory twin of the lease (one process: the embedded mode, unit tests). */
import type { LeaseHolder, LeaseStore } from '../../core/ports.js';

interface Held extends LeaseHolder {
  readonly expiresAt: number;
}

export const createMemoryLeaseStore = (now: () => number = Date.now): LeaseStore => {
  const leases = new Map<string, Held>();
  const fences = new Map<string, number>();
  const live = (name: string): Held | null => {
    const held = leases.get(name);
    if (held && held.expiresAt > now()) return held;
    leases.delete(name);
    return null;
  };
  const check = (ttlMs: number) => {
    if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new Error(`lease ttl must be a positive integer of milliseconds, got ${ttlMs}`);
  };
  const holds = (name: string, holder: string, token: number) => {
    const held = live(name);
    return held !== null && held.holder === holder && held.token === token;
  };
  return {
    async acquire(name, holder, ttlMs) {
      check(ttlMs);
      if (live(name)) return null;
      const token = (fences.get(name) ?? 0) + 1;
      fences.set(name, token);
      leases.set(name, { holder, token, expiresAt: now() + ttlMs });
      return token;
    },
    async renew(name, holder, token, ttlMs) {
      check(ttlMs);
      if (!holds(name, holder, token)) return false;
      leases.set(name, { holder, token, expiresAt: now() + ttlMs });
      return true;
    },
    async release(name, holder, token) {
      if (holds(name, holder, token)) leases.delete(name);
    },
    async current(name) {
      const held = live(name);
      return held ? { holder: held.holder, token: held.token } : null;
    },
  };
};
