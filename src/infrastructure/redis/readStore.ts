/**
 * The read store on Redis: documents as Hashes, indexes as Hashes (unique), Sets (set, one per
 * value) and Sorted sets (sorted), all under the owning projection's hash tag and generation (see
 * ReadModelKeys). Every operation is one Lua script (readStoreWriteScripts.ts,
 * readStoreReadScripts.ts), which resolves the active generation itself: queries keep reading
 * the old generation until a rebuild swaps the pointer, and never a mix of both.
 *
 * Collections belong to a namespace (the projection that writes them); an unregistered collection
 * is its own namespace, so ad-hoc collections work without ceremony.
 */
import { ValidationError } from '../../core/errors.js';
import type { ManagedReadStore, ReadView } from '../../core/projections/ports.js';
import type { CollectionDefinition, IndexDefinition, Page, QueryCriteria, ReadDocument, ReadWrite } from '../../core/ports.js';
import { checkIndexDefinition, checkWrites, decodeCursor, decodeFields, encodeCursor, encodeFields, pageSize, whereValue } from '../shared/readDocuments.js';
import { RedisAdapter, type RedisAccess } from './adapter.js';
import type { ReadModelKeys } from './keys.js';
import type { LuaScript, ScriptArg } from './luaScript.js';
import { getScript, queryScript } from './readStoreReadScripts.js';
import { applyScript, catalogScript, writeScript } from './readStoreWriteScripts.js';

export type RedisReadStoreOptions = RedisAccess<ReadModelKeys>;

/** One projection batch entry: where it sits in its partition and the writes it produced. */
export interface ProjectedEntry {
  readonly position: string;
  readonly writes: readonly ReadWrite[];
}

export type ApplyOutcome = { readonly status: 'applied'; readonly applied: number; readonly skipped: number } | { readonly status: 'lost_lease' | 'retired' };

/** Flattens writes as applyWrite in the scripts reads them: op, collection, id, n, pairs. */
export const writeArgs = (writes: readonly ReadWrite[]): ScriptArg[] => {
  const args: ScriptArg[] = [];
  for (const w of writes) {
    const fields = w.op === 'put' ? encodeFields(w.doc) : w.op === 'patch' ? encodeFields(w.fields) : [];
    args.push(w.op, w.collection, w.id, fields.length, ...fields.flat());
  }
  return args;
};

/** `INVALID <field>|<message>` replies are caller mistakes. */
const translate = (error: unknown): unknown => {
  const message = error instanceof Error ? error.message : '';
  const match = /^INVALID ([^|]*)\|(.*)$/s.exec(message);
  return match ? ValidationError.field(match[1]!, match[2]!) : error;
};

export class RedisReadStore extends RedisAdapter<ReadModelKeys> implements ManagedReadStore {
  private readonly owners = new Map<string, string>();

  constructor(options: RedisReadStoreOptions) {
    super(options);
  }

  /**
   * Declares that `namespace` (a projection) owns these collections, and makes sure their indexes
   * exist and their listing (CollectionDefinition.listed) is recorded, in every live generation.
   */
  async register(namespace: string, collections: readonly CollectionDefinition[]): Promise<void> {
    this.own(namespace, collections);
    for (const c of collections) {
      for (const index of c.indexes ?? []) checkIndexDefinition(index);
      await this.catalog(c.name, 'ensure', [
        c.listed === false ? 'unlisted' : 'listed',
        ...(c.indexes ?? []).map((i) => JSON.stringify({ name: i.name, kind: i.kind, field: i.field })),
      ]);
    }
  }

  /** Ownership only, no Redis round trip (for processes that read but never manage a projection). */
  own(namespace: string, collections: readonly CollectionDefinition[]): void {
    this.keys.meta(namespace); // validates the name
    for (const c of collections) this.owners.set(c.name, namespace);
  }

  namespaceOf(collection: string): string {
    return this.owners.get(collection) ?? collection;
  }

  /**
   * Adds an index on demand and builds it from the existing documents (one atomic script; for an
   * unlisted collection it finds them with SCAN).
   */
  async createIndex(collection: string, index: IndexDefinition): Promise<void> {
    checkIndexDefinition(index);
    await this.catalog(collection, 'ensure', ['', JSON.stringify({ name: index.name, kind: index.kind, field: index.field })]);
  }

  async dropIndex(collection: string, name: string): Promise<void> {
    await this.catalog(collection, 'drop', [name]);
  }

  get<T extends ReadDocument>(collection: string, id: string): Promise<T | null> {
    return this.at(this.namespaceOf(collection), null).get<T>(collection, id);
  }

  async getMany<T extends ReadDocument>(collection: string, ids: readonly string[]): Promise<(T | null)[]> {
    if (ids.length === 0) return [];
    const reply = (await this.run(getScript, this.namespaceOf(collection), null, ['get', collection, ...ids])) as Array<string[] | 0>;
    return reply.map((flat) => (flat === 0 ? null : decodeFields<T>(flat)));
  }

  findUnique<T extends ReadDocument>(collection: string, index: string, value: string): Promise<T | null> {
    return this.at(this.namespaceOf(collection), null).findUnique<T>(collection, index, value);
  }

  query<T extends ReadDocument>(collection: string, criteria: QueryCriteria = {}): Promise<Page<T>> {
    return this.at(this.namespaceOf(collection), null).query<T>(collection, criteria);
  }

