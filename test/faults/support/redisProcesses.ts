/**
 * redis-server processes a fault scenario owns: loopback, a free port, a temp dir, and the faults
 * an operator meets — SIGKILL, pause (SIGSTOP/SIGCONT), restart on the same port and data dir
 * (from its AOF), replicas, a 3 + 3 Redis Cluster. Every process is stopped by `stop()`; the
 * Redis at 127.0.0.1:6379 is never touched.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from '../../support/redisServer.js';

const run = promisify(execFile);
export const HOST = '127.0.0.1';
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export interface RedisProcess {
  readonly port: number;
  readonly url: string;
  readonly address: string;
  readonly dir: string;
  /** A short-lived admin connection (no retries): callers quit it. */
  admin(): Redis;
  /** Sends one command on a fresh connection and returns the reply. */
  command(...args: (string | number)[]): Promise<unknown>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP pauses it (sockets stay open, nothing is answered: a link that drops); SIGCONT resumes. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void;
  /** Starts it again on the same port and data dir (reads its AOF when it has one). */
  restart(): Promise<void>;
  readonly alive: boolean;
  stop(): Promise<void>;
}

const exitOf = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

export async function startRedis(args: readonly string[] | ((dir: string) => readonly string[]) = [], options: { port?: number } = {}): Promise<RedisProcess> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'da-faults-'));
  const extra = typeof args === 'function' ? args(dir) : args;
  let child: ChildProcess | null = null;
  let output = '';
  const launch = async () => {
    output = '';
    const spawned = spawn('redis-server', ['--port', String(port), '--bind', HOST, '--save', '', '--daemonize', 'no', '--dir', dir, ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    spawned.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000)));
    spawned.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000)));
    child = spawned;
    await waitFor(
      `redis-server on ${port}`,
      async () => {
        if (spawned.exitCode !== null) throw new Error(`redis-server on ${port} exited: ${output.trim().split('\n').slice(-3).join(' | ')}`);
        return (await handle.command('PING')) === 'PONG';
      },
      20_000,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; output: ${output.trim().split('\n').slice(-3).join(' | ')}`);
    });
  };
  const handle: RedisProcess = {
    port,
    url: `redis://${HOST}:${port}`,
    address: `${HOST}:${port}`,
    dir,
    admin: () => new Redis({ host: HOST, port, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000, lazyConnect: false }),
    async command(...commandArgs) {
      const redis = handle.admin();
      redis.on('error', () => {});
      try {
        return await redis.call(String(commandArgs[0]), ...commandArgs.slice(1).map(String));
      } finally {
        redis.disconnect();
      }
    },
    async kill(signal = 'SIGKILL') {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = exitOf(current);
      current.kill(signal);
      await exited;
    },
    signal(signal) {
      (child as ChildProcess | null)?.kill(signal);
    },
    restart: () => launch(),
    get alive() {
      const current = child as ChildProcess | null;
      return current !== null && current.exitCode === null && current.signalCode === null;
    },
    async stop() {
      const current = child;
      if (current && current.exitCode === null && current.signalCode === null) {
        current.kill('SIGCONT');
        const exited = exitOf(current);
        current.kill('SIGTERM');
        const timer = setTimeout(() => current.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  await launch();
  return handle;
}

/** Waits until `replica` is connected to its primary and caught up. */
export async function replicaInSync(primary: RedisProcess, replica: RedisProcess, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    `replica ${replica.port} in sync with ${primary.port}`,
    async () => {
      const info = String(await replica.command('INFO', 'replication'));
      if (!/master_link_status:up/.test(info)) return false;
      const primaryInfo = String(await primary.command('INFO', 'replication'));
      const primaryOffset = Number(/master_repl_offset:(\d+)/.exec(primaryInfo)?.[1]);
      const replicaOffset = Number(/master_repl_offset:(\d+)/.exec(info)?.[1]);
      return replicaOffset >= primaryOffset;
    },
    timeoutMs,
  );
}

export interface RedisClusterProcesses {
  readonly nodes: readonly RedisProcess[];
  /** `host:port` of every node (seeds). */
  readonly seeds: readonly string[];
  /** The node that currently serves `slot` as primary, and its replica. */
  ownerOf(slot: number): Promise<{ primary: RedisProcess; replica: RedisProcess | null }>;
  stop(): Promise<void>;
}

/** `primaries` primaries with one replica each, small cluster-node-timeout, failover allowed whatever the link history (STACK.md §6). */
export async function startCluster(primaries = 3, nodeTimeoutMs = 1_000): Promise<RedisClusterProcesses> {
  const nodes: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    for (let i = 0; i < primaries * 2; i++) {
      const busPort = await freePort();
      nodes.push(
        await startRedis((dir) => [
          '--appendonly', 'no',
          '--cluster-enabled', 'yes',
          '--cluster-config-file', join(dir, 'nodes.conf'),
          // The bus port defaults to port + 10000, which may be taken or above 65535.
          '--cluster-port', String(busPort),
          '--cluster-node-timeout', String(nodeTimeoutMs),
          // A replica whose link was down may still be promoted (STACK.md §6: the loss window needs it).
          '--cluster-replica-validity-factor', '0',
        ]),
      );
    }
    const seeds = nodes.map((n) => n.address);
    await run('redis-cli', ['--cluster', 'create', ...seeds, '--cluster-replicas', '1', '--cluster-yes'], { timeout: 60_000 });
    for (const node of nodes) await waitFor(`cluster node ${node.port} ok`, async () => String(await node.command('CLUSTER', 'INFO')).includes('cluster_state:ok'), 30_000);
    // Every replica attached and through its first sync: WAIT counts only those.
    for (const node of nodes) {
      await waitFor(`cluster node ${node.port} replication`, async () => {
        const info = String(await node.command('INFO', 'replication'));
        return /role:master/.test(info) ? /connected_slaves:1/.test(info) && /state=online/.test(info) : /master_link_status:up/.test(info);
      }, 30_000);
    }
    // ...and every node's own view lists each shard's replica: gossip can lag the replication link,
    // and a view without it made a failover test find "no replica" for its victim.
    for (const node of nodes) {
      await waitFor(`cluster node ${node.port} sees every replica`, async () => {
        const shards = (await node.command('CLUSTER', 'SLOTS')) as unknown[][];
        return shards.length > 0 && shards.every((shard) => shard.length >= 4); // from, to, primary, replica…
      }, 30_000);
    }
    const byPort = new Map(nodes.map((n) => [n.port, n]));
    return {
      nodes,
      seeds,
      async ownerOf(slot) {
        for (const node of nodes) {
          if (!node.alive) continue;
          const shards = (await node.command('CLUSTER', 'SLOTS')) as Array<[number, number, ...Array<[string, number, string]>]>;
          for (const [from, to, ...servers] of shards) {
            const primary = servers[0] ? byPort.get(servers[0][1]) : undefined;
            if (slot < from || slot > to || !primary) continue;
            const replica = servers.slice(1).map((r) => byPort.get(r[1])).find((r) => r?.alive) ?? null;
            return { primary, replica };
          }
        }
        throw new Error(`no live node serves slot ${slot}`);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
