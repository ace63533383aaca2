/**
 * What every Redis adapter holds: the client it is given (never a module-level singleton) and the
 * one module that owns the key layout, so no adapter builds a key string itself.
 */
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';

export interface RedisAccess<K = Keys> {
  readonly redis: RedisClient;
  readonly keys: K;
}

export abstract class RedisAdapter<K = Keys> {
  protected readonly redis: RedisClient;
  protected readonly keys: K;

  protected constructor({ redis, keys }: RedisAccess<K>) {
    this.redis = redis;
    this.keys = keys;
  }
}
