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
  /** Same, with bulk replies as Buffers (binary-safe: stream entries, encoded events). */
  runBuffer(redis: RedisClient, keys: readonly string[], args: readonly ScriptArg[]): Promise<unknown>;
}

type BufferEval = (...args: ScriptArg[]) => Promise<unknown>;

/**
 * ioredis has the Buffer-reply variants of EVALSHA / EVAL at run time but not in its typings, and
 * `callBuffer` loses its command name under auto-pipelining: call the methods by name.
 */
const bufferEval = (redis: RedisClient, name: 'evalshaBuffer' | 'evalBuffer'): BufferEval => {
  const method = (redis as unknown as Record<string, BufferEval | undefined>)[name];
  if (!method) throw new Error(`ioredis lacks ${name}`);
  return method.bind(redis);
};

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
    async runBuffer(redis, keys, args) {
      try {
        return await bufferEval(redis, 'evalshaBuffer')(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return bufferEval(redis, 'evalBuffer')(source, keys.length, ...keys, ...args);
      }
    },
  };
};
