/**
 * Subscriptions end with their credentials (issue #13 finding 2): logout ends every stream the
 * session opened, over graphql-ws and SSE alike, and an access token's expiry ends SSE streams
 * too (graphql-ws sockets also close with 4401 then). Each ends with one UNAUTHENTICATED error.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AuthenticateUserDocument, CreateGameSessionDocument, GameSessionEventsDocument, LogoutUserDocument } from '../generated/graphql.js';
import { subscribeWS, type GraphQLResponse, type LiveSubscription } from '../support/graphqlClient.js';
import { eventually, signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let wsUrl: string;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'auth.accessTokenTtlSeconds': 10 } });
  wsUrl = `ws://127.0.0.1:${(await app.server.listen(0)).port}/graphql`;
});
afterAll(async () => app?.close());

/** Reads until the stream completes; returns everything it sent. */
const drain = async (subscription: LiveSubscription<unknown>, timeoutMs: number): Promise<GraphQLResponse<unknown>[]> => {
  const seen: GraphQLResponse<unknown>[] = [];
  for (;;) {
    const next = await subscription.next(timeoutMs);
    if (next === null) return seen;
    seen.push(next);
  }
};

const loggedIn = async () => {
  const player = await signUp(app, 'end', 'correct horse');
  // A fresh login: a token minted just now, so the expiry clock starts here.
  const login = await app.client.withHeaders({ 'x-forwarded-for': '10.8.8.8' }).data(AuthenticateUserDocument, { input: { login: player.username, password: 'correct horse' } });
  if (login.authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error('login failed');
  const client = app.client.withToken(login.authenticateUser.accessToken);
  const { createGameSession } = await client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error('create failed');
  return { token: login.authenticateUser.accessToken, client, sessionId: createGameSession.gameSession.id };
};

describe('a subscription ends with its credentials', () => {
  it('logout ends the session’s streams on graphql-ws and SSE with UNAUTHENTICATED', async () => {
    const { token, client, sessionId } = await loggedIn();
    const ws = subscribeWS(wsUrl, token, GameSessionEventsDocument, { sessionId, afterVersion: 0 });
    const sse = client.subscribeSSE(GameSessionEventsDocument, { sessionId, afterVersion: 0 });
    for (const s of [ws, sse]) expect((await s.next(10_000))?.errors).toBeUndefined(); // replayed: both are live

    const { logoutUser } = await client.data(LogoutUserDocument, { input: {} });
    expect(logoutUser.__typename).toBe('LogoutUserSuccess');
    for (const s of [ws, sse]) {
      const rest = await drain(s, 10_000);
      expect(rest.at(-1)?.errors?.[0]).toMatchObject({ message: 'Session has ended', extensions: { code: 'UNAUTHENTICATED' } });
    }
    await ws.close();
  });

  it('a subscribe on a socket whose session has ended closes the socket with 4401, not 4500', async () => {
    const { token, client, sessionId } = await loggedIn();
    let closed: { code: number; reason: string } | null = null;
    const socket = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { closed: (event) => (closed = event as { code: number; reason: string }) },
    });
    const first = socket.iterate({ query: GameSessionEventsDocument.toString(), variables: { sessionId, afterVersion: 0 } });
    expect((await first.next()).value).toMatchObject({ data: { gameSessionEvents: expect.anything() } });
    await first.return?.();
    expect((await client.data(LogoutUserDocument, { input: {} })).logoutUser.__typename).toBe('LogoutUserSuccess');
    const second = socket.iterate({ query: GameSessionEventsDocument.toString(), variables: { sessionId, afterVersion: 0 } });
    // The operation is refused and the socket closes with 4401 (never 4500).
    const refused = await second.next().then(() => 'delivered', (error: unknown) => error as { code?: number });
    expect(refused).toMatchObject({ code: 4401 });
    const event = await eventually(async () => closed);
    expect({ code: event.code, reason: event.reason }).toEqual({ code: 4401, reason: 'Session has ended' });
    await socket.dispose();
  });

  it('an expired access token ends an SSE stream', async () => {
    const { client, sessionId } = await loggedIn();
    const sse = client.subscribeSSE(GameSessionEventsDocument, { sessionId, afterVersion: 0 });
    expect((await sse.next(10_000))?.errors).toBeUndefined();
    const rest = await drain(sse, 15_000); // the token lives 10 s
    expect(rest.at(-1)?.errors?.[0]).toMatchObject({ message: 'Access token expired', extensions: { code: 'UNAUTHENTICATED' } });
  });
});
