/** In-memory idempotency store: the shared record (idempotency.ts) per key, expiring lazily on access. */
import type { IdempotencyClaim, IdempotencyStore } from '../../core/ports.js';
import { type IdempotencyRecord, claimFromRecord, doneRecord, pendingRecord, recordTtlSeconds } from '../shared/idempotency.js';
import type { MemoryDatabase } from './database.js';

export interface MemoryIdempotencyStoreOptions {
  readonly database: MemoryDatabase;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly db: MemoryDatabase;

  constructor(options: MemoryIdempotencyStoreOptions) {
    this.db = options.database;
  }

  async claim<R>(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim<R>> {
    const existing = this.live(key);
    if (existing) return claimFromRecord<R>(JSON.parse(existing) as IdempotencyRecord, fingerprint);
    this.put(key, pendingRecord(fingerprint), ttlSeconds);
    return { status: 'new' };
  }

  async complete(key: string, fingerprint: string, result: unknown, ttlSeconds: number): Promise<void> {
    this.put(key, doneRecord(fingerprint, result), ttlSeconds);
  }

  async release(key: string): Promise<void> {
    this.db.idempotency.delete(key);
  }

  /** Stored as JSON, so a replayed result is a copy (as read back from Redis), never the original object. */
  private put(key: string, record: IdempotencyRecord, ttlSeconds: number): void {
    this.db.idempotency.set(key, { json: JSON.stringify(record), expiresAt: this.db.now() + recordTtlSeconds(ttlSeconds) * 1000 });
  }

  private live(key: string): string | null {
    const record = this.db.idempotency.get(key);
    if (!record) return null;
    if (record.expiresAt > this.db.now()) return record.json;
    this.db.idempotency.delete(key);
    return null;
  }
}
