/** The ContentStore contract: immutable values stored once, named by the hash of their content. */
import { describe, expect, it } from 'vitest';
import { contentId } from '../../src/core/contentId.js';
import type { FixtureFactory } from './storageFixture.js';

const balance = { game: { startingGold: 200, waves: 10 }, towers: { ARROW: { cost: 50, special: { kind: 'none' } } } };

export const contentStoreContract = (fixture: FixtureFactory): void => {
  describe('content store', () => {
    it('stores a value under the hash of its content and reads it back', async () => {
      const { contentStore } = fixture().storage();
      const id = await contentStore.put('balance', balance);
      expect(id).toBe(contentId(balance));
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await contentStore.get('balance', id)).toEqual(balance);
    });

    it('names equal values alike whatever their key order, and different values apart', async () => {
      const { contentStore } = fixture().storage();
      const reordered = { towers: balance.towers, game: { waves: 10, startingGold: 200 } };
      expect(await contentStore.put('balance', reordered)).toBe(await contentStore.put('balance', balance));
      const richer = { ...balance, game: { ...balance.game, startingGold: 201 } };
      expect(await contentStore.put('balance', richer)).not.toBe(contentId(balance));
      expect(await contentStore.get('balance', contentId(richer))).toEqual(richer);
    });

    it('keeps kinds apart and answers null for what it never stored', async () => {
      const { contentStore } = fixture().storage();
      const id = await contentStore.put('balance', balance);
      expect(await contentStore.get('map', id)).toBeNull();
      expect(await contentStore.get('balance', contentId({ other: true }))).toBeNull();
      expect(await contentStore.get('balance', 'not-an-id')).toBeNull();
      await expect(contentStore.put('Bad Kind!', balance)).rejects.toThrow(/invalid content kind/);
    });

    it('a stored value never changes: a second put keeps the first bytes, a tampered value fails to read', async () => {
      const f = fixture();
      const { contentStore } = f.storage();
      const id = await contentStore.put('balance', balance);
      await contentStore.put('balance', balance);
      expect(await contentStore.get('balance', id)).toEqual(balance);
      await f.tamperContent('balance', id, JSON.stringify({ ...balance, game: { startingGold: 9999, waves: 10 } }));
      await expect(contentStore.get('balance', id)).rejects.toThrow(/does not hash to its id/);
    });
  });
};
