/**
 * GraphiQL from our own dependencies (no CDN), with the example tabs; and subscriptions the way
 * GraphiQL makes them: over graphql-ws with an empty connection_init and the Headers tab in
 * `extensions.headers`, or over SSE with the header on the HTTP request.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTokenService, hmacKeys } from '../../src/auth/tokens.js';
import { CreateGameSessionDocument, GameSessionEventsDocument, LogoutUserDocument } from '../generated/graphql.js';
import { signUp, type Player } from '../support/players.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/testApp.js';

let app: TestApp;
let base: string;
beforeAll(async () => {
  app = await startTestApp();
  const { port } = await app.server.listen(0);
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => app?.close());

const page = async () => {
  const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
  return { response, html: await response.text() };
};

describe('GraphiQL page', () => {
  it('is small, refers to no other host and loads everything from /graphiql/<version>/', async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expect(html).toContain('<title>Defense Allies</title>');
    expect(html.length).toBeLessThan(30_000);
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn|https?:\/\//i);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/graphiql\/\d+\.\d+\.\d+\//);
      const served = await fetch(`${base}${asset}`);
      expect(served.status, asset).toBe(200);
      expect(served.headers.get('cache-control')).toMatch(/immutable/);
      await served.arrayBuffer();
    }
  });

  it('serves the bundle compressed, cacheable and revalidatable; workers too', async () => {
    const { html } = await page();
    const script = /src="([^"]+graphiql\.js)"/.exec(html)?.[1];
    const raw = await app.server.yoga.fetch(`http://localhost${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    const gzipped = (await raw.arrayBuffer()).byteLength;
    const plain = await fetch(`${base}${script}`); // undici decompresses
    const body = await plain.text();
    expect(body).toContain('renderYogaGraphiQL');
    expect(gzipped).toBeLessThan(body.length / 2);
    const etag = plain.headers.get('etag') ?? '';
    const again = await fetch(`${base}${script}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const prefix = script?.replace(/graphiql\.js$/, '');
    for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js', 'start.js']) {
      const served = await fetch(`${base}${prefix}${worker}`);
      expect(served.status, worker).toBe(200);
      expect(served.headers.get('content-type')).toMatch(/javascript/);
      await served.arrayBuffer();
    }
    expect((await fetch(`${base}${prefix}nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/graphiql/0.0.0/graphiql.js`)).status).toBe(404);
  });

  it('opens with tabs walking from register to a live subscription, with the Authorization header to fill in', async () => {
    const { html } = await page();
    const json = /<script type="application\/json" id="graphiql-options">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}';
    const options = JSON.parse(json) as { title: string; subscriptionsProtocol: string; defaultTabs: Array<{ query: string; variables?: string; headers?: string }> };
    expect(options.title).toBe('Defense Allies');
    expect(options.subscriptionsProtocol).toBe('WS');
    const operations = options.defaultTabs.map((t) => /^(mutation|query|subscription) (\w+)/m.exec(t.query)?.slice(1, 3).join(' '));
    expect(operations).toEqual(['mutation Register', 'mutation Authenticate', 'mutation CreateGame', 'mutation PlaceTower', 'subscription GameEvents']);
    // Every tab is a valid operation against the schema (run with its own variables, anonymous).
    for (const tab of options.defaultTabs) {
      const response = await app.client.post({ query: tab.query, variables: JSON.parse(tab.variables ?? '{}') });
      expect(response.status, tab.query).toBeLessThan(400);
      await response.arrayBuffer();
    }
    expect(options.defaultTabs.slice(2).every((t) => JSON.parse(t.headers ?? '{}').Authorization === 'Bearer <accessToken>')).toBe(true);
    expect(options.defaultTabs[1]?.query).toMatch(/Headers tab.*\{"Authorization": "Bearer <accessToken>"\}/s);
  });

  it('is off when graphql.graphiql is false (and by default in production)', async () => {
    const off = await startTestApp({ overrides: { 'graphql.graphiql': false } });
    try {
      const response = await off.client.get('/graphql', { headers: { accept: 'text/html' } });
      expect(await response.text()).not.toMatch(/graphiql/i);
      expect((await off.client.get('/graphiql/5.24.1/graphiql.js')).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

/** What GraphiQL's WebSocket client does: an empty connection_init, then the Headers tab in extensions.headers. */
const subscribeLikeGraphiQL = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
  const client = createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const received: unknown[] = [];
  let closeCode: number | null = null;
  const done = new Promise<void>((resolve) => {
    client.subscribe(
      { query, variables, extensions: { headers } },
      {
        next: (value) => received.push(value),
        error: (error) => {
          if (Array.isArray(error)) received.push({ errors: error });
          else closeCode = (error as { code?: number }).code ?? -1;
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { received, done, closeCode: () => closeCode, dispose: () => client.dispose() };
};

const waitFor = async (check: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('subscriptions with the token in the Headers tab', () => {
  let host: Player;
  let sessionId: string;
  beforeAll(async () => {
    host = await signUp(app);
    const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
    if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
    sessionId = createGameSession.gameSession.id;
  });
  const query = GameSessionEventsDocument.toString();

  it('graphql-ws: Authorization from extensions.headers authenticates the subscription', async () => {
    const sub = subscribeLikeGraphiQL(query, { sessionId, afterVersion: 0 }, { Authorization: `Bearer ${host.token}` });
    try {
      await waitFor(() => sub.received.length >= 2);
      expect(sub.received.slice(0, 2)).toMatchObject([{ data: { gameSessionEvents: { version: 1 } } }, { data: { gameSessionEvents: { version: 2 } } }]);
    } finally {
      await sub.dispose();
    }
  });

  it('graphql-ws: without it the subscription is refused as anonymous; a bad, expired or revoked token is refused', async () => {
    const expect401 = async (headers: Record<string, string>, message: RegExp) => {
      const sub = subscribeLikeGraphiQL(query, { sessionId, afterVersion: 0 }, headers);
      try {
        await sub.done;
        expect(sub.received).toMatchObject([{ errors: [{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }] }]);
      } finally {
        await sub.dispose();
      }
    };
    await expect401({}, /./);
    await expect401({ authorization: `Bearer ${host.token.slice(0, -4)}AAAA` }, /Invalid access token/);
    await expect401({ Authorization: 'Bearer <accessToken>' }, /Invalid access token/);
    // Same claims, signed with the right key, but expired an hour ago.
    const claims = JSON.parse(Buffer.from(host.token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string; sid: string; roles: string[] };
    const past = createTokenService({ keys: hmacKeys(TEST_JWT_SECRET), now: () => Date.now() - 3_600_000, accessTokenTtlSeconds: 60 });
    const { token: expired } = await past.signAccessToken({ userId: claims.sub, sessionId: claims.sid, roles: claims.roles as never });
    await expect401({ Authorization: `Bearer ${expired}` }, /expired/);
    // A session that logged out: its still-unexpired token stops working at once.
    const leaving = await signUp(app);
    await leaving.client.data(LogoutUserDocument, { input: {} });
    await expect401({ Authorization: `Bearer ${leaving.token}` }, /Session has ended/);
  });

  it('SSE (GraphiQL with subscriptionsProtocol SSE): the Authorization header of the request', async () => {
    const anonymous = app.client.subscribeSSE(GameSessionEventsDocument, { sessionId, afterVersion: 0 });
    try {
      expect((await anonymous.next())?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await anonymous.close();
    }
    const sse = host.client.subscribeSSE(GameSessionEventsDocument, { sessionId, afterVersion: 0 });
    try {
      expect((await sse.next())?.data?.gameSessionEvents.version).toBe(1);
    } finally {
      await sse.close();
    }
  });
});
