/** The in-memory twin of the Redis data-key store. */
import type { DataKeyStore } from '../../core/ports.js';

export const createMemoryDataKeyStore = (): DataKeyStore & { readonly entries: () => ReadonlyMap<string, string> } => {
  const stored = new Map<string, string>();
  return {
    get: async (subjectId) => stored.get(subjectId) ?? null,
    async putIfAbsent(subjectId, wrapped) {
      if (!stored.has(subjectId)) stored.set(subjectId, wrapped);
      return stored.get(subjectId)!;
    },
    async bury(subjectId, tombstone) {
      const previous = stored.get(subjectId);
      stored.set(subjectId, tombstone);
      return previous === undefined || !previous.startsWith('forgotten:');
    },
    async replaceIf(subjectId, expected, next) {
      if (stored.get(subjectId) !== expected) return false;
      stored.set(subjectId, next);
      return true;
    },
    async *subjects() {
      yield* [...stored.keys()];
    },
    entries: () => stored,
  };
};
