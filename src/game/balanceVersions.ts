/**
 * The balance versions games play, by reference: stored once in the ContentStore (kind `balance`,
 * keyed by the hash of the values) when a game is created on them, read back by id when a
 * command of that game needs the values. A version never changes, so this process keeps the ones
 * it has seen (a few: one per balance an operator ever set) and asks the store only for new ones.
 */
import { contentId } from '../core/contentId.js';
import type { ContentStore } from '../core/ports.js';
import type { BalanceSnapshot, BalanceVersion } from './domain/balance.js';
import type { GameSessionState } from './domain/gameSession.js';

export const BALANCE_CONTENT = 'balance';

export interface BalanceVersions {
  /** Stores the values (before any event refers to them) and returns them with their id. */
  store(values: BalanceSnapshot): Promise<BalanceVersion>;
  /** The version `store` would return, without storing it (dry runs write nothing). */
  preview(values: BalanceSnapshot): BalanceVersion;
  /** The stored version `id`; throws when it is not stored (a game would otherwise play on guesses). */
  get(id: string): Promise<BalanceVersion>;
  /** The version a game plays; null for no game. */
  ofGame(state: GameSessionState): Promise<BalanceVersion | null>;
}

export const createBalanceVersions = (store: ContentStore, capacity = 32): BalanceVersions => {
  // Insertion-ordered: the oldest entry goes first when full (there are only ever a few versions).
  const known = new Map<string, BalanceVersion>();
  const remember = (version: BalanceVersion): BalanceVersion => {
    known.delete(version.id);
    known.set(version.id, version);
    if (known.size > capacity) known.delete(known.keys().next().value!);
    return version;
  };
  const get = async (id: string): Promise<BalanceVersion> => {
    const cached = known.get(id);
    if (cached) return cached;
    const values = (await store.get(BALANCE_CONTENT, id)) as BalanceSnapshot | null;
    if (!values) throw new Error(`Balance version ${id} is not stored`);
    return remember({ id, values });
  };
  return {
    async store(values) {
      const cached = known.get(contentId(values));
      if (cached) return cached;
      const id = await store.put(BALANCE_CONTENT, values);
      return remember({ id, values });
    },
    preview: (values) => known.get(contentId(values)) ?? { id: contentId(values), values },
    get,
    async ofGame(state) {
      if (state.status === 'None') return null;
      // Created before balances were stored by reference: the game carries its own values.
      return state.embeddedBalance ? { id: state.balanceId, values: state.embeddedBalance } : get(state.balanceId);
    },
  };
};
