/**
 * Idempotency records `idem:<key>` = JSON {fingerprint, status, result} with a TTL. A claim is one
 * script (SET NX EX, else GET) so two racing retries cannot both see `new`.
 */
import type { IdempotencyClaim, IdempotencyStore } from '../../core/ports.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';
import { defineScript } from './luaScript.js';
import { type IdempotencyRecord, claimFromRecord, doneRecord, pendingRecord, recordTtlSeconds } from '../shared/idempotency.js';

const claimScript = defineScript(`#!lua
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`);

export interface RedisIdempotencyStoreOptions {
  readonly redis: RedisClient;
  readonly keys: Keys;
}

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: RedisClient;
  private readonly keys: Keys;

  constructor(options: RedisIdempotencyStoreOptions) {
    this.redis = options.redis;
    this.keys = options.keys;
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
