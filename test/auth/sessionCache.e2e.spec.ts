/**
 * The session check's process-local cache (auth.sessionCache, issue #11): two nodes on one Redis.
 * Node B keeps the session of a token it checked; logout or a revocation committed on node A must
 * reach B over the live bus and end the token there too. `maxAgeMs` is ten minutes here, so only
 * the invalidation can explain a refusal (without it, B would accept the token for ten minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticateUserDocument, LogoutUserDocument, MeDocument, RefreshTokenDocument, RegisterUserDocument } from '../generated/graphql.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { eventually } from '../support/players.js';
import { startTestApp, testPrefix, type TestApp } from '../support/testApp.js';

let a: TestApp;
let b: TestApp;
let seq = 0;
const overrides = { 'auth.sessionCache': { entries: 1000, maxAgeMs: 600_000 } };
const on = (app: TestApp, token?: string): GraphQLClient =>
  app.client.withHeaders({ 'x-forwarded-for': `10.77.${Math.floor(seq / 250)}.${seq++ % 250}` }).withToken(token ?? null);

const signIn = async () => {
  const username = `sc${Math.random().toString(36).slice(2, 9)}`;
  const { registerUser } = await on(a).data(RegisterUserDocument, { input: { username, email: `${username}@example.com`, password: 'correct horse' } });
  if (registerUser.__typename !== 'RegisterUserSuccess') throw new Error(JSON.stringify(registerUser));
  const { authenticateUser } = await on(a).data(AuthenticateUserDocument, { input: { login: username, password: 'correct horse' } });
  if (authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error(JSON.stringify(authenticateUser));
  return { userId: registerUser.user.id, ...authenticateUser };
};

const refused = async (app: TestApp, token: string) => (await on(app, token).execute(MeDocument)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';

beforeAll(async () => {
  const prefix = testPrefix();
  a = await startTestApp({ prefix, overrides });
  b = await startTestApp({ prefix, overrides, runProjections: false });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('session cache across nodes', () => {
  it('a logout on node A ends the token on node B, which had the session cached', async () => {
    for (let round = 0; round < 3; round++) {
      const session = await signIn();
      expect((await on(b, session.accessToken).data(MeDocument)).me?.id).toBe(session.userId);
      // B now answers this token from its cache.
      expect(b.server.sessions!.size()).toBeGreaterThan(0);
      const { logoutUser } = await on(a, session.accessToken).data(LogoutUserDocument, {});
      expect(logoutUser.__typename).toBe('LogoutUserSuccess');
      // On A itself at once (its own commit drops the entry before logout answers)…
      expect(await refused(a, session.accessToken)).toBe(true);
      // …and on B as soon as the bus delivers the event (bounded wait: no timing assertion).
      await eventually(() => refused(b, session.accessToken), 10_000, 10);
      expect(await refused(b, session.accessToken)).toBe(true);
    }
  });

  it('a revocation on node A (refresh-token reuse) ends the token on node B', async () => {
    const session = await signIn();
    expect((await on(b, session.accessToken).data(MeDocument)).me?.id).toBe(session.userId);
    const rotated = await on(a).data(RefreshTokenDocument, { input: { refreshToken: session.refreshToken } });
    expect(rotated.refreshToken.__typename).toBe('RefreshTokenSuccess');
    if (rotated.refreshToken.__typename !== 'RefreshTokenSuccess') return;
    const newAccess = rotated.refreshToken.accessToken;
    // B checks the new access token (caching the rotated session), then the old refresh token comes back: theft.
    expect((await on(b, newAccess).data(MeDocument)).me?.id).toBe(session.userId);
    const reuse = await on(a).data(RefreshTokenDocument, { input: { refreshToken: session.refreshToken } });
    expect(reuse.refreshToken.__typename).toBe('UnauthenticatedError');
    await eventually(() => refused(b, newAccess), 10_000, 10);
    expect(await refused(b, session.accessToken)).toBe(true);
  });

  it('a logout on node B ends the token there at once and on node A', async () => {
    const session = await signIn();
    expect((await on(a, session.accessToken).data(MeDocument)).me?.id).toBe(session.userId);
    expect((await on(b, session.accessToken).data(MeDocument)).me?.id).toBe(session.userId);
    const { logoutUser } = await on(b, session.accessToken).data(LogoutUserDocument, {});
    expect(logoutUser.__typename).toBe('LogoutUserSuccess');
    expect(await refused(b, session.accessToken)).toBe(true);
    await eventually(() => refused(a, session.accessToken), 10_000, 10);
  });
});
