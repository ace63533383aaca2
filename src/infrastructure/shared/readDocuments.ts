/**
 * Rules the Redis read store and its in-memory twin share, so both answer queries identically:
 * how documents become hash fields, how a field value becomes an index value or score, how
 * cursors and page sizes work.
 */
import { ValidationError } from '../../core/errors.js';
import type { IndexDefinition, QueryCriteria, ReadDocument, ReadWrite } from '../../core/ports.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

/** Top-level fields, JSON-encoded; `undefined` fields are left out (as JSON does). */
export const encodeFields = (doc: ReadDocument): Array<[string, string]> => {
  const fields: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(doc)) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`field "${name}" cannot be stored (functions and symbols are not data)`);
    fields.push([name, json]);
  }
  return fields;
};

export const decodeFields = <T extends ReadDocument>(flat: readonly string[]): T => {
  const doc: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) doc[flat[i]!] = JSON.parse(flat[i + 1]!) as unknown;
  return doc as T;
};

/**
 * Set and unique indexes key on a string: a JSON string field by its text, any other non-null
 * value by its JSON text (`true`, `42`). `null` and missing fields are not indexed.
 */
export const indexValueOfJson = (json: string | undefined): string | null => {
  if (json === undefined || json === 'null') return null;
  return json.startsWith('"') ? (JSON.parse(json) as string) : json;
};

/** What a `where` value must equal (same rule as indexValueOfJson). */
export const whereValue = (value: string | number | boolean): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Sorted indexes hold numeric fields only; anything else leaves the document out of that index. */
export const scoreOfJson = (json: string | undefined): number | null => {
  if (json === undefined || json === 'null' || json.startsWith('"') || json === 'true' || json === 'false') return null;
  const n = Number(json);
  return Number.isFinite(n) ? n : null;
};

export interface Cursor {
  /** The score as the store printed it (exact round trip). */
  readonly score: string;
  readonly id: string;
}

/** Opaque to clients: base64url of [score, id]; ties on score are broken by id. */
export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.score, cursor.id]), 'utf8').toString('base64url');

export const decodeCursor = (after: string | null | undefined): Cursor | null => {
  if (after === null || after === undefined || after === '') return null;
  try {
    const parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { score: parsed[0], id: parsed[1] };
    }
  } catch {
    // falls through to the validation error
  }
  throw ValidationError.field('after', 'Invalid cursor');
};

export const pageSize = (criteria: QueryCriteria): number => {
  const first = criteria.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw ValidationError.field('first', '`first` must be a non-negative integer');
  return Math.min(first, MAX_PAGE_SIZE);
};

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export const checkIndexDefinition = (index: IndexDefinition): void => {
  if (!NAME.test(index.name)) throw ValidationError.field('index', `Invalid index name "${index.name}"`);
  if (!['unique', 'set', 'sorted'].includes(index.kind)) throw ValidationError.field('index', `Invalid index kind "${String(index.kind)}"`);
  if (typeof index.field !== 'string' || index.field === '') throw ValidationError.field('index', 'An index needs a field');
};

/** Checks a batch before anything is sent, so an invalid write fails the batch, not half of it. */
export const checkWrites = (writes: readonly ReadWrite[]): void => {
  for (const w of writes) {
    if (!NAME.test(w.collection)) throw ValidationError.field('collection', `Invalid collection name "${w.collection}"`);
    if (typeof w.id !== 'string' || w.id === '') throw ValidationError.field('id', 'A read-model write needs an id');
    if (w.op === 'put') encodeFields(w.doc);
    else if (w.op === 'patch') encodeFields(w.fields);
    else if (w.op !== 'delete') throw ValidationError.field('op', `Unknown read-model write "${String((w as { op: unknown }).op)}"`);
  }
};

/** Which index answers `where` on a field (set or unique), and which sorted index orders a query. */
export const resolveQueryIndexes = (
  collection: string,
  indexes: readonly IndexDefinition[],
  criteria: QueryCriteria,
): { order: IndexDefinition | null; filters: Array<{ index: IndexDefinition; value: string }> } => {
  const orderBy = criteria.orderBy ?? '';
  const order = indexes.find((i) => i.kind === 'sorted' && (orderBy === '' || i.name === orderBy || i.field === orderBy)) ?? null;
  if (!order && orderBy !== '') throw ValidationError.field('orderBy', `No sorted index "${orderBy}" on ${collection}`);
  const filters = Object.entries(criteria.where ?? {}).map(([field, value]) => {
    const index = indexes.find((i) => i.kind !== 'sorted' && i.field === field);
    if (!index) throw ValidationError.field(`where.${field}`, `No set or unique index on ${collection}.${field}`);
    return { index, value: whereValue(value) };
  });
  return { order, filters };
};

/** An unlisted collection (CollectionDefinition.listed false) has no id list to page through. */
export const checkListable = (collection: string, unlisted: boolean, order: IndexDefinition | null, filterCount: number): void => {
  if (unlisted && !order && filterCount === 0) {
    throw ValidationError.field('where', `${collection} is unlisted: query it with a where on a set or unique index, or order by a sorted index`);
  }
};
