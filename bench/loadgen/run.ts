/**
 * Runs a load-generator script as its own process and returns what it printed on its `RESULT` line.
 * The spec travels in a temp file (request lists can be large); the child is stopped on cleanup.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, stopChild } from '../lifecycle.js';

export interface LoadgenProcess<R> {
  readonly pid: number;
  /** Lines the child printed that start with `EVENT ` (progress signals), as they come. */
  onEvent(listener: (event: Record<string, unknown>) => void): void;
  /** Sends a line to the child's stdin (commands such as "go" / "stop"). */
  send(message: Record<string, unknown>): void;
  readonly result: Promise<R>;
  stop(): Promise<void>;
}

export const startLoadgen = async <R>(script: string, spec: unknown, timeoutMs: number, nodeFlags: readonly string[] = []): Promise<LoadgenProcess<R>> => {
  const dir = await mkdtemp(join(tmpdir(), 'da-bench-loadgen-'));
  const file = join(dir, 'spec.json');
  await writeFile(file, JSON.stringify(spec));
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, file], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stop = onCleanup(async () => {
    await stopChild(child, 3_000);
    await rm(dir, { recursive: true, force: true });
  });
  const listeners: Array<(event: Record<string, unknown>) => void> = [];
  let stdout = '';
  let stderr = '';
  let resultLine: string | null = null;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    let nl: number;
    while ((nl = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, nl);
      stdout = stdout.slice(nl + 1);
      if (line.startsWith('RESULT ')) resultLine = line.slice(7);
      else if (line.startsWith('EVENT ')) for (const l of listeners) l(JSON.parse(line.slice(6)) as Record<string, unknown>);
    }
  });
  const result = new Promise<R>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${script} did not finish within ${timeoutMs} ms: ${stderr.trim()}`));
      void stop();
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      void stop();
      if (resultLine !== null) resolve(JSON.parse(resultLine) as R);
      else reject(new Error(`${script} exited with ${code ?? signal} and no result:\n${stderr.trim()}`));
    });
  });
  result.catch(() => {});
  return {
    pid: child.pid!,
    onEvent: (listener) => listeners.push(listener),
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    result,
    stop,
  };
};
