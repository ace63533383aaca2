/**
 * eventStore.durability: replicated on a primary + one replica. A replica that stops answering
 * (SIGSTOP) makes WAIT run out: the client gets UnavailableError DURABILITY_TIMEOUT, the append
 * stays on the primary, and a retry with the same idempotency key — once the replica is back —
 * answers the original result without appending anything again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { CreateGameSessionDocument } from '../generated/graphql.js';
import { signUp, type Player } from '../support/players.js';
import { startFaultApp, type FaultApp } from './support/faultApp.js';
import { replicaInSync, startRedis, type RedisProcess } from './support/redisProcesses.js';

const PLACE = `mutation P($input: PlaceTowerInput!) { placeTower(input: $input) { __typename
  ... on PlaceTowerSuccess { tower { id x y } gameSession { version players { gold } } }
  ... on UnavailableError { code retryAfterMs message } ... on Error { message } } }`;

let primary: RedisProcess;
let replica: RedisProcess;
let app: FaultApp;
let player: Player;

beforeAll(async () => {
  primary = await startRedis(['--appendonly', 'no']);
  replica = await startRedis(['--appendonly', 'no', '--replicaof', '127.0.0.1', String(primary.port)]);
  await replicaInSync(primary, replica);
  app = await startFaultApp({ url: primary.url }, { 'eventStore.durability': 'replicated', 'eventStore.replicas': 1, 'eventStore.replicationTimeoutMs': 300 });
  player = await signUp(app);
});
afterAll(async () => {
  replica?.signal('SIGCONT');
  await app?.close();
  await replica?.stop();
  await primary?.stop();
});

const place = async (input: Record<string, unknown>) => {
  const response = await player.client.post({ query: PLACE, variables: { input } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: { placeTower: Record<string, unknown> & { __typename: string } } };
  return body.data.placeTower;
};

it('acknowledges an append once the replica has it', async () => {
  const { createGameSession } = await player.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 1 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  const placed = await place({ sessionId: createGameSession.gameSession.id, towerType: 'ARROW', x: 0, y: 0, idempotencyKey: 'first' });
  expect(placed).toMatchObject({ __typename: 'PlaceTowerSuccess', gameSession: { version: 3 } });
  // Acknowledged means on the replica: read it there.
  const key = createKeys(app.prefix, 8).stream({ aggregateType: 'game_session', aggregateId: createGameSession.gameSession.id });
  expect(await replica.command('XLEN', key)).toBe(3);
});

it('answers DURABILITY_TIMEOUT when the replica does not confirm, and a retry with the same key answers the original result', async () => {
  const { createGameSession } = await player.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 1 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  const sessionId = createGameSession.gameSession.id;
  const key = createKeys(app.prefix, 8).stream({ aggregateType: 'game_session', aggregateId: sessionId });
  const input = { sessionId, towerType: 'ARROW', x: 1, y: 0, idempotencyKey: 'retry-me' };

  replica.signal('SIGSTOP');
  try {
    const first = await place(input);
    expect(first).toMatchObject({ __typename: 'UnavailableError', code: 'DURABILITY_TIMEOUT', retryAfterMs: 300 });
    // The primary applied it: the append is not undone (nothing in Redis can roll it back).
    expect(await primary.command('XLEN', key)).toBe(3);
    // Still unconfirmed: the retry says so again and appends nothing.
    expect(await place(input)).toMatchObject({ __typename: 'UnavailableError', code: 'DURABILITY_TIMEOUT' });
    expect(await primary.command('XLEN', key)).toBe(3);
  } finally {
    replica.signal('SIGCONT');
  }
  await replicaInSync(primary, replica);
  const retried = await place(input);
  expect(retried).toMatchObject({ __typename: 'PlaceTowerSuccess', tower: { x: 1, y: 0 }, gameSession: { version: 3, players: [{ gold: 150 }] } });
  expect(await primary.command('XLEN', key)).toBe(3);
  expect(await replica.command('XLEN', key)).toBe(3);

  const metrics = await (await app.client.get('/metrics')).text();
  expect(metrics).toMatch(/da_storage_failures_total\{reason="DURABILITY_TIMEOUT"[^}]*\} 2/);
});
