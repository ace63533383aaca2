/**
 * A Lua script run with EVALSHA, falling back to EVAL when the server has not cached it yet
 * (NOSCRIPT after a restart, a failover, or on a cluster node seeing it for the first time).
 * EVAL caches the script, so the fallback costs one extra round trip once per node.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './connection.js';

export type ScriptArg = string | Buffer | number;

export interface LuaScript {
  readonly sha: string;
  readonly source: string;
  run(redis: RedisClient, keys: readonly string[], args: readonly ScriptArg[]): Promise<unknown>;
}

export const isNoScript = (error: unknown): boolean => error instanceof Error && error.message.startsWith('NOSCRIPT');

export const defineScript = (source: string): LuaScript => {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    sha,
    source,
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
};
