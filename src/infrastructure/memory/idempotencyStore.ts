/** In-memory idempotency store: the Redis record and TTL semantics on a MemoryKeyspace. */
import type { IdempotencyClaim, IdempotencyStore } from '../../core/ports.js';
import { type IdempotencyRecord, claimFromRecord } from '../idempotency.js';
import type { Keys } from '../redis/keys.js';
import type { MemoryKeyspace } from './keyspace.js';

export interface MemoryIdempotencyStoreOptions {
  readonly keyspace: MemoryKeyspace;
  readonly keys: Keys;
}

const ttl = (seconds: number): number => Math.max(1, Math.ceil(seconds));

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly keyspace: MemoryKeyspace;
  private readonly keys: Keys;

  constructor(options: MemoryIdempotencyStoreOptions) {
    this.keyspace = options.keyspace;
    this.keys = options.keys;
  }

  async claim<R>(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim<R>> {
    const pending: IdempotencyRecord = { fingerprint, status: 'pending' };
    const redisKey = this.keys.idempotency(key);
    if (this.keyspace.set(redisKey, JSON.stringify(pending), { ttlSeconds: ttl(ttlSeconds), nx: true })) return { status: 'new' };
    return claimFromRecord<R>(JSON.parse(this.keyspace.get(redisKey) ?? 'null') as IdempotencyRecord, fingerprint);
  }

  async complete(key: string, fingerprint: string, result: unknown, ttlSeconds: number): Promise<void> {
    const done: IdempotencyRecord = { fingerprint, status: 'done', result };
    this.keyspace.set(this.keys.idempotency(key), JSON.stringify(done), { ttlSeconds: ttl(ttlSeconds) });
  }

  async release(key: string): Promise<void> {
    this.keyspace.delete(this.keys.idempotency(key));
  }
}
