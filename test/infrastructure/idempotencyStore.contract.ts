/** The IdempotencyStore contract: new / pending / done / mismatch, release, and expiry. */
import { describe, expect, it } from 'vitest';
import { newId } from './storageFixture.js';
import type { FixtureFactory } from './storageFixture.js';

export const idempotencyStoreContract = (fixture: FixtureFactory): void => {
  describe('idempotency store', () => {
    it('walks new → pending → done, and refuses another input under the same key', async () => {
      const { idempotencyStore: store } = fixture().storage();
      const key = newId();
      expect(await store.claim(key, 'fp-1', 60)).toEqual({ status: 'new' });
      expect(await store.claim(key, 'fp-1', 60)).toEqual({ status: 'pending' });
      await store.complete(key, 'fp-1', { gameId: 'g1', version: 3 }, 60);
      expect(await store.claim(key, 'fp-1', 60)).toEqual({ status: 'done', result: { gameId: 'g1', version: 3 } });
      expect(await store.claim(key, 'fp-2', 60)).toEqual({ status: 'mismatch' });
    });

    it('forgets a released claim so a retry may run', async () => {
      const { idempotencyStore: store } = fixture().storage();
      const key = newId();
      await store.claim(key, 'fp', 60);
      await store.release(key);
      expect(await store.claim(key, 'fp', 60)).toEqual({ status: 'new' });
    });

    it('lets exactly one of 50 concurrent claims be new', async () => {
      const { idempotencyStore: store } = fixture().storage();
      const key = newId();
      const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim(key, 'fp', 60)));
      expect(claims.filter((c) => c.status === 'new')).toHaveLength(1);
      expect(claims.filter((c) => c.status === 'pending')).toHaveLength(49);
    });

    it('expires records after their TTL', async () => {
      const f = fixture();
      const { idempotencyStore: store } = f.storage();
      const key = newId();
      await store.claim(key, 'fp', 1);
      await store.complete(key, 'fp', 'ok', 1);
      expect(await store.claim(key, 'fp', 1)).toMatchObject({ status: 'done' });
      await f.elapse(1_100);
      expect(await store.claim(key, 'fp', 1)).toEqual({ status: 'new' });
    });
  });
};
