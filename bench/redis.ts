/**
 * A throwaway redis-server for one benchmark run: loopback only, a free port, a temp dir removed
 * on stop, no RDB snapshots, and AOF only when asked (`--aof everysec|always`). It never touches a
 * Redis it did not start, so it may FLUSHALL, CONFIG SET and read SLOWLOG freely.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../test/support/redisServer.js';
import { onCleanup, sleep, stopChild } from './lifecycle.js';

export type AofMode = 'none' | 'everysec' | 'always';

export interface BenchRedis {
  readonly url: string;
  readonly port: number;
  readonly aof: AofMode;
  readonly version: string;
  /** A plain admin connection (no auto-pipelining) for INFO, FLUSHALL, SLOWLOG, MEMORY. */
  readonly admin: Redis;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

const aofArgs = (aof: AofMode): string[] =>
  aof === 'none' ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', aof, '--aof-use-rdb-preamble', 'yes'];

const launchOnce = async (aof: AofMode): Promise<{ child: ChildProcess; port: number; dir: string }> => {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'da-bench-redis-'));
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--daemonize', 'no', '--dir', dir, '--loglevel', 'warning', ...aofArgs(aof)];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let failure: string | null = null;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2_000)));
  child.on('error', (error) => (failure = error.message));
  child.on('exit', (code, signal) => (failure ??= `exited with ${code ?? signal}: ${stderr.trim()}`));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (failure !== null) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server on ${port}: ${failure}`);
    }
    const probe = new Redis({ host: HOST, port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    const up = await probe.connect().then(() => probe.ping()).then((r) => r === 'PONG', () => false);
    probe.disconnect();
    if (up) return { child, port, dir };
    if (Date.now() > deadline) {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server on ${port} did not answer PING within 10 s`);
    }
    await sleep(25);
  }
};

export const startBenchRedis = async (aof: AofMode = 'none'): Promise<BenchRedis> => {
  let launched: Awaited<ReturnType<typeof launchOnce>> | null = null;
  for (let attempt = 1; !launched; attempt++) {
    try {
      launched = await launchOnce(aof);
    } catch (error) {
      // Someone took the port between freePort() and the bind: try another one.
      if (attempt >= 3) throw error;
    }
  }
  const { child, port, dir } = launched;
  const admin = new Redis({ host: HOST, port, maxRetriesPerRequest: 1 });
  const stop = onCleanup(async () => {
    admin.disconnect();
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  });
  const version = /redis_version:(\S+)/.exec(await admin.info('server'))?.[1] ?? '?';
  return { url: `redis://${HOST}:${port}`, port, aof, version, admin, stop };
};

/** `INFO <section>` as a record of numbers and strings. */
export const info = async (redis: Redis, section: string): Promise<Record<string, string>> => {
  const text = await redis.info(section);
  const out: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
};

export interface CommandStat {
  readonly calls: number;
  readonly usec: number;
  readonly usecPerCall: number;
}

/** INFO commandstats → { evalsha: { calls, usec, usecPerCall }, … }. */
export const commandStats = async (redis: Redis): Promise<Record<string, CommandStat>> => {
  const raw = await info(redis, 'commandstats');
  const out: Record<string, CommandStat> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = key.replace(/^cmdstat_/, '');
    const fields = Object.fromEntries(value.split(',').map((kv) => kv.split('=') as [string, string]));
    out[name] = { calls: Number(fields.calls), usec: Number(fields.usec), usecPerCall: Number(fields.usec_per_call) };
  }
  return out;
};

/** Server-side time spent per command between two commandstats snapshots (only commands that ran). */
export const commandStatsDelta = (before: Record<string, CommandStat>, after: Record<string, CommandStat>): Record<string, CommandStat> => {
  const out: Record<string, CommandStat> = {};
  for (const [name, a] of Object.entries(after)) {
    const b = before[name] ?? { calls: 0, usec: 0, usecPerCall: 0 };
    const calls = a.calls - b.calls;
    if (calls > 0) out[name] = { calls, usec: a.usec - b.usec, usecPerCall: Math.round(((a.usec - b.usec) / calls) * 100) / 100 };
  }
  return out;
};

export const usedMemory = async (redis: Redis): Promise<number> => Number((await info(redis, 'memory')).used_memory);
