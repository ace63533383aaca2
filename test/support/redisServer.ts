/**
 * Starts throwaway redis-server processes for tests: loopback only, a free port, no persistence,
 * a temp dir removed on stop. Tests never touch a Redis they did not start (127.0.0.1:6379 in
 * particular), so they can flush and break keys at will.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HOST = '127.0.0.1';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface RedisClusterHandle {
  /** `host:port` of each master. */
  readonly nodes: readonly string[];
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it; a tiny race remains, handled by retrying). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Sends a raw RESP command and returns the raw reply (no client library: this runs before any). */
const ask = (port: number, command: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = createConnection({ host: HOST, port });
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy(new Error('timeout')));
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.endsWith('\r\n')) socket.end();
    });
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs: number, exited: () => string | null): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const died = exited();
    if (died !== null) throw new Error(`${what}: redis-server exited (${died})`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: timed out after ${timeoutMs} ms`);
    await sleep(25);
  }
};

const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
};

interface Launched {
  readonly port: number;
  readonly child: ChildProcess;
  readonly dir: string;
}

const launch = async (extraArgs: (dir: string) => Promise<string[]>): Promise<Launched> => {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'da-redis-'));
    const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, ...(await extraArgs(dir))];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-2_000)));
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-2_000)));
    let failure: string | null = null;
    child.on('error', (error) => (failure = error.message));
    child.on('exit', (code, signal) => (failure ??= `code ${code ?? signal}: ${output.trim().split('\n').slice(-3).join(' | ')}`));
    try {
      await waitUntil(`redis-server on ${port}`, async () => (await ask(port, 'PING')).startsWith('+PONG'), 10_000, () => failure);
      return { port, child, dir };
    } catch (error) {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
      // Someone took the port between freePort() and the bind: try another one.
      if (attempt >= 3) throw error;
    }
  }
};

export const startRedisServer = async (): Promise<RedisServer> => {
  const { port, child, dir } = await launch(async () => []);
  return {
    port,
    url: `redis://${HOST}:${port}`,
    async stop() {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** `masters` cluster-enabled nodes joined with `redis-cli --cluster create`, no replicas. */
export const startRedisCluster = async (masters = 3): Promise<RedisClusterHandle> => {
  const launched: Launched[] = [];
  const stop = async () => {
    await Promise.all(launched.map(async ({ child, dir }) => {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    }));
  };
  try {
    for (let i = 0; i < masters; i++) {
      launched.push(
        await launch(async (dir) => [
          '--cluster-enabled', 'yes',
          '--cluster-config-file', join(dir, 'nodes.conf'),
          // The bus port defaults to port + 10000, which may be taken or above 65535.
          '--cluster-port', String(await freePort()),
          '--cluster-node-timeout', '2000',
        ]),
      );
    }
    const nodes = launched.map(({ port }) => `${HOST}:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    for (const { port } of launched) {
      await waitUntil(`cluster node ${port}`, async () => (await ask(port, 'CLUSTER INFO')).includes('cluster_state:ok'), 20_000, () => null);
    }
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
