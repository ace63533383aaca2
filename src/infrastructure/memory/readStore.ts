/**
 * In-memory read store: the Redis one's semantics (namespaces, generations, index rules, cursor
 * pagination, last-writer-wins unique indexes) without Redis. Every method runs its changes
 * synchronously, so a batch is atomic by construction. Set and sorted indexes are evaluated on the
 * fly from the documents (same inclusion rules as readModel.ts); unique indexes are kept, because
 * "who holds a value" depends on write order.
 */
import { ValidationError } from '../../core/errors.js';
import { comparePosition } from '../../core/projections/projection.js';
import type { ManagedReadStore, ReadView } from '../../core/projections/ports.js';
import type { CollectionDefinition, IndexDefinition, Page, QueryCriteria, ReadDocument, ReadWrite } from '../../core/ports.js';
import {
  checkIndexDefinition,
  checkListable,
  checkWrites,
  decodeCursor,
  encodeCursor,
  encodeFields,
  indexValueOfJson,
  pageSize,
  resolveQueryIndexes,
  scoreOfJson,
} from '../shared/readDocuments.js';

type Fields = Map<string, string>;

export interface MemoryGeneration {
  readonly catalog: Map<string, IndexDefinition[]>;
  /** Collections declared `listed: false` (in Redis they keep no id list). */
  readonly unlisted: Set<string>;
  readonly docs: Map<string, Map<string, Fields>>;
  /** `<collection>/<index>` → value → id. */
  readonly unique: Map<string, Map<string, string>>;
  readonly checkpoints: Map<number, string>;
}

export interface MemoryNamespace {
  active: number;
  activeVersion: number | null;
  building: number | null;
  buildingVersion: number | null;
  next: number;
  readonly generations: Map<number, MemoryGeneration>;
}

const emptyGeneration = (): MemoryGeneration => ({ catalog: new Map(), unlisted: new Set(), docs: new Map(), unique: new Map(), checkpoints: new Map() });

