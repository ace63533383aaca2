/**
 * The parent's handle on the HTTP load generator: one long-lived child process (starting a tsx
 * process per run would cost more than a quick run), fed one spec at a time.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, stopChild } from '../lifecycle.js';
import type { HttpLoadResult, HttpLoadSpec } from './http.js';

export interface HttpLoadgen {
  run(spec: HttpLoadSpec): Promise<HttpLoadResult>;
  stop(): Promise<void>;
}

export const startHttpLoadgen = async (): Promise<HttpLoadgen> => {
  const dir = await mkdtemp(join(tmpdir(), 'da-bench-http-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/loadgen/http.ts'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stop = onCleanup(async () => {
    child.stdin.end();
    await stopChild(child, 3_000);
    await rm(dir, { recursive: true, force: true });
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
  let pending: { resolve: (r: HttpLoadResult) => void; reject: (e: Error) => void } | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    let nl: number;
    while ((nl = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, nl);
      stdout = stdout.slice(nl + 1);
      if (!line.startsWith('RESULT ') || !pending) continue;
      const parsed = JSON.parse(line.slice(7)) as HttpLoadResult & { error?: string };
      const p = pending;
      pending = null;
      if (parsed.error) p.reject(new Error(`load generator: ${parsed.error}`));
      else p.resolve(parsed);
    }
  });
  child.on('exit', (code, signal) => pending?.reject(new Error(`load generator exited with ${code ?? signal}: ${stderr.trim()}`)));
  let runs = 0;
  return {
    async run(spec) {
      if (pending) throw new Error('load generator busy');
      const file = join(dir, `spec-${runs++}.json`);
      await writeFile(file, JSON.stringify(spec));
      const timeoutMs = ((spec.amount ? 60 : spec.durationSeconds) + 60) * 1000;
      try {
        return await new Promise<HttpLoadResult>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`load generator: no result within ${timeoutMs} ms`)), timeoutMs);
          pending = {
            resolve: (r) => (clearTimeout(timer), resolve(r)),
            reject: (e) => (clearTimeout(timer), reject(e)),
          };
          child.stdin.write(`${file}\n`);
        });
      } finally {
        pending = null;
        await rm(file, { force: true });
      }
    },
    stop,
  };
};

let shared: Promise<HttpLoadgen> | null = null;
/** The run's load generator, started on first use (and stopped with everything else on cleanup). */
export const httpLoad = async (spec: HttpLoadSpec): Promise<HttpLoadResult> => {
  shared ??= startHttpLoadgen();
  return (await shared).run(spec);
};
