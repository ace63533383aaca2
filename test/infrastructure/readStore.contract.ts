/**
 * The ReadStore contract: the Redis store and its in-memory twin must pass exactly this.
 * Each test uses its own collection names, so one store (and one key prefix) can serve them all.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import type { ManagedReadStore } from '../../src/core/projections/ports.js';
import type { Page, ReadDocument } from '../../src/core/ports.js';

type Player = { id: string; name: string; team: string; score?: number | null; active?: boolean; email?: string };

let counter = 0;
const fresh = (): string => `c${++counter}x${Math.random().toString(36).slice(2, 6)}`;

const players = (store: ManagedReadStore) => {
  const name = fresh();
  return {
    name,
    register: () =>
      store.register(name, [
        {
          name,
          indexes: [
            { name: 'email', kind: 'unique', field: 'email' },
            { name: 'team', kind: 'set', field: 'team' },
            { name: 'active', kind: 'set', field: 'active' },
            { name: 'score', kind: 'sorted', field: 'score' },
          ],
        },
      ]),
    put: (doc: Player) => store.write([{ op: 'put', collection: name, id: doc.id, doc }]),
  };
};

const ids = (docs: readonly ReadDocument[]) => docs.map((d) => d.id);

export function readStoreContract(label: string, create: () => ManagedReadStore): void {
  describe(`ReadStore contract (${label})`, () => {
    it('puts, gets, patches and deletes documents', async () => {
      const store = create();
      const c = fresh();
      await store.write([
        { op: 'put', collection: c, id: 'a', doc: { id: 'a', n: 1, tags: ['x'], nested: { deep: true } } },
        { op: 'patch', collection: c, id: 'b', fields: { id: 'b', n: 2 } },
      ]);
      expect(await store.get(c, 'a')).toEqual({ id: 'a', n: 1, tags: ['x'], nested: { deep: true } });
      expect(await store.get(c, 'b')).toEqual({ id: 'b', n: 2 });
      await store.write([{ op: 'patch', collection: c, id: 'a', fields: { n: 5, extra: null, gone: undefined } }]);
      expect(await store.get(c, 'a')).toEqual({ id: 'a', n: 5, tags: ['x'], nested: { deep: true }, extra: null });
      await store.write([{ op: 'put', collection: c, id: 'a', doc: { id: 'a' } }]);
      expect(await store.get(c, 'a')).toEqual({ id: 'a' });
      expect(await store.getMany(c, ['b', 'missing', 'a'])).toEqual([{ id: 'b', n: 2 }, null, { id: 'a' }]);
      await store.write([{ op: 'delete', collection: c, id: 'a' }]);
      expect(await store.get(c, 'a')).toBeNull();
      expect((await store.query(c)).totalCount).toBe(1);
    });

    it('keeps a unique index consistent on update and delete (last writer wins a value)', async () => {
      const store = create();
      const p = players(store);
      await p.register();
      await p.put({ id: 'u1', name: 'Ann', team: 'red', email: 'ann@x.io' });
      expect(await store.findUnique(p.name, 'email', 'ann@x.io')).toMatchObject({ id: 'u1' });
      await store.write([{ op: 'patch', collection: p.name, id: 'u1', fields: { email: 'ann@y.io' } }]);
      expect(await store.findUnique(p.name, 'email', 'ann@x.io')).toBeNull();
      expect(await store.findUnique(p.name, 'email', 'ann@y.io')).toMatchObject({ id: 'u1' });
      await p.put({ id: 'u2', name: 'Bob', team: 'red', email: 'ann@y.io' });
      expect(await store.findUnique(p.name, 'email', 'ann@y.io')).toMatchObject({ id: 'u2' });
      // u1 leaving must not remove the entry u2 took over.
      await store.write([{ op: 'delete', collection: p.name, id: 'u1' }]);
      expect(await store.findUnique(p.name, 'email', 'ann@y.io')).toMatchObject({ id: 'u2' });
      await store.write([{ op: 'delete', collection: p.name, id: 'u2' }]);
      expect(await store.findUnique(p.name, 'email', 'ann@y.io')).toBeNull();
      await expect(store.findUnique(p.name, 'nope', 'x')).rejects.toBeInstanceOf(ValidationError);
    });

    it('keeps set and sorted indexes consistent on update and delete', async () => {
      const store = create();
      const p = players(store);
      await p.register();
      await p.put({ id: 'a', name: 'A', team: 'red', score: 10, active: true });
      await p.put({ id: 'b', name: 'B', team: 'blue', score: 5, active: false });
      await p.put({ id: 'c', name: 'C', team: 'red', score: null });
      expect(ids((await store.query(p.name, { where: { team: 'red' } })).items)).toEqual(['a']); // c has no score: not ordered
      expect(ids((await store.query(p.name, { where: { active: true } })).items)).toEqual(['a']);
      expect(ids((await store.query(p.name, { where: { active: false } })).items)).toEqual(['b']);
      await store.write([
        { op: 'patch', collection: p.name, id: 'a', fields: { team: 'blue', score: 1 } },
        { op: 'patch', collection: p.name, id: 'c', fields: { score: 7 } },
      ]);
      expect(ids((await store.query(p.name, { where: { team: 'blue' } })).items)).toEqual(['a', 'b']);
      expect(ids((await store.query(p.name, { where: { team: 'red' } })).items)).toEqual(['c']);
      expect(ids((await store.query(p.name, { orderBy: 'score', direction: 'DESC' })).items)).toEqual(['c', 'b', 'a']);
      await store.write([{ op: 'delete', collection: p.name, id: 'b' }]);
      const page = await store.query(p.name, { where: { team: 'blue' } });
      expect(ids(page.items)).toEqual(['a']);
      expect(page.totalCount).toBe(1);
      expect(ids((await store.query(p.name)).items)).toEqual(['a', 'c']);
    });

    it('pages through ties in both directions without duplicates or gaps', async () => {
      const store = create();
      const p = players(store);
      await p.register();
      const docs = Array.from({ length: 23 }, (_, i) => ({ id: `p${String(i).padStart(2, '0')}`, name: `P${i}`, team: i % 2 ? 'red' : 'blue', score: i % 4 }));
      await store.write(docs.map((doc) => ({ op: 'put' as const, collection: p.name, id: doc.id, doc })));
      for (const direction of ['ASC', 'DESC'] as const) {
        for (const where of [undefined, { team: 'red' }]) {
          const expected = docs
            .filter((d) => !where || d.team === where.team)
            .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
            .map((d) => d.id);
          if (direction === 'DESC') expected.reverse();
          const seen: string[] = [];
          let after: string | null = null;
          for (let guard = 0; guard < 20; guard++) {
            const page: Page<ReadDocument> = await store.query(p.name, { orderBy: 'score', direction, first: 4, after, ...(where ? { where } : {}) });
            expect(page.totalCount).toBe(expected.length);
            seen.push(...ids(page.items).map(String));
            after = page.endCursor;
            if (!page.hasNextPage) break;
          }
          expect(seen).toEqual(expected);
        }
      }
    });

    it('continues after a cursor whose document moved or left', async () => {
      const store = create();
      const p = players(store);
      await p.register();
      for (const [id, score] of [['a', 1], ['b', 2], ['c', 2], ['d', 3], ['e', 4]] as const) await p.put({ id, name: id, team: 't', score });
      const first = await store.query(p.name, { orderBy: 'score', first: 2 });
      expect(ids(first.items)).toEqual(['a', 'b']);
      await store.write([{ op: 'delete', collection: p.name, id: 'b' }]);
      expect(ids((await store.query(p.name, { orderBy: 'score', first: 2, after: first.endCursor })).items)).toEqual(['c', 'd']);
      await p.put({ id: 'b', name: 'b', team: 't', score: 0 }); // moved before the cursor
      expect(ids((await store.query(p.name, { orderBy: 'score', first: 5, after: first.endCursor })).items)).toEqual(['c', 'd', 'e']);
      const desc = await store.query(p.name, { orderBy: 'score', direction: 'DESC', first: 2 });
      expect(ids(desc.items)).toEqual(['e', 'd']);
      await store.write([{ op: 'patch', collection: p.name, id: 'd', fields: { score: 9 } }]);
      expect(ids((await store.query(p.name, { orderBy: 'score', direction: 'DESC', after: desc.endCursor })).items)).toEqual(['c', 'a', 'b']);
    });

    it('orders by id when a collection has no sorted index, and counts', async () => {
      const store = create();
      const c = fresh();
      await store.write(['m', 'b', 'z', 'a'].map((id) => ({ op: 'put' as const, collection: c, id, doc: { id } })));
      const page1 = await store.query(c, { first: 3 });
      expect(ids(page1.items)).toEqual(['a', 'b', 'm']);
      expect(page1).toMatchObject({ hasNextPage: true, totalCount: 4 });
      const page2 = await store.query(c, { first: 3, after: page1.endCursor });
      expect(ids(page2.items)).toEqual(['z']);
      expect(page2.hasNextPage).toBe(false);
      expect(ids((await store.query(c, { direction: 'DESC', first: 2 })).items)).toEqual(['z', 'm']);
      const empty = await store.query(fresh());
      expect(empty).toEqual({ items: [], endCursor: null, hasNextPage: false, totalCount: 0 });
    });

    it('combines a unique filter with set filters', async () => {
      const store = create();
      const p = players(store);
      await p.register();
      await p.put({ id: 'a', name: 'A', team: 'red', score: 1, email: 'a@x' });
      expect(ids((await store.query(p.name, { where: { email: 'a@x', team: 'red' } })).items)).toEqual(['a']);
      expect((await store.query(p.name, { where: { email: 'a@x', team: 'blue' } })).totalCount).toBe(0);
      expect((await store.query(p.name, { where: { email: 'nobody' } })).items).toEqual([]);
    });

    it('refuses queries without the needed index, bad cursors and bad writes', async () => {
      const store = create();
      const p = players(store);
      await p.register();
      await expect(store.query(p.name, { where: { name: 'x' } })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.query(p.name, { orderBy: 'name' })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.query(p.name, { after: 'not a cursor' })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.write([{ op: 'put', collection: 'bad name', id: 'x', doc: {} }])).rejects.toBeInstanceOf(ValidationError);
    });

    it('applies a batch atomically: one bad write and nothing is written', async () => {
      const store = create();
      const c = fresh();
      await expect(
        store.write([
          { op: 'put', collection: c, id: 'ok', doc: { id: 'ok' } },
          { op: 'put', collection: c, id: 'bad', doc: { id: 'bad', n: 10n } },
        ]),
      ).rejects.toThrow();
      expect(await store.get(c, 'ok')).toBeNull();
      await store.write([
        { op: 'put', collection: c, id: 'x', doc: { id: 'x', v: 1 } },
        { op: 'patch', collection: c, id: 'x', fields: { v: 2 } },
        { op: 'delete', collection: c, id: 'y' },
      ]);
      expect(await store.get(c, 'x')).toEqual({ id: 'x', v: 2 });
    });

    it('creates and drops indexes on demand, built from existing documents', async () => {
      const store = create();
      const c = fresh();
      await store.write([
        { op: 'put', collection: c, id: 'a', doc: { id: 'a', kind: 'tank', hp: 30, code: 'A1' } },
        { op: 'put', collection: c, id: 'b', doc: { id: 'b', kind: 'scout', hp: 10, code: 'B1' } },
        { op: 'put', collection: c, id: 'c', doc: { id: 'c', kind: 'tank', hp: 20, code: 'C1' } },
      ]);
      await expect(store.query(c, { where: { kind: 'tank' } })).rejects.toBeInstanceOf(ValidationError);
      await store.createIndex(c, { name: 'kind', kind: 'set', field: 'kind' });
      await store.createIndex(c, { name: 'hp', kind: 'sorted', field: 'hp' });
      await store.createIndex(c, { name: 'code', kind: 'unique', field: 'code' });
      await store.createIndex(c, { name: 'kind', kind: 'set', field: 'kind' }); // idempotent
      await expect(store.createIndex(c, { name: 'kind', kind: 'sorted', field: 'hp' })).rejects.toBeInstanceOf(ValidationError);
      expect(ids((await store.query(c, { where: { kind: 'tank' }, orderBy: 'hp' })).items)).toEqual(['c', 'a']);
      expect(await store.findUnique(c, 'code', 'B1')).toMatchObject({ id: 'b' });
      await store.write([{ op: 'patch', collection: c, id: 'b', fields: { kind: 'tank' } }]);
      expect(ids((await store.query(c, { where: { kind: 'tank' }, orderBy: 'hp' })).items)).toEqual(['b', 'c', 'a']);
      await store.dropIndex(c, 'kind');
      await store.dropIndex(c, 'code');
      await expect(store.query(c, { where: { kind: 'tank' } })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.findUnique(c, 'code', 'B1')).rejects.toBeInstanceOf(ValidationError);
      expect(ids((await store.query(c)).items)).toEqual(['b', 'c', 'a']); // still ordered by hp
    });

    it('keeps an unlisted collection readable by id and by its indexes', async () => {
      const store = create();
      const c = fresh();
      await store.register(c, [{ name: c, listed: false, indexes: [{ name: 'code', kind: 'unique', field: 'code' }] }]);
      await store.write([
        { op: 'put', collection: c, id: 'a', doc: { id: 'a', n: 1, code: 'A' } },
        { op: 'patch', collection: c, id: 'b', fields: { id: 'b', n: 2 } },
      ]);
      await store.write([{ op: 'patch', collection: c, id: 'a', fields: { n: 5 } }]);
      expect(await store.get(c, 'a')).toEqual({ id: 'a', n: 5, code: 'A' });
      expect(await store.getMany(c, ['b', 'missing', 'a'])).toEqual([{ id: 'b', n: 2 }, null, { id: 'a', n: 5, code: 'A' }]);
      expect(await store.findUnique(c, 'code', 'A')).toEqual({ id: 'a', n: 5, code: 'A' });
      const found = await store.query(c, { where: { code: 'A' } });
      expect([ids(found.items), found.totalCount]).toEqual([['a'], 1]);
      expect((await store.query(c, { where: { code: 'none' } })).totalCount).toBe(0);
      await store.write([{ op: 'delete', collection: c, id: 'a' }]);
      expect(await store.get(c, 'a')).toBeNull();
      expect(await store.findUnique(c, 'code', 'A')).toBeNull();
      expect((await store.query(c, { where: { code: 'A' } })).totalCount).toBe(0);
      await expect(store.query(c)).rejects.toBeInstanceOf(ValidationError);
    });

    it('refuses to list an unlisted collection, but queries it through its set and sorted indexes', async () => {
      const store = create();
      const c = fresh();
      await store.register(c, [{ name: c, listed: false, indexes: [{ name: 'team', kind: 'set', field: 'team' }] }]);
      await store.write([
        { op: 'put', collection: c, id: 'b', doc: { id: 'b', team: 'red', hp: 1 } },
        { op: 'put', collection: c, id: 'a', doc: { id: 'a', team: 'red', hp: 2 } },
        { op: 'put', collection: c, id: 'c', doc: { id: 'c', team: 'blue', hp: 3 } },
      ]);
      const refused = await store.query(c).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as Error).message).toMatch(/unlisted/);
      const red = await store.query(c, { where: { team: 'red' }, first: 1 });
      expect([ids(red.items), red.totalCount, red.hasNextPage]).toEqual([['a'], 2, true]);
      expect(ids((await store.query(c, { where: { team: 'red' }, after: red.endCursor })).items)).toEqual(['b']);
      // An index built later finds the existing documents without an id list.
      await store.createIndex(c, { name: 'hp', kind: 'sorted', field: 'hp' });
      expect(ids((await store.query(c, { direction: 'DESC' })).items)).toEqual(['c', 'a', 'b']);
      expect(ids((await store.query(c, { where: { team: 'red' } })).items)).toEqual(['b', 'a']); // ordered by hp now
    });

    it('treats an unlisted document without fields as absent', async () => {
      const store = create();
      const c = fresh();
      const listed = fresh();
      await store.register(c, [{ name: c, listed: false }]);
      await store.write([
        { op: 'put', collection: c, id: 'empty', doc: {} },
        { op: 'patch', collection: c, id: 'nothing', fields: {} },
        { op: 'put', collection: c, id: 'x', doc: { id: 'x' } },
        { op: 'put', collection: listed, id: 'empty', doc: {} },
      ]);
      expect(await store.getMany(c, ['empty', 'nothing', 'x'])).toEqual([null, null, { id: 'x' }]);
      await store.write([{ op: 'put', collection: c, id: 'x', doc: {} }]);
      expect(await store.get(c, 'x')).toBeNull();
      expect(await store.get(listed, 'empty')).toEqual({}); // a listed one exists through its id
    });

    it('records a change of listing at register, keeping the documents and their indexes', async () => {
      const store = create();
      const c = fresh();
      await store.register(c, [{ name: c }]);
      await store.write([
        { op: 'put', collection: c, id: 'a', doc: { id: 'a', team: 'red' } },
        { op: 'put', collection: c, id: 'b', doc: { id: 'b', team: 'blue' } },
        { op: 'put', collection: c, id: 'empty', doc: {} },
      ]);
      await store.register(c, [{ name: c, listed: false, indexes: [{ name: 'team', kind: 'set', field: 'team' }] }]);
      await expect(store.query(c)).rejects.toBeInstanceOf(ValidationError);
      expect(await store.get(c, 'empty')).toBeNull();
      expect(ids((await store.query(c, { where: { team: 'red' } })).items)).toEqual(['a']);
      await store.write([
        { op: 'put', collection: c, id: 'c', doc: { id: 'c', team: 'red' } },
        { op: 'delete', collection: c, id: 'b' },
      ]);
      await store.register(c, [{ name: c, indexes: [{ name: 'team', kind: 'set', field: 'team' }] }]);
      const all = await store.query(c);
      expect([ids(all.items), all.totalCount]).toEqual([['a', 'c'], 2]);
      expect(ids((await store.query(c, { where: { team: 'red' } })).items)).toEqual(['a', 'c']);
    });
  });
}
