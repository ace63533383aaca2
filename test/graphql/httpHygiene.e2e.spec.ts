/**
 * HTTP hygiene: CORS from an allow-list (credentials only for listed origins), CSRF prevention for
 * browser "simple" requests, GraphiQL and introspection off in production unless switched on, and
 * /metrics behind an optional bearer token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';

/** Production refuses to start without a privacy master key (config.ts). */
const PRODUCTION_MASTER_KEY = 'http-hygiene-test-privacy-master-key-0123456789';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'http.corsOrigins': ['https://dashboard.example.com', 'http://localhost:*', '*'] } });
});
afterAll(async () => app?.close());

const QUERY = JSON.stringify({ query: '{ me { id } }' });

describe('CORS', () => {
  const preflight = (target: TestApp, origin: string) =>
    target.client.get('/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });

  it('a listed origin (exact, or any port of a listed host) gets its origin back, with credentials', async () => {
    for (const origin of ['https://dashboard.example.com', 'http://localhost:5173', 'http://localhost']) {
      const response = await preflight(app, origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const post = await app.client.post(QUERY, { headers: { origin } });
      expect(post.headers.get('access-control-allow-origin')).toBe(origin);
      await post.arrayBuffer();
    }
  });

  it('with "*", other origins are let in without credentials', async () => {
    const response = await preflight(app, 'https://elsewhere.example.org');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example.org');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('an unlisted origin gets no CORS headers; development defaults to localhost origins only', async () => {
    const strict = await startTestApp({ overrides: { 'http.corsOrigins': ['https://dashboard.example.com'] } });
    const dev = await startTestApp({ overrides: { 'server.env': 'development' } });
    try {
      for (const origin of ['https://evil.example.com', 'https://dashboard.example.com.evil.io', 'http://localhost:3000']) {
        const response = await preflight(strict, origin);
        expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
      expect((await preflight(dev, 'http://localhost:3000')).headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect((await preflight(dev, 'http://127.0.0.1:8080')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
      expect((await preflight(dev, 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await strict.close();
      await dev.close();
    }
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET query without a preflight-forcing header, accepts it with one; JSON POSTs need nothing', async () => {
    const url = `/graphql?query=${encodeURIComponent('{ me { id } }')}`;
    const bare = await app.client.get(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/CSRF/);
    for (const header of ['x-graphql-yoga-csrf', 'apollo-require-preflight']) {
      const ok = await app.client.get(url, { headers: { accept: 'application/graphql-response+json', [header]: '1' } });
      expect(ok.status, header).toBe(200);
      expect(await ok.json()).toEqual({ data: { me: null } });
    }
    const post = await app.client.post(QUERY);
    expect(post.status).toBe(200);
    await post.arrayBuffer();
  });

  it('refuses a form-encoded or text/plain POST (what a foreign page can send without preflight)', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await app.client.post(QUERY, { headers: { 'content-type': contentType } });
      expect(response.status, contentType).toBe(403);
      await response.arrayBuffer();
    }
  });

  it('can be switched off', async () => {
    const open = await startTestApp({ overrides: { 'http.csrfPrevention': false } });
    try {
      const response = await open.client.get(`/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    } finally {
      await open.close();
    }
  });
});

describe('production defaults', () => {
  it('GraphiQL and introspection are off in production unless switched on', async () => {
    const production = await startTestApp({ overrides: { 'server.env': 'production', 'privacy.masterKey': PRODUCTION_MASTER_KEY } });
    const switchedOn = await startTestApp({ overrides: { 'server.env': 'production', 'privacy.masterKey': PRODUCTION_MASTER_KEY, 'graphql.graphiql': true, 'graphql.introspection': true } });
    try {
      const introspect = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
      const page = await production.client.get('/graphql', { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
      expect(((await (await production.client.post(introspect)).json()) as { errors?: Array<{ message: string }> }).errors?.[0]?.message).toMatch(/introspection/i);
      expect(await (await production.client.post(QUERY)).json()).toEqual({ data: { me: null } });
      expect(await (await switchedOn.client.get('/graphql', { headers: { accept: 'text/html' } })).text()).toMatch(/<title>Defense Allies<\/title>/);
      expect(await (await switchedOn.client.post(introspect)).json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await production.close();
      await switchedOn.close();
    }
  });
});

describe('/metrics token', () => {
  it('open by default; with metrics.token only for "Authorization: Bearer <token>"', async () => {
    const open = await app.client.get('/metrics');
    expect(open.status).toBe(200);
    await open.arrayBuffer();
    const token = 'metrics-scrape-token-0123456789';
    const guarded = await startTestApp({ overrides: { 'metrics.token': token } });
    try {
      for (const authorization of [null, 'Bearer wrong', `Bearer ${token}x`, token]) {
        const response = await guarded.client.get('/metrics', { headers: authorization ? { authorization } : {} });
        expect(response.status, String(authorization)).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await response.text()).not.toMatch(/da_|process_/);
      }
      const scraped = await guarded.client.get('/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/^# HELP/m);
      // The token guards /metrics only: the API itself does not want it.
      expect(await (await guarded.client.post(QUERY)).json()).toEqual({ data: { me: null } });
    } finally {
      await guarded.close();
    }
  });
});
