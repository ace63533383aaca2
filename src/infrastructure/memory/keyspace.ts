/**
 * A tiny in-process model of the Redis keyspace the stores use (streams, hashes, strings with a
 * TTL). The in-memory stores run the same key layout (keys.ts), field layout (records.ts) and
 * checks as the Redis ones against it, so a contract test proves the same behaviour, down to a
 * key of the wrong type refusing a write. Nothing here is durable: it is for the embedded dev mode
 * and fast tests.
 */
import { comparePositions, nextPosition } from '../positions.js';

export interface MemoryEntry {
  readonly id: string;
  readonly fields: Readonly<Record<string, Buffer>>;
}

export type KeyType = 'none' | 'stream' | 'hash' | 'string';

type Value =
  | { readonly kind: 'stream'; readonly entries: MemoryEntry[]; lastId: string | null }
  | { readonly kind: 'hash'; readonly fields: Map<string, Buffer> }
  | { readonly kind: 'string'; value: string; expiresAt: number | null };

/** Index of the first entry whose id is ≥ `id` (or > `id` when `exclusive`). O(log n). */
const lowerBound = (entries: readonly MemoryEntry[], id: string, exclusive: boolean): number => {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = comparePositions(entries[mid]!.id, id);
    if (cmp < 0 || (exclusive && cmp === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

export class MemoryKeyspace {
  private readonly values = new Map<string, Value>();

  /** `now` drives stream ids for `*` and TTLs: inject a fake clock in tests. */
  constructor(readonly now: () => number = Date.now) {}

  type(key: string): KeyType {
    const value = this.live(key);
    return value ? value.kind : 'none';
  }

  /** Throws like Redis's WRONGTYPE when `key` exists with another type. */
  assertType(key: string, kind: Exclude<KeyType, 'none'>): void {
    const found = this.type(key);
    if (found !== 'none' && found !== kind) throw new Error(`WRONGTYPE ${key} holds a ${found}, expected a ${kind}`);
  }

  delete(key: string): boolean {
    return this.values.delete(key);
  }

  // --- streams ---------------------------------------------------------------------------------

  /** XADD; `id` '*' generates one like Redis. Explicit ids must be above the stream's last id. */
  xadd(key: string, id: string, fields: Readonly<Record<string, Buffer>>): string {
    const stream = this.streamFor(key);
    const next = id === '*' ? nextPosition(stream.lastId, this.now()) : id;
    if (stream.lastId !== null && comparePositions(next, stream.lastId) <= 0) {
      throw new Error('ERR The ID specified in XADD is equal or smaller than the target stream top item');
    }
    stream.entries.push({ id: next, fields: { ...fields } });
    stream.lastId = next;
    return next;
  }

  /** XRANGE from `start` (inclusive, or exclusive with a `(` prefix) to `end` (inclusive or '+'). */
  xrange(key: string, start: string, end: string, count = Number.POSITIVE_INFINITY): MemoryEntry[] {
    const entries = this.streamEntries(key);
    const exclusive = start.startsWith('(');
    const from = start === '-' ? 0 : lowerBound(entries, exclusive ? start.slice(1) : start, exclusive);
    const to = end === '+' ? entries.length : lowerBound(entries, end, true);
    return entries.slice(from, Math.min(to, from + count));
  }

  /** The last id ever added (survives deleting entries, like Redis's last-generated-id). */
  lastId(key: string): string | null {
    const value = this.live(key);
    return value?.kind === 'stream' ? value.lastId : null;
  }

  streamEntries(key: string): readonly MemoryEntry[] {
    const value = this.live(key);
    return value?.kind === 'stream' ? value.entries : [];
  }

  // --- hashes ----------------------------------------------------------------------------------

  hgetall(key: string): Record<string, Buffer> {
    const value = this.live(key);
    return value?.kind === 'hash' ? Object.fromEntries(value.fields) : {};
  }

  hset(key: string, fields: Readonly<Record<string, Buffer>>): void {
    this.assertType(key, 'hash');
    let value = this.live(key);
    if (value?.kind !== 'hash') {
      value = { kind: 'hash', fields: new Map() };
      this.values.set(key, value);
    }
    for (const [name, field] of Object.entries(fields)) value.fields.set(name, Buffer.from(field));
  }

  // --- strings ---------------------------------------------------------------------------------

  get(key: string): string | null {
    const value = this.live(key);
    if (value === undefined) return null;
    if (value.kind !== 'string') throw new Error(`WRONGTYPE ${key} holds a ${value.kind}, expected a string`);
    return value.value;
  }

  /** SET with EX (seconds) and optional NX; false when NX found the key. */
  set(key: string, value: string, options: { ttlSeconds?: number; nx?: boolean } = {}): boolean {
    if (options.nx && this.type(key) !== 'none') return false;
    const expiresAt = options.ttlSeconds === undefined ? null : this.now() + options.ttlSeconds * 1000;
    this.values.set(key, { kind: 'string', value, expiresAt });
    return true;
  }

  private streamFor(key: string): Extract<Value, { kind: 'stream' }> {
    this.assertType(key, 'stream');
    const value = this.live(key);
    if (value?.kind === 'stream') return value;
    const created = { kind: 'stream' as const, entries: [], lastId: null };
    this.values.set(key, created);
    return created;
  }

  /** The value at `key`, expiring it lazily like Redis does on access. */
  private live(key: string): Value | undefined {
    const value = this.values.get(key);
    if (value?.kind === 'string' && value.expiresAt !== null && value.expiresAt <= this.now()) {
      this.values.delete(key);
      return undefined;
    }
    return value;
  }
}
