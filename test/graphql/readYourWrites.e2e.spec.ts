/**
 * Read-your-writes: a mutation returns the positions its events reached (extensions.readAfter);
 * a query sent with X-Read-After is answered only once the projections have passed them, or
 * fails with a typed TIMEOUT after a bounded wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActiveGameSessionsDocument, CreateGameSessionDocument, GameSessionDocument } from '../generated/graphql.js';
import { signUp } from '../support/players.js';
import { startTestApp, testPrefix, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'performance.readYourWritesTimeoutMs': 400 } });
});
afterAll(async () => app?.close());

it('mutations return their positions, which a query can send back', async () => {
  const host = await signUp(app);
  const response = await host.client.post({ query: CreateGameSessionDocument.toString(), variables: { input: { difficulty: 'EASY', maxPlayers: 2 } } });
  const body = (await response.json()) as { data: { createGameSession: { gameSession: { id: string } } }; extensions?: { readAfter?: string } };
  const readAfter = body.extensions?.readAfter;
  expect(readAfter).toMatch(/^\d+:\d+-\d+(,\d+:\d+-\d+)*$/);
  const query = await host.client.withHeaders({ 'x-read-after': readAfter! }).execute(ActiveGameSessionsDocument, { first: 100 });
  expect(query.data?.activeGameSessions.edges.map((e) => e.node.id)).toContain(body.data.createGameSession.gameSession.id);
});

describe('X-Read-After on a node whose projections run elsewhere', () => {
  // Three nodes on one store: `writer` and `reader` run no projections (API only), `projector`
  // is started only after the reads were sent. Without a projector, a read without the header
  // misses the write for certain, and a read with it can only be answered by waiting.
  const prefix = testPrefix();
  const nodes: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
  });
  const node = async (runProjections: boolean, timeoutMs: number) => {
    const started = await startTestApp({ prefix, runProjections, overrides: { 'performance.readYourWritesTimeoutMs': timeoutMs } });
    nodes.push(started);
    return started;
  };

  it('a read without the header misses the write; with it, it waits until the projections pass it', async () => {
    // Signing in needs the users read model: a first projector serves that, then leaves.
    const setup = await node(true, 5_000);
    const host = await signUp(setup);
    await setup.close();
    nodes.splice(nodes.indexOf(setup), 1);
    const writer = await node(false, 100);
    const reader = await node(false, 20_000);

    // A game-session command answers from its commit (no wait on projections, none run here),
    // and hands back the positions its events reached.
    const response = await writer.client.withToken(host.token).post({ query: CreateGameSessionDocument.toString(), variables: { input: { difficulty: 'EASY', maxPlayers: 2 } } });
    const body = (await response.json()) as { data: { createGameSession: { gameSession: { id: string } } }; errors?: unknown[]; extensions?: { readAfter?: string } };
    expect(body.errors).toBeUndefined();
    const sessionId = body.data.createGameSession.gameSession.id;
    const readAfter = body.extensions?.readAfter;
    expect(readAfter).toMatch(/^\d+:\d+-\d+(,\d+:\d+-\d+)*$/);
    const [partition, position] = readAfter!.split(',')[0]!.split(':') as [string, string];
    const entries = await writer.server.infrastructure.partitionLog.read(Number(partition), '0', 1_000);
    expect(entries.find((e) => e.event.eventType === 'GameSessionCreated' && e.event.aggregateId === sessionId)?.position).toBe(position);

    // The game's own view is current at once (inline projection); the cross-aggregate list is not.
    const own = await reader.client.withToken(host.token).execute(GameSessionDocument, { id: sessionId });
    expect(own.data?.gameSession).toMatchObject({ id: sessionId, players: [{ userId: host.userId }] });
    const listed = (result: Awaited<ReturnType<typeof activeList>>) => result.data?.activeGameSessions.edges.some((e) => e.node.id === sessionId);
    const activeList = (headers: Record<string, string> = {}) => reader.client.withToken(host.token).withHeaders(headers).execute(ActiveGameSessionsDocument, { first: 100 });
    expect(listed(await activeList())).toBe(false);

    let answered = false;
    const waited = activeList({ 'x-read-after': readAfter! }).finally(() => (answered = true));
    // Give the reader every chance to answer early if it ignored the header.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);

    await node(true, 5_000);
    const seen = await waited;
    expect(seen.errors).toBeUndefined();
    expect(listed(seen)).toBe(true);
  });
});

it('a position the projections never reach ends in a typed TIMEOUT', async () => {
  const player = await signUp(app, 'rywTimeout');
  const started = Date.now();
  const result = await player.client.withHeaders({ 'x-read-after': '0:99999999999999-0' }).execute(GameSessionDocument, { id: 'x' });
  expect(result.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
  expect(Date.now() - started).toBeGreaterThanOrEqual(350);
});

it('an anonymous request never waits: a forged far-away position cannot hold it open (issue #13)', async () => {
  const result = await app.client.withHeaders({ 'x-read-after': '0:99999999999999-0' }).execute(ActiveGameSessionsDocument, {});
  expect(result.errors).toBeUndefined();
  expect(result.data?.activeGameSessions).toBeDefined();
});

it('malformed tokens are a client error', async () => {
  const result = await app.client.withHeaders({ 'x-read-after': 'garbage' }).execute(GameSessionDocument, { id: 'x' });
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.status).toBeLessThan(500);
});
