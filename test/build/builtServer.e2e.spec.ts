/**
 * The production build: `node dist/main.js` (what `npm start` runs) starts in production mode on
 * Redis and answers. Its working directory is a temporary directory, so everything it loads at run
 * time (configs/*.yaml, balance.yaml, GraphiQL's bundle) must resolve from dist/ itself.
 *
 * dist/ is built by scripts/ensure-build.mjs (the `prestart` hook): a no-op when dist/ is newer than
 * src/ (.ci/run builds before `npm test`), one tsc run otherwise.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { TEST_JWT_SECRET, testPrefix } from '../support/testApp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let server: ChildProcess | undefined;
let cwd: string;
let output = '';
let base: string;

/** Resolves with the port from the "listening" log line; rejects if the process exits first or takes too long. */
const listening = (child: ChildProcess, timeoutMs: number) =>
  new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dist/main.js did not listen within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.includes('server listening on'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dist/main.js exited with ${code}:\n${output}`));
    });
  });

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building dist/ failed:\n${build.stdout}${build.stderr}`);

  cwd = mkdtempSync(join(tmpdir(), 'da-dist-'));
  server = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/main.js')], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: testPrefix(),
      JWT_SECRET: TEST_JWT_SECRET,
      PRIVACY_MASTER_KEY: 'built-server-test-privacy-master-key-0123456789',
      GRAPHIQL: 'true',
    },
  });
  base = `http://127.0.0.1:${await listening(server, 30_000)}`;
}, 240_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  }
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

it('answers /health, /ready, a query and the GraphiQL page, then stops on SIGTERM', async () => {
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const ready = await fetch(`${base}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, redis: true });

  const query = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(await query.json()).toEqual({ data: { __typename: 'Query' } });

  const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/\/graphiql\/\d+\.\d+\.\d+\//);

  const child = server!;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
