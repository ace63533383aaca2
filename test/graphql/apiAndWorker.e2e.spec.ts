/**
 * The production topology: an API node that runs no projections, and a separate worker process
 * (`src/worker.ts`, as `npm run worker` starts it: ROLES=worker) that runs every projection and
 * process manager on the same Redis and key prefix. Every read model the API answers from, and the
 * player stats that a process manager records after a game, can only come from the worker, which
 * also answers /health, /ready and /metrics on its own port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  CreateGameSessionDocument,
  EndGameDocument,
  GameSessionDocument,
  JoinGameSessionDocument,
  LeaderboardDocument,
  PlaceTowerDocument,
  PlayerStatsDocument,
} from '../generated/graphql.js';
import { eventually, signUp } from '../support/players.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/testApp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let api: TestApp;
let worker: ChildProcess;
let output = '';
let workerStatus = '';

/** Resolves when the worker logs that it started; rejects if it exits first or takes too long. */
const started = (child: ChildProcess, timeoutMs: number) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.includes('worker process started'));
      if (line) {
        clearTimeout(timer);
        workerStatus = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });

beforeAll(async () => {
  // Long enough for the worker to apply what a mutation waits for.
  api = await startTestApp({ runProjections: false, overrides: { 'performance.readYourWritesTimeoutMs': 15_000 } });
  worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      // Its status endpoints on any free port (the default, server.port, may be taken on this machine).
      PORT: '0',
      REDIS_URL: inject('redisUrl'),
      JWT_SECRET: TEST_JWT_SECRET,
      // The same layout as the API node: key prefix and partition count must match.
      DA__redis__keyPrefix: api.prefix,
      DA__eventStore__partitions: String(api.config.eventStore.partitions),
      DA__eventBus__blockMs: String(api.config.eventBus.blockMs),
    },
  });
  await started(worker, 30_000);
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    const force = setTimeout(() => worker.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(force);
  }
  await api?.close();
});

it('the worker process answers /health, /ready (worker role, projections running) and /metrics, and nothing else', async () => {
  expect(await (await fetch(`${workerStatus}/health`)).json()).toEqual({ status: 'ok', roles: ['worker'] });
  const ready = await fetch(`${workerStatus}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, roles: ['worker'], redis: true, projections: 'ok', scheduler: 'not run here' });
  const metrics = await (await fetch(`${workerStatus}/metrics`)).text();
  expect(metrics).toMatch(/^da_projection_lag_events\{projection="game"[^}]*\} \d+$/m);
  expect(metrics).toMatch(/^da_scheduler_active 0$/m);
  expect((await fetch(`${workerStatus}/graphql`)).status).toBe(404);
});

it('the API serves what a separate worker projects: game sessions, then player stats and the leaderboard', async () => {
  // Signing up already needs the worker: login reads the users read model.
  const [host, guest] = await Promise.all([signUp(api), signUp(api)]);
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  const sessionId = createGameSession.gameSession.id;
  await guest.client.data(JoinGameSessionDocument, { input: { sessionId } });
  const { placeTower } = await host.client.data(PlaceTowerDocument, { input: { sessionId, towerType: 'ARROW', x: 0, y: 0 } });
  expect(placeTower.__typename).toBe('PlaceTowerSuccess');

  const { gameSession } = await guest.client.data(GameSessionDocument, { id: sessionId });
  expect(gameSession).toMatchObject({ status: 'LOBBY', players: [{ userId: host.userId, towersPlaced: 1 }, { userId: guest.userId }], towers: [{ x: 0, y: 0 }] });

  const { endGame } = await host.client.data(EndGameDocument, { input: { sessionId, reason: 'topology test' } });
  expect(endGame).toMatchObject({ __typename: 'EndGameSuccess', gameSession: { status: 'ENDED' } });
  // The player-stats process manager runs in the worker: it records the game for both players.
  const stats = await eventually(async () => {
    const { player } = await host.client.data(PlayerStatsDocument, { userId: host.userId });
    return player?.gamesPlayed === 1 ? player : null;
  });
  expect(stats).toMatchObject({ userId: host.userId, towersPlaced: 1 });
  await eventually(async () => {
    const { leaderboard } = await host.client.data(LeaderboardDocument, { first: 100 });
    const ids = leaderboard.map((p) => p.userId);
    return ids.includes(host.userId) && ids.includes(guest.userId);
  });
});
