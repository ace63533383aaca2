/** The in-memory twin of the concurrency slots (one process: the embedded mode, unit tests). */
import type { ConcurrencySlots } from '../../core/ports.js';

export const createMemoryConcurrencySlots = (now: () => number = Date.now): ConcurrencySlots => {
  /** (scope, owner) → token → lease expiry (epoch ms). */
  const slots = new Map<string, Map<string, number>>();
  const live = (scope: string, owner: string): Map<string, number> => {
    const id = JSON.stringify([scope, owner]);
    let tokens = slots.get(id);
    if (!tokens) slots.set(id, (tokens = new Map()));
    for (const [token, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(token);
    return tokens;
  };
  const check = (ttlMs: number) => {
    if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new Error(`slot lease must be a positive integer of milliseconds, got ${ttlMs}`);
  };
  return {
    async acquire(scope, owner, token, limit, ttlMs) {
      check(ttlMs);
      const tokens = live(scope, owner);
      if (!tokens.has(token) && tokens.size >= limit) return false;
      tokens.set(token, now() + ttlMs);
      return true;
    },
    async renew(scope, owner, token, ttlMs) {
      check(ttlMs);
      const tokens = live(scope, owner);
      if (!tokens.has(token)) return false;
      tokens.set(token, now() + ttlMs);
      return true;
    },
    async release(scope, owner, token) {
      const tokens = live(scope, owner);
      tokens.delete(token);
      if (tokens.size === 0) slots.delete(JSON.stringify([scope, owner]));
    },
    async held(scope, owner) {
      return live(scope, owner).size;
    },
  };
};
