/**
 * Idempotency records `idem:<key>` = JSON {fingerprint, status, result} with a TTL. A claim is one
 * script (SET NX EX, else GET) so two racing retries cannot both see `new`.
 */
import type { IdempotencyClaim, IdempotencyStore } from '../../core/ports.js';
import { RedisAdapter, type RedisAccess } from './adapter.js';
import { defineScript } from './luaScript.js';
import { type IdempotencyRecord, claimFromRecord, doneRecord, pendingRecord, recordTtlSeconds } from '../shared/idempotency.js';

const claimScript = defineScript(`#!lua
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`);

export type RedisIdempotencyStoreOptions = RedisAccess;

export class RedisIdempotencyStore extends RedisAdapter implements IdempotencyStore {
  constructor(options: RedisIdempotencyStoreOptions) {
    super(options);
  }

  async claim<R>(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim<R>> {
    const pending = JSON.stringify(pendingRecord(fingerprint));
    const existing = (await claimScript.run(this.redis, [this.keys.idempotency(key)], [pending, recordTtlSeconds(ttlSeconds)])) as string | null;
    if (existing === null) return { status: 'new' };
    return claimFromRecord<R>(JSON.parse(existing) as IdempotencyRecord, fingerprint);
  }

  async complete(key: string, fingerprint: string, result: unknown, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.keys.idempotency(key), JSON.stringify(doneRecord(fingerprint, result)), 'EX', recordTtlSeconds(ttlSeconds));
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.keys.idempotency(key));
  }
}
