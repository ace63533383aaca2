/**
 * Fault: an API node SIGKILLed while clients on it follow games. Two API nodes share one Redis:
 * this process (the survivor) and `src/main.ts` in a child process (the victim). Every game is
 * followed over graphql-ws and SSE on both nodes while players keep playing. When the victim is
 * killed its subscribers lose their connection, reconnect to the survivor with `afterVersion` =
 * the last version they saw, and must end with every event exactly once, in order; the
 * survivor's subscribers never notice (no error, no gap, no duplicate, never closed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { GameSessionDocument, GameSessionEventsDocument } from '../generated/graphql.js';
import { eventually, signUp } from '../support/players.js';
import { freePort } from '../support/redisServer.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/testApp.js';
import { createGame, playGame, type LoadStats } from './gameLoad.js';
import { range, rawSSE, rawWebSocket, versionsOf, type Recorded } from './liveClients.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const GAMES = 3;

let survivor: TestApp;
let survivorUrl: string;
let victim: ChildProcess;
let victimUrl: string;
let output = '';

beforeAll(async () => {
  // Two nodes share the projections on a busy machine: give read-your-writes (sign-up) room.
  survivor = await startTestApp({ overrides: { 'performance.readYourWritesTimeoutMs': 15_000 } });
  survivorUrl = `http://127.0.0.1:${(await survivor.server.listen(0)).port}`;
  const port = await freePort();
  victimUrl = `http://127.0.0.1:${port}`;
  victim = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      REDIS_URL: inject('redisUrl'),
      JWT_SECRET: TEST_JWT_SECRET,
      // The same layout as the survivor: key prefix and partition count must match.
      DA__redis__keyPrefix: survivor.prefix,
      DA__eventStore__partitions: String(survivor.config.eventStore.partitions),
      DA__eventBus__blockMs: String(survivor.config.eventBus.blockMs),
      DA__performance__readYourWritesTimeoutMs: '15000',
    },
  });
  victim.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  victim.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  await eventually(
    async () => {
      if (victim.exitCode !== null) throw new Error(`the second API node exited with ${victim.exitCode}:\n${output}`);
      return (await fetch(`${victimUrl}/ready`).catch(() => null))?.status === 200;
    },
    90_000,
    200,
  );
}, 120_000);

afterAll(async () => {
  if (victim && victim.exitCode === null && victim.signalCode === null) {
    const exited = new Promise((resolve) => victim.once('exit', resolve));
    victim.kill('SIGKILL');
    await exited;
  }
  await survivor?.close();
});

interface Follower {
  readonly sessionId: string;
  readonly transport: 'ws' | 'sse';
  readonly before: Recorded;
  after?: Recorded;
}

const follow = (baseUrl: string, transport: 'ws' | 'sse', token: string, sessionId: string, afterVersion: number) => {
  const query = GameSessionEventsDocument.toString();
  return transport === 'ws'
    ? rawWebSocket(`${baseUrl.replace('http', 'ws')}/graphql`, token, query, { sessionId, afterVersion })
    : rawSSE(baseUrl, token, query, { sessionId, afterVersion });
};

it('clients of a killed node resume on the other with afterVersion and see every event exactly once; the other node\'s clients never notice', async () => {
  const games = await Promise.all(
    Array.from({ length: GAMES }, async () => {
      const players = [await signUp(survivor), await signUp(survivor)];
      return { players, session: await createGame(players[0]!, players.slice(1)) };
    }),
  );
  const onVictim: Follower[] = [];
  const onSurvivor: Follower[] = [];
  for (const { players, session } of games) {
    const token = players[0]!.token;
    for (const transport of ['ws', 'sse'] as const) {
      onVictim.push({ sessionId: session.id, transport, before: await follow(victimUrl, transport, token, session.id, 0) });
      onSurvivor.push({ sessionId: session.id, transport, before: await follow(survivorUrl, transport, token, session.id, 0) });
    }
  }
  const tokenOf = new Map(games.map(({ players, session }) => [session.id, players[0]!.token]));

  const stats: LoadStats = { acknowledged: [], failedAttempts: 0, serverErrors: 0 };
  const load = Promise.all(games.map(({ players, session }) => playGame(session, players, (p) => p.client, stats)));
  // Kill the victim once its subscribers have seen some of the play.
  await eventually(async () => onVictim.every((f) => versionsOf(f.before).some((v) => v > 3)), 60_000, 20);
  victim.kill('SIGKILL');
  await Promise.all(onVictim.map((f) => f.before.done));
  for (const f of onVictim) {
    const seen = versionsOf(f.before);
    f.after = await follow(survivorUrl, f.transport, tokenOf.get(f.sessionId)!, f.sessionId, seen.at(-1) ?? 0);
  }
  await load;

  const finals = new Map<string, number>();
  for (const { players, session } of games) {
    const { gameSession } = await players[0]!.client.data(GameSessionDocument, { id: session.id });
    finals.set(session.id, gameSession!.version);
  }
  const seenBy = (f: Follower) => [...versionsOf(f.before), ...(f.after ? versionsOf(f.after) : [])];
  await eventually(async () => [...onVictim, ...onSurvivor].every((f) => seenBy(f).length >= finals.get(f.sessionId)!), 60_000, 100);

  for (const f of onVictim) {
    expect(seenBy(f)).toEqual(range(1, finals.get(f.sessionId)!));
    expect(f.before.ended).not.toBeNull(); // the kill did cut it
    expect(f.after?.ended).toBeNull();
  }
  for (const f of onSurvivor) {
    expect(versionsOf(f.before)).toEqual(range(1, finals.get(f.sessionId)!));
    expect(f.before.payloads.filter((p) => p.errors?.length)).toEqual([]);
    expect(f.before.ended).toBeNull();
  }
  const resumedAt = onVictim.map((f) => versionsOf(f.before).length);
  console.log(
    `api node kill: ${GAMES} games, ${stats.acknowledged.length} acknowledged commands, ${onVictim.length} subscribers resumed on the other node ` +
      `(after ${resumedAt.join('/')} events), ${onSurvivor.length} undisturbed, 0 gaps, 0 duplicates`,
  );
  for (const f of [...onVictim, ...onSurvivor]) (f.after ?? f.before).close();
}, 240_000);
