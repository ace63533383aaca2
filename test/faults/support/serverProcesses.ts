/**
 * Server processes of one build for the fault suite, started from the sources (tsx) as `npm start`
 * would run them with ROLES: each listens on a port it logs, and every child spawned is tracked so
 * `killAll()` leaves none behind, started or not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_JWT_SECRET } from '../../support/testApp.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface ServerProcess {
  readonly name: string;
  readonly roles: string;
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

export interface ServerProcesses {
  /** Starts one process and resolves once it listens (its port comes from its log). */
  start(name: string, roles: string, extraEnv?: Record<string, string>): Promise<ServerProcess>;
  get(name: string): ServerProcess;
  readonly all: readonly ServerProcess[];
  killAll(): Promise<void>;
}

/** Sends `signal` and resolves once the process exited (at once if it already had). */
export const killed = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** `baseEnv`: what every process shares (Redis target, key prefix, tuning), besides ROLES and PORT. */
export function serverProcesses(baseEnv: () => Record<string, string>, startTimeoutMs = 300_000): ServerProcesses {
  const procs: ServerProcess[] = [];
  const children: ChildProcess[] = [];
  const start = (name: string, roles: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          ROLES: roles,
          PORT: '0',
          JWT_SECRET: TEST_JWT_SECRET,
          DA__auth__scrypt__log2N: '10',
          ...baseEnv(),
          ...extraEnv,
        },
      });
      children.push(child);
      let output = '';
      // Generous: several processes load their sources through tsx on a shared 2-core machine.
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => /listening on|process started/.test(l) && l.includes('"port"'));
        if (line && timer.hasRef()) {
          clearTimeout(timer);
          timer.unref();
          const proc: ServerProcess = { name, roles, child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, output: () => output };
          procs.push(proc);
          resolve(proc);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code ?? signal}:\n${output}`));
        // A process dying on its own (not SIGKILLed by the test) is worth its last words.
        if (signal !== 'SIGKILL') console.error(`[faults] ${name} exited with ${code ?? signal}:\n${output.split('\n').slice(-20).join('\n')}`);
      });
    });
  return {
    start,
    get(name) {
      const found = procs.find((p) => p.name === name);
      if (!found) throw new Error(`no process ${name}`);
      return found;
    },
    all: procs,
    killAll: async () => {
      await Promise.all(children.map((child) => killed(child, 'SIGKILL')));
    },
  };
}

/** /ready of a process, as JSON. */
export const readyOf = async (proc: ServerProcess): Promise<Record<string, unknown>> => (await (await fetch(`${proc.url}/ready`)).json()) as Record<string, unknown>;

/** Every sample of a metric line matching `pattern` (its first group is the value). */
export const metricOf = async (proc: ServerProcess, pattern: RegExp): Promise<number[]> => {
  const text = await (await fetch(`${proc.url}/metrics`)).text();
  return [...text.matchAll(new RegExp(pattern.source, 'gm'))].map((m) => Number(m[1]));
};