  /** Atomic per namespace; a batch spanning namespaces (hash tags) is one script per namespace. */
  async write(writes: readonly ReadWrite[]): Promise<void> {
    checkWrites(writes);
    const groups = new Map<string, ReadWrite[]>();
    for (const w of writes) {
      const ns = this.namespaceOf(w.collection);
      groups.set(ns, [...(groups.get(ns) ?? []), w]);
    }
    for (const [ns, group] of groups) await this.writeTo(ns, group);
  }

  /** One atomic batch into a namespace's active generation, whoever owns the collections. */
  async writeTo(namespace: string, writes: readonly ReadWrite[]): Promise<void> {
    checkWrites(writes);
    if (writes.length === 0) return;
    const roots = this.keys.roots(namespace);
    await writeScript.run(this.redis, [this.keys.meta(namespace)], [roots.readModel, roots.index, writes.length, ...writeArgs(writes)]).catch((e: unknown) => {
      throw translate(e);
    });
  }

  /**
   * A projection batch into one generation, fenced by the partition lease and de-duplicated by
   * position, with the checkpoint moved atomically (see applyScript).
   */
  async applyProjected(namespace: string, generation: number, partition: number, consumer: string, entries: readonly ProjectedEntry[]): Promise<ApplyOutcome> {
    const args: ScriptArg[] = [];
    for (const e of entries) {
      checkWrites(e.writes);
      args.push(e.position, e.writes.length, ...writeArgs(e.writes));
    }
    const keys = [this.keys.meta(namespace), this.keys.lease(namespace, generation, partition), this.keys.checkpoints(namespace, generation)];
    const bases = this.keys.bases(namespace, generation);
    const [applied, skipped] = (await applyScript.run(this.redis, keys, [bases.readModel, bases.index, generation, consumer, partition, entries.length, ...args])) as [number, number];
    if (applied === -1) return { status: 'lost_lease' };
    if (applied === -2) return { status: 'retired' };
    return { status: 'applied', applied, skipped };
  }

  /** Reads pinned to one generation (`null` = whichever is active at each call). */
  at(namespace: string, generation: number | null): ReadView {
    return {
      get: async <T extends ReadDocument>(collection: string, id: string) => {
        const [flat] = (await this.run(getScript, namespace, generation, ['get', collection, id])) as Array<string[] | 0>;
        return flat === undefined || flat === 0 ? null : decodeFields<T>(flat);
      },
      findUnique: async <T extends ReadDocument>(collection: string, index: string, value: string) => {
        const flat = (await this.run(getScript, namespace, generation, ['unique', collection, index, value])) as string[] | 0;
        return flat === 0 ? null : decodeFields<T>(flat);
      },
      query: <T extends ReadDocument>(collection: string, criteria: QueryCriteria = {}) => this.runQuery<T>(namespace, generation, collection, criteria),
    };
  }

  private async runQuery<T extends ReadDocument>(namespace: string, generation: number | null, collection: string, criteria: QueryCriteria): Promise<Page<T>> {
    const first = pageSize(criteria);
    const cursor = decodeCursor(criteria.after);
    const where = Object.entries(criteria.where ?? {}).flatMap(([field, value]) => [field, whereValue(value)]);
    const roots = this.keys.roots(namespace);
    const args: ScriptArg[] = [
      roots.readModel,
      roots.index,
      generation ?? '',
      collection,
      criteria.orderBy ?? '',
      criteria.direction === 'DESC' ? 'DESC' : 'ASC',
      first + 1,
      cursor?.score ?? '',
      cursor?.id ?? '',
      ...where,
    ];
    const reply = (await queryScript.run(this.redis, [this.keys.meta(namespace), this.keys.scratch(namespace)], args).catch((e: unknown) => {
      throw translate(e);
    })) as [number, ...Array<string | string[]>];
    const [totalCount, ...rest] = reply;
    const rows: Array<{ id: string; score: string; doc: T }> = [];
    for (let i = 0; i + 2 < rest.length; i += 3) {
      rows.push({ id: rest[i] as string, score: rest[i + 1] as string, doc: decodeFields<T>(rest[i + 2] as string[]) });
    }
    const items = rows.slice(0, first);
    const last = items.at(-1);
    return {
      items: items.map((r) => r.doc),
      endCursor: last ? encodeCursor({ score: last.score, id: last.id }) : null,
      hasNextPage: rows.length > first,
      totalCount,
    };
  }

  private async run(script: LuaScript, namespace: string, generation: number | null, rest: readonly ScriptArg[]): Promise<unknown> {
    const roots = this.keys.roots(namespace);
    return script.run(this.redis, [this.keys.meta(namespace)], [roots.readModel, roots.index, generation ?? '', ...rest]).catch((e: unknown) => {
      throw translate(e);
    });
  }

  private async catalog(collection: string, mode: 'ensure' | 'drop', rest: readonly string[]): Promise<void> {
    const ns = this.namespaceOf(collection);
    const roots = this.keys.roots(ns);
    this.keys.ids(ns, 1, collection); // validates the collection name
    await catalogScript.run(this.redis, [this.keys.meta(ns)], [roots.readModel, roots.index, mode, collection, ...rest]).catch((e: unknown) => {
      throw translate(e);
    });
  }
}
