/**
 * The server under test (and the hello-world baseline) as child processes: `node --import tsx`
 * runs the TypeScript directly, so the child's pid IS the server (its RSS can be read from /proc).
 * Output is kept (last lines) for error messages; `--cpu-prof` can be passed through to profile.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { freePort } from '../test/support/redisServer.js';
import { onCleanup, sleep, stopChild } from './lifecycle.js';

export interface ServerHandle {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Resident set size (bytes) from /proc; null where /proc is not available. */
  rss(): Promise<number | null>;
  /** CPU time (user + system) used so far, in ms, from /proc; null where unavailable. */
  cpuMs(): Promise<number | null>;
  /** Where its Prometheus metrics are read (every process of a split server). */
  readonly metricsUrls: readonly string[];
  /** Last lines of the child's stdout + stderr. */
  output(): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  readonly script: string;
  readonly env?: Record<string, string>;
  /** Path polled until it answers 200. */
  readonly readyPath: string;
  readonly readyTimeoutMs?: number;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=bench-profiles']. */
  readonly nodeFlags?: readonly string[];
  readonly name: string;
}

export const readRss = async (pid: number): Promise<number | null> => {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
};

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc; null where unavailable. */
export const readCpuMs = async (pid: number): Promise<number | null> => {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / USER_HZ : null;
  } catch {
    return null;
  }
};

export const spawnServer = async (options: SpawnOptions): Promise<ServerHandle> => {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', options.script], {
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  child.on('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const stop = onCleanup(() => stopChild(child, 10_000));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`${options.name} ${exited}:\n${output.trim()}`);
    }
    const ok = await fetch(`${url}${options.readyPath}`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} did not answer ${options.readyPath} within ${options.readyTimeoutMs ?? 60_000} ms:\n${output.trim()}`);
    }
    await sleep(100);
  }
  return { url, port, pid: child.pid!, rss: () => readRss(child.pid!), cpuMs: () => readCpuMs(child.pid!), metricsUrls: [url], output: () => output, stop };
};

const sum = (values: ReadonlyArray<number | null>): number | null => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + v!, 0));

/**
 * One server made of several processes: requests go to the first (its url, port and pid); CPU
 * time and RSS are the sums over all of them, metrics are read from each, stop() stops them all.
 */
export const combinedServer = (front: ServerHandle, ...others: ServerHandle[]): ServerHandle => {
  const all = [front, ...others];
  return {
    url: front.url,
    port: front.port,
    pid: front.pid,
    rss: async () => sum(await Promise.all(all.map((s) => s.rss()))),
    cpuMs: async () => sum(await Promise.all(all.map((s) => s.cpuMs()))),
    metricsUrls: all.flatMap((s) => s.metricsUrls),
    output: () => all.map((s) => s.output()).join('\n'),
    stop: async () => void (await Promise.all(all.map((s) => s.stop()))),
  };
};

/**
 * The Defense Allies server on the bench's Redis: one process with every role, or (`split`) the
 * deployment docs/deployment.md describes on one machine, `ROLES=api` (serving every request) and
 * `ROLES=worker,scheduler` (projections, process managers, timers) as two processes.
 */
export const spawnServerUnderTest = async (redisUrl: string, nodeFlags: readonly string[] = [], extraEnv: Record<string, string> = {}, split = false): Promise<ServerHandle> => {
  if (!split) return spawnApiServer(redisUrl, nodeFlags, extraEnv);
  const [api, worker] = await Promise.all([
    spawnApiServer(redisUrl, nodeFlags, { ...extraEnv, ROLES: 'api' }),
    spawnApiServer(redisUrl, nodeFlags, { ...extraEnv, ROLES: 'worker,scheduler' }),
  ]);
  return combinedServer(api, worker);
};

/** The Defense Allies server (`src/main.ts`) on the bench's Redis, tuned only where setup would be slow. */
export const spawnApiServer = (redisUrl: string, nodeFlags: readonly string[] = [], extraEnv: Record<string, string> = {}): Promise<ServerHandle> =>
  spawnServer({
    name: 'server under test (src/main.ts)',
    script: 'src/main.ts',
    readyPath: '/ready',
    nodeFlags,
    env: {
      REDIS_URL: redisUrl,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      // Registration and login are setup here, not what is measured: cheap hashing, no throttling.
      DA__auth__scrypt__log2N: '10',
      DA__auth__register__perAddressPerMinute: '100000',
      DA__auth__login__perAddressPerMinute: '100000',
      ...extraEnv,
    },
  });

export const spawnHelloServer = (): Promise<ServerHandle> =>
  spawnServer({ name: 'hello-world yoga server', script: 'bench/helloServer.ts', readyPath: '/health' });
