/**
 * Read-your-writes: a mutation returns the positions its events reached (extensions.readAfter);
 * a query sent with X-Read-After is answered only once the projections have passed them, or
 * fails with a typed TIMEOUT after a bounded wait.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateGameSessionDocument, GameSessionDocument } from '../generated/graphql.js';
import { signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'performance.readYourWritesTimeoutMs': 400 } });
});
afterAll(async () => app?.close());

it('mutations return their positions; queries wait for them', async () => {
  const host = await signUp(app);
  const response = await host.client.post({ query: CreateGameSessionDocument.toString(), variables: { input: { difficulty: 'EASY', maxPlayers: 2 } } });
  const body = (await response.json()) as { data: { createGameSession: { gameSession: { id: string } } }; extensions?: { readAfter?: string } };
  const readAfter = body.extensions?.readAfter;
  expect(readAfter).toMatch(/^\d+:\d+-\d+(,\d+:\d+-\d+)*$/);
  const query = await host.client.withHeaders({ 'x-read-after': readAfter! }).execute(GameSessionDocument, { id: body.data.createGameSession.gameSession.id });
  expect(query.data?.gameSession?.players).toHaveLength(1);
});

it('a position the projections never reach ends in a typed TIMEOUT', async () => {
  const started = Date.now();
  const result = await app.client.withHeaders({ 'x-read-after': '0:99999999999999-0' }).execute(GameSessionDocument, { id: 'x' });
  expect(result.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
  expect(Date.now() - started).toBeGreaterThanOrEqual(350);
});

it('malformed tokens are a client error', async () => {
  const result = await app.client.withHeaders({ 'x-read-after': 'garbage' }).execute(GameSessionDocument, { id: 'x' });
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.status).toBeLessThan(500);
});
