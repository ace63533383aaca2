/**
 * Guard rails: malformed requests get 4xx (never 5xx), oversized and over-deep/over-aliased
 * operations are refused, unexpected errors are masked, and health/readiness answer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYER_STATS } from '../../src/game/projections.js';
import { createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { ActiveGameSessionsChangedDocument, MeDocument } from '../generated/graphql.js';
import { subscribeWS, untilLive, type TypedDocument } from '../support/graphqlClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'graphql.maxBodyBytes': 4096, 'graphql.maxDepth': 4, 'graphql.maxAliases': 5, 'graphql.maxTokens': 300 } });
});
afterAll(async () => app?.close());

const post = (body: string, headers: Record<string, string> = {}) => app.client.post(body, { headers });

describe('HTTP guard rails', () => {
  it('malformed JSON is a 400', async () => {
    const response = await post('{"query": "{ me { id }');
    expect(response.status).toBe(400);
  });

  it('a missing query is a 400, a syntax error a client error', async () => {
    expect((await post(JSON.stringify({ variables: {} }))).status).toBe(400);
    const syntax = await post(JSON.stringify({ query: '{ me { id ' }));
    expect(syntax.status).toBeGreaterThanOrEqual(200);
    expect(syntax.status).toBeLessThan(500);
    expect((await syntax.json()).errors[0].message).toMatch(/Syntax Error/);
  });

  it('an oversized body is refused with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(10_000)}` }));
    expect(response.status).toBe(413);
  });

  it('an oversized chunked body (no content-length) is refused too', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"query":"{ me { id } }","x":"' : 'y'.repeat(1000)));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const response = await app.server.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('refuses operations deeper than the limit (a client error), accepts those within it', async () => {
    const within = await (await post(JSON.stringify({ query: '{ activeGameSessions { edges { node { id } } } }' }))).json();
    expect(within).toEqual({ data: { activeGameSessions: { edges: [] } } });
    const response = await post(JSON.stringify({ query: '{ activeGameSessions { edges { node { map { path { x } } } } } }' }));
    expect(response.status).toBeLessThan(500);
    const tooDeep = await response.json();
    expect(tooDeep.errors?.[0]?.message).toMatch(/depth/i);
    expect(tooDeep.data ?? null).toBeNull();
  });

  it('refuses too many aliases', async () => {
    const query = `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const result = await (await post(JSON.stringify({ query }))).json();
    expect(result.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses too many tokens', async () => {
    const query = `{ me { ${'id '.repeat(400)}} }`;
    const result = await (await post(JSON.stringify({ query }))).json();
    expect(result.errors?.[0]?.message).toMatch(/token/i);
  });

  it('typed errors outside payload unions carry a code and their message', async () => {
    const result = await app.client.withToken('not-a-jwt').execute(MeDocument);
    expect(result.errors?.[0]).toMatchObject({ message: 'Invalid access token', extensions: { code: 'UNAUTHENTICATED' } });
    expect(JSON.stringify(result)).not.toMatch(/stack|redis|ioredis/i);
  });

  it('an unexpected resolver error (Redis failing for one document) is masked; the rest of the response still answers', async () => {
    // A string where the read store expects a hash: reading this one document fails inside
    // Redis with WRONGTYPE, an error no code path expects. Generation 1 is the game
    // projection's first and only generation in a fresh app.
    const redis = app.server.infrastructure.redis;
    if (!redis) throw new Error('this test needs the Redis infrastructure');
    await redis.set(createReadModelKeys(app.prefix).doc('game', 1, PLAYER_STATS, 'broken'), 'not a hash');
    const query = '{ broken: player(userId: "broken") { userId } missing: player(userId: "missing") { userId } }';
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result.errors).toEqual([{ message: 'Unexpected error.', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(result.data).toEqual({ broken: null, missing: null });
    expect(JSON.stringify(result)).not.toMatch(/WRONGTYPE|stack|redis|lua|script/i);
    // Typed errors still pass through on the same app.
    const typed = await app.client.withToken('not-a-jwt').execute(MeDocument);
    expect(typed.errors?.[0]).toMatchObject({ message: 'Invalid access token', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('serves /health, /ready and GraphiQL', async () => {
    expect((await app.client.get('/health')).status).toBe(200);
    const ready = await app.client.get('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, storage: 'redis', durable: true, projections: 'ok' });
    const graphiql = await app.client.get('/graphql', { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toMatch(/GraphiQL/i);
  });
});

describe('configurable modes', () => {
  it('introspection can be switched off', async () => {
    const closed = await startTestApp({ overrides: { 'graphql.introspection': false } });
    try {
      const result = await (await closed.client.post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }))).json();
      expect(result.errors?.[0]?.message).toMatch(/introspection/i);
      const normal = await (await closed.client.post(JSON.stringify({ query: '{ me { id } }' }))).json();
      expect(normal).toEqual({ data: { me: null } });
    } finally {
      await closed.close();
    }
  });

  it('persisted-operations-only mode runs listed documents by hash and refuses anything else', async () => {
    const file = new URL('../generated/persisted-documents.json', import.meta.url);
    const documents = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const [hash] = Object.entries(documents).find(([, doc]) => doc.startsWith('query Me')) ?? [];
    const strict = await startTestApp({ overrides: { 'graphql.persistedOperationsOnly': true, 'graphql.persistedDocumentsFile': fileURLToPath(file) } });
    try {
      const listed = await (await strict.client.post(JSON.stringify({ documentId: hash }))).json();
      expect(listed).toEqual({ data: { me: null } });
      const apq = await (await strict.client.post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }))).json();
      expect(apq).toEqual({ data: { me: null } });
      const arbitrary = await strict.client.post(JSON.stringify({ query: '{ me { id } }' }));
      expect(arbitrary.status).toBeLessThan(500);
      expect((await arbitrary.json()).errors?.[0]?.message).toMatch(/persisted/i);

      // graphql-ws too: a document not on the list is refused; a listed one runs and delivers.
      const wsUrl = `ws://127.0.0.1:${(await strict.server.listen(0)).port}/graphql`;
      const sneaky = subscribeWS(wsUrl, null, { toString: () => 'subscription { activeGameSessionsChanged { id } }' } as TypedDocument<unknown, Record<string, never>>);
      expect((await sneaky.next(10_000))?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/persisted/i), extensions: { code: 'PERSISTED_QUERY_ONLY' } });
      await sneaky.close();
      const listedLive = subscribeWS(wsUrl, null, ActiveGameSessionsChangedDocument);
      await listedLive.connected;
      const byId = async (start: string, variables: Record<string, unknown>, token?: string) => {
        const [id] = Object.entries(documents).find(([, doc]) => doc.includes(`${start}(`)) ?? [];
        const response = await strict.client.withToken(token ?? null).post(JSON.stringify({ documentId: id, variables }));
        return (await response.json()) as { data: Record<string, Record<string, unknown>> };
      };
      const username = `persisted${Date.now().toString(36)}`;
      await byId('mutation RegisterUser', { input: { username, email: `${username}@example.com`, password: 'correct horse' } });
      const login = await byId('mutation AuthenticateUser', { input: { login: username, password: 'correct horse' } });
      const token = String(login.data.authenticateUser?.accessToken);
      // Live only: create games until one arrives (the subscribe may still be on its way at first).
      const delivered = await untilLive(
        listedLive,
        () => byId('mutation CreateGameSession', { input: { difficulty: 'EASY', maxPlayers: 2 } }, token),
        (payload) => typeof payload.data?.activeGameSessionsChanged?.id === 'string',
      ).then(() => true);
      expect(delivered).toBe(true);
      await listedLive.close();
    } finally {
      await strict.close();
    }
  });
});
