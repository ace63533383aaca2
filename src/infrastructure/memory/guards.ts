/** In-memory twins of the Redis uniqueness store and rate limiter (embedded dev mode, unit tests). */
import type { RateLimiter, UniquenessStore } from '../../core/ports.js';

export const createMemoryUniquenessStore = (): UniquenessStore => {
  const held = new Map<string, string>();
  const key = (scope: string, value: string) => `${scope}\u0000${value}`;
  return {
    async reserve(scope, value, owner) {
      const holder = held.get(key(scope, value));
      if (holder !== undefined && holder !== owner) return holder;
      held.set(key(scope, value), owner);
      return null;
    },
    async release(scope, value, owner) {
      if (held.get(key(scope, value)) === owner) held.delete(key(scope, value));
    },
    lookup: async (scope, value) => held.get(key(scope, value)) ?? null,
  };
};

export const createMemoryRateLimiter = (now: () => number = Date.now): RateLimiter => {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const run = (bucket: string, limit: number, windowSeconds: number, increment: number) => {
    const t = now();
    let w = windows.get(bucket);
    if (!w || w.endsAt <= t) {
      w = { count: 0, endsAt: t + windowSeconds * 1000 };
      windows.set(bucket, w);
    }
    w.count += increment;
    return { allowed: w.count <= limit, count: w.count, retryAfterSeconds: Math.max(1, Math.ceil((w.endsAt - t) / 1000)) };
  };
  return {
    hit: async (bucket, limit, windowSeconds) => run(bucket, limit, windowSeconds, 1),
    peek: async (bucket, limit, windowSeconds) => run(bucket, limit, windowSeconds, 0),
    async reset(bucket) {
      windows.delete(bucket);
    },
  };
};
