/**
 * A redis-server the fault test owns: loopback, a free port, AOF with `appendfsync always` in a
 * temp dir, so it can be SIGKILLed and restarted from its AOF on the same port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/redisServer.js';

const HOST = '127.0.0.1';

const ping = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.endsWith('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
    socket.on('error', () => resolve(false));
  });

export interface PersistentRedis {
  readonly url: string;
  readonly port: number;
  /** SIGKILL: no shutdown, no final fsync. */
  kill(): Promise<void>;
  /** Starts again on the same port and dir (it loads the AOF). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const startPersistentRedis = async (): Promise<PersistentRedis> => {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'da-faults-redis-'));
  let child: ChildProcess | null = null;
  const launch = async () => {
    const args = ['--port', String(port), '--bind', HOST, '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no'];
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    child = started;
    const deadline = Date.now() + 20_000;
    while (!(await ping(port))) {
      if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode}`);
      if (Date.now() > deadline) throw new Error('redis-server did not answer within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };
  await launch();
  return {
    url: `redis://${HOST}:${port}`,
    port,
    kill: () => kill('SIGKILL'),
    restart: launch,
    async stop() {
      await kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
};
