/**
 * Transport limits and client-controlled headers (issue #13 findings 4, 7, and the unbounded
 * correlation id): the throttle keys on the address the trusted proxy added, WebSocket messages
 * are bounded like HTTP bodies, and only short plain correlation ids reach the event metadata.
 */
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxiedAddress } from '../../src/graphql/yoga.js';
import { AuthenticateUserDocument, CreateGameSessionDocument } from '../generated/graphql.js';
import { signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let wsUrl: string;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'auth.login.perAddressPerMinute': 5 } });
  wsUrl = `ws://127.0.0.1:${(await app.server.listen(0)).port}/graphql`;
});
afterAll(async () => app?.close());

describe('X-Forwarded-For behind a trusted proxy', () => {
  it('takes the entry the proxy appended, not the one the client wrote', () => {
    expect(proxiedAddress('203.0.113.9, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(proxiedAddress('203.0.113.9, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
    expect(proxiedAddress('198.51.100.7', 3)).toBe('198.51.100.7');
    expect(proxiedAddress('', 1)).toBeUndefined();
  });

  it('a client rotating the leftmost entry is still throttled as one address', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const client = app.client.withHeaders({ 'x-forwarded-for': `203.0.113.${i}, 198.51.100.77` });
      const { authenticateUser } = await client.data(AuthenticateUserDocument, { input: { login: `nobody${i}`, password: 'whatever-it-is' } });
      codes.push(authenticateUser.__typename);
    }
    expect(codes.slice(0, 5).every((c) => c === 'UnauthenticatedError')).toBe(true);
    expect(codes.slice(5)).toEqual(['RateLimitedError', 'RateLimitedError', 'RateLimitedError']);
  });
});

describe('WebSocket messages', () => {
  it('a message larger than the HTTP body limit closes the socket (1009) instead of being parsed', async () => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(app.config.graphql.maxBodyBytes + 1) } }));
    expect(await closed).toBe(1009);
  });
});

describe('correlation ids', () => {
  it('a huge or odd X-Correlation-Id is replaced; a plain one travels into the events', async () => {
    const player = await signUp(app, 'corr');
    const huge = 'c'.repeat(12_000);
    const create = async (correlationId: string) => {
      const { createGameSession } = await player.client.withHeaders({ 'x-correlation-id': correlationId }).data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
      if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error('create failed');
      const [first] = await app.server.services.eventStore.read({ aggregateType: 'game_session', aggregateId: createGameSession.gameSession.id });
      return first!.metadata.correlationId;
    };
    const replaced = await create(huge);
    expect(replaced.length).toBeLessThanOrEqual(128);
    expect(replaced).not.toBe(huge); // (a UUID may well contain "ccc" by chance: compare, do not search)
    expect(await create('checkout-42.retry:1')).toBe('checkout-42.retry:1');
  });
});