const decode = <T extends ReadDocument>(fields: Fields): T => {
  const doc: Record<string, unknown> = {};
  for (const [name, json] of fields) doc[name] = JSON.parse(json) as unknown;
  return doc as T;
};

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class MemoryReadStore implements ManagedReadStore {
  private readonly owners = new Map<string, string>();
  private readonly namespaces = new Map<string, MemoryNamespace>();

  async register(namespace: string, collections: readonly CollectionDefinition[]): Promise<void> {
    this.own(namespace, collections);
    for (const c of collections) {
      this.ensureIndexes(c.name, c.indexes ?? []);
      for (const g of this.liveGenerations(this.namespaceOf(c.name))) {
        if (c.listed !== false) {
          g.unlisted.delete(c.name);
          continue;
        }
        g.unlisted.add(c.name);
        // As in Redis: a document without fields existed only through the id list.
        for (const [id, fields] of g.docs.get(c.name) ?? []) if (fields.size === 0) g.docs.get(c.name)?.delete(id);
      }
    }
  }

  own(namespace: string, collections: readonly CollectionDefinition[]): void {
    for (const c of collections) this.owners.set(c.name, namespace);
  }

  namespaceOf(collection: string): string {
    return this.owners.get(collection) ?? collection;
  }

  async createIndex(collection: string, index: IndexDefinition): Promise<void> {
    this.ensureIndexes(collection, [index]);
  }

  async dropIndex(collection: string, name: string): Promise<void> {
    for (const g of this.liveGenerations(this.namespaceOf(collection))) {
      const defs = g.catalog.get(collection) ?? [];
      g.catalog.set(
        collection,
        defs.filter((d) => d.name !== name),
      );
      g.unique.delete(`${collection}/${name}`);
    }
  }

  get<T extends ReadDocument>(collection: string, id: string): Promise<T | null> {
    return this.at(this.namespaceOf(collection), null).get<T>(collection, id);
  }

  async getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<(T | null)[]> {
    const g = this.generation(this.namespaceOf(collection), null);
    return ids.map((id) => {
      const fields = g.docs.get(collection)?.get(id);
      return fields ? decode<T>(fields) : null;
    });
  }

  findUnique<T extends ReadDocument>(collection: string, index: string, value: string): Promise<T | null> {
    return this.at(this.namespaceOf(collection), null).findUnique<T>(collection, index, value);
  }

  query<T extends ReadDocument>(collection: string, criteria: QueryCriteria = {}): Promise<Page<T>> {
    return this.at(this.namespaceOf(collection), null).query<T>(collection, criteria);
  }

  async write(writes: readonly ReadWrite[]): Promise<void> {
    checkWrites(writes);
    for (const w of writes) this.applyWrite(this.generation(this.namespaceOf(w.collection), null), w);
  }

  async writeTo(namespace: string, writes: readonly ReadWrite[]): Promise<void> {
    checkWrites(writes);
    for (const w of writes) this.applyWrite(this.generation(namespace, null), w);
  }

  at(namespace: string, generation: number | null): ReadView {
    return {
      get: async <T extends ReadDocument>(collection: string, id: string) => {
        const fields = this.generation(namespace, generation).docs.get(collection)?.get(id);
        return fields ? decode<T>(fields) : null;
      },
      findUnique: async <T extends ReadDocument>(collection: string, index: string, value: string) => {
        const g = this.generation(namespace, generation);
        const def = (g.catalog.get(collection) ?? []).find((d) => d.kind === 'unique' && d.name === index);
        if (!def) throw ValidationError.field('index', `No unique index "${index}" on ${collection}`);
        const id = g.unique.get(`${collection}/${index}`)?.get(value);
        const fields = id === undefined ? undefined : g.docs.get(collection)?.get(id);
        return fields ? decode<T>(fields) : null;
      },
      query: async <T extends ReadDocument>(collection: string, criteria: QueryCriteria = {}) =>
        this.runQuery<T>(this.generation(namespace, generation), collection, criteria),
    };
  }

  // --- for the in-memory projection runtime ----------------------------------------------------

  /** The namespace's generation bookkeeping (created on first use, generation 1 active). */
  space(namespace: string): MemoryNamespace {
    let ns = this.namespaces.get(namespace);
    if (!ns) {
      ns = { active: 1, activeVersion: null, building: null, buildingVersion: null, next: 1, generations: new Map([[1, emptyGeneration()]]) };
      this.namespaces.set(namespace, ns);
    }
    return ns;
  }

  /** `null` = the active generation. A generation that does not exist reads as empty. */
  generation(namespace: string, generation: number | null): MemoryGeneration {
    const ns = this.space(namespace);
    const number = generation ?? ns.active;
    let g = ns.generations.get(number);
    if (!g) {
      g = emptyGeneration();
      ns.generations.set(number, g);
    }
    return g;
  }

  /** A projection batch into one generation: de-duplicated by position, checkpoint moved with it. */
  applyProjected(namespace: string, generation: number, partition: number, entries: ReadonlyArray<{ position: string; writes: readonly ReadWrite[] }>) {
    for (const e of entries) checkWrites(e.writes);
    const g = this.generation(namespace, generation);
    let applied = 0;
    let skipped = 0;
    for (const e of entries) {
      const checkpoint = g.checkpoints.get(partition);
      if (checkpoint !== undefined && comparePosition(e.position, checkpoint) <= 0) {
        skipped++;
        continue;
      }
      for (const w of e.writes) this.applyWrite(g, w);
      g.checkpoints.set(partition, e.position);
      applied++;
    }
    return { applied, skipped };
  }

  dropGeneration(namespace: string, generation: number): void {
    this.space(namespace).generations.delete(generation);
  }

  private liveGenerations(namespace: string): MemoryGeneration[] {
    const ns = this.space(namespace);
    return [ns.active, ns.building].filter((n): n is number => n !== null).map((n) => this.generation(namespace, n));
  }

  private ensureIndexes(collection: string, indexes: readonly IndexDefinition[]): void {
    indexes.forEach(checkIndexDefinition);
    const gens = this.liveGenerations(this.namespaceOf(collection));
    for (const g of gens) {
      for (const w of indexes) {
        const clash = (g.catalog.get(collection) ?? []).find((d) => d.name === w.name && (d.kind !== w.kind || d.field !== w.field));
        if (clash) throw ValidationError.field('index', `Index "${w.name}" on ${collection} already exists as ${clash.kind} on ${clash.field}`);
      }
    }
    for (const g of gens) {
      const defs = g.catalog.get(collection) ?? [];
      for (const w of indexes) {
        if (defs.some((d) => d.name === w.name)) continue;
        const def = { name: w.name, kind: w.kind, field: w.field };
        defs.push(def);
        if (def.kind !== 'unique') continue;
        // Built in id order, last writer wins: the same outcome as the Redis script.
        const docs = [...(g.docs.get(collection) ?? new Map<string, Fields>())].sort(([a], [b]) => compareIds(a, b));
        for (const [id, fields] of docs) this.uniqueAdd(g, collection, def, id, fields.get(def.field));
      }
      g.catalog.set(collection, defs);
    }
  }

  private applyWrite(g: MemoryGeneration, w: ReadWrite): void {
    let docs = g.docs.get(w.collection);
    if (!docs) {
      docs = new Map();
      g.docs.set(w.collection, docs);
    }
    const uniques = (g.catalog.get(w.collection) ?? []).filter((d) => d.kind === 'unique');
    const before = docs.get(w.id);
    let after: Fields | undefined =
      w.op === 'delete' ? undefined : new Map([...(w.op === 'patch' ? (before ?? []) : []), ...encodeFields(w.op === 'put' ? w.doc : w.fields)]);
    // Unlisted (no id list in Redis): a document without fields does not exist.
    if (after?.size === 0 && g.unlisted.has(w.collection)) after = undefined;
    if (after) docs.set(w.id, after);
    else docs.delete(w.id);
    for (const def of uniques) {
      const old = before?.get(def.field);
      const now = after?.get(def.field);
      if (old === now) continue;
      const map = g.unique.get(`${w.collection}/${def.name}`);
      const oldValue = indexValueOfJson(old);
      if (map && oldValue !== null && map.get(oldValue) === w.id) map.delete(oldValue);
      this.uniqueAdd(g, w.collection, def, w.id, now);
    }
  }

  private uniqueAdd(g: MemoryGeneration, collection: string, def: IndexDefinition, id: string, json: string | undefined): void {
    const value = indexValueOfJson(json);
    if (value === null) return;
    const key = `${collection}/${def.name}`;
    const map = g.unique.get(key) ?? new Map<string, string>();
    map.set(value, id);
    g.unique.set(key, map);
  }

  private runQuery<T extends ReadDocument>(g: MemoryGeneration, collection: string, criteria: QueryCriteria): Page<T> {
    const first = pageSize(criteria);
    const cursor = decodeCursor(criteria.after);
    const { order, filters } = resolveQueryIndexes(collection, g.catalog.get(collection) ?? [], criteria);
    checkListable(collection, g.unlisted.has(collection), order, filters.length);
    const docs = g.docs.get(collection) ?? new Map<string, Fields>();
    const rows: Array<{ id: string; score: number; fields: Fields }> = [];
    for (const [id, fields] of docs) {
      const score = order ? scoreOfJson(fields.get(order.field)) : 0;
      if (score === null) continue;
      const matches = filters.every(({ index, value }) =>
        index.kind === 'unique' ? g.unique.get(`${collection}/${index.name}`)?.get(value) === id : indexValueOfJson(fields.get(index.field)) === value,
      );
      if (matches) rows.push({ id, score, fields });
    }
    const sign = criteria.direction === 'DESC' ? -1 : 1;
    const compare = (a: { score: number; id: string }, b: { score: number; id: string }) => sign * (a.score - b.score || compareIds(a.id, b.id));
    rows.sort(compare);
    const hasUnique = filters.some((f) => f.index.kind === 'unique');
    const after = cursor ? { score: Number(cursor.score), id: cursor.id } : null;
    // A unique filter matches at most one document, always on the first page (as in Redis).
    const rest = after ? (hasUnique ? [] : rows.filter((r) => compare(r, after) > 0)) : rows;
    const items = rest.slice(0, first);
    const last = items.at(-1);
    return {
      items: items.map((r) => decode<T>(r.fields)),
      endCursor: last ? encodeCursor({ score: String(last.score), id: last.id }) : null,
      hasNextPage: rest.length > first,
      totalCount: rows.length,
    };
  }
}
