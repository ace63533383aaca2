import { describe, expect, it } from 'vitest';
import { createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { RedisReadStore } from '../../src/infrastructure/redis/readStore.js';
import { useTestRedis } from '../support/testRedis.js';
import { readStoreContract } from './readStore.contract.js';

const redis = useTestRedis();

readStoreContract('redis', () => new RedisReadStore({ redis: redis.redis, keys: createReadModelKeys(redis.prefix) }));

describe('RedisReadStore: unlisted collections', () => {
  const store = () => new RedisReadStore({ redis: redis.redis, keys: createReadModelKeys(redis.prefix) });
  const keys = () => createReadModelKeys(redis.prefix);

  it('keeps no #ids sorted set for an unlisted collection', async () => {
    const s = store();
    await s.register('unl1', [{ name: 'unl1', listed: false, indexes: [{ name: 'code', kind: 'unique', field: 'code' }] }]);
    await s.write([
      { op: 'put', collection: 'unl1', id: 'a', doc: { id: 'a', code: 'A' } },
      { op: 'patch', collection: 'unl1', id: 'b', fields: { id: 'b' } },
      { op: 'delete', collection: 'unl1', id: 'a' },
      { op: 'put', collection: 'unl1', id: 'c', doc: { id: 'c' } },
    ]);
    expect(await redis.redis.exists(keys().ids('unl1', 1, 'unl1'))).toBe(0);
    expect(await redis.redis.hget(keys().catalog('unl1', 1), 'unl1#unlisted')).toBe('1');
    expect(await s.getMany('unl1', ['a', 'b', 'c'])).toEqual([null, { id: 'b' }, { id: 'c' }]);
  });

  it('records the flag for a collection whose stored catalog predates it, and drops its id set', async () => {
    const s = store();
    const k = keys();
    // A generation written before the flag existed: catalog entry = a bare JSON array of indexes.
    await s.register('unl2', [{ name: 'unl2', indexes: [{ name: 'team', kind: 'set', field: 'team' }] }]);
    await s.write([
      { op: 'put', collection: 'unl2', id: 'a', doc: { id: 'a', team: 'red' } },
      { op: 'put', collection: 'unl2', id: 'b', doc: { id: 'b', team: 'red' } },
    ]);
    const stored = await redis.redis.hgetall(k.catalog('unl2', 1));
    expect(Object.keys(stored)).toEqual(['unl2']);
    expect(JSON.parse(stored['unl2']!)).toEqual([{ name: 'team', kind: 'set', field: 'team' }]);
    expect(await redis.redis.zcard(k.ids('unl2', 1, 'unl2'))).toBe(2);

    await s.register('unl2', [{ name: 'unl2', listed: false, indexes: [{ name: 'team', kind: 'set', field: 'team' }] }]);
    expect(await redis.redis.hget(k.catalog('unl2', 1), 'unl2#unlisted')).toBe('1');
    expect(await redis.redis.exists(k.ids('unl2', 1, 'unl2'))).toBe(0);
    await s.write([{ op: 'put', collection: 'unl2', id: 'c', doc: { id: 'c', team: 'red' } }]);
    expect(await redis.redis.exists(k.ids('unl2', 1, 'unl2'))).toBe(0);
    expect((await s.query('unl2', { where: { team: 'red' } })).items.map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });

  it('finds only its own documents when building an index, even under a key prefix with glob characters', async () => {
    const globbed = new RedisReadStore({ redis: redis.redis, keys: createReadModelKeys(`${redis.prefix}g[l]*b?:`) });
    // Matched by the unescaped pattern of the store above: must not be picked up.
    const decoy = new RedisReadStore({ redis: redis.redis, keys: createReadModelKeys(`${redis.prefix}glob1:`) });
    for (const s of [globbed, decoy]) await s.register('unl3', [{ name: 'unl3', listed: false }]);
    await globbed.write([
      { op: 'put', collection: 'unl3', id: 'a', doc: { id: 'a', team: 'red' } },
      { op: 'put', collection: 'unl3', id: 'b', doc: { id: 'b', team: 'red' } },
    ]);
    await decoy.write([{ op: 'put', collection: 'unl3', id: 'zzz', doc: { id: 'zzz', team: 'red' } }]);
    await globbed.createIndex('unl3', { name: 'team', kind: 'set', field: 'team' });
    expect((await globbed.query('unl3', { where: { team: 'red' } })).items.map((d) => d.id)).toEqual(['a', 'b']);
  });
});
