/**
 * Security findings about what the server records and publishes (issue #13: 5, 9, 11):
 * idempotency records hold no password material; concurrent refreshes with one token are a reuse
 * and revoke the session; security events reach the live feeds although the caller is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/core/messages.js';
import { AuthenticateUserDocument, MeDocument, RefreshTokenDocument, RegisterUserDocument } from '../generated/graphql.js';
import { eventually, signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'auth.login.perAddressPerMinute': 1000 } });
});
afterAll(async () => app?.close());

/** Events published on the live bus from now on (what the admin `events` feed and alerting see). */
const liveEvents = async (eventTypes: string[]) => {
  const stream = app.server.readModels.bus.asyncIterator({ eventTypes });
  await stream.ready;
  const seen: EventEnvelope[] = [];
  void (async () => {
    for await (const event of stream) seen.push(event);
  })();
  return { seen, close: () => stream.return() };
};

describe('idempotency records', () => {
  it('keep neither the password, a plain hash of the input, nor event data', async () => {
    const password = 'Idempotent-Secret-Pass-77';
    const username = `idem${Date.now().toString(36)}`;
    const input = { username, email: `${username}@example.com`, password, idempotencyKey: `reg-${username}` };
    const client = app.client.withHeaders({ 'x-forwarded-for': '10.9.9.9' });
    const first = await client.data(RegisterUserDocument, { input });
    expect(first.registerUser.__typename).toBe('RegisterUserSuccess');
    // The retry is answered from the record.
    expect((await client.data(RegisterUserDocument, { input })).registerUser).toEqual(first.registerUser);

    const redis = app.server.infrastructure.redis!;
    const keys = await redis.keys(`${app.prefix}idem:*${input.idempotencyKey}`);
    expect(keys).toHaveLength(1);
    const record = (await redis.get(keys[0]!)) ?? '';
    expect(record).toContain('"done"');
    expect(record).not.toContain(password);
    expect(record).not.toMatch(/passwordHash|scrypt/);
    expect(record).not.toContain(`${username}@example.com`);
    // An unkeyed SHA-256 of the input (what the record used to hold) is not in there either.
    const { createHash } = await import('node:crypto');
    const { idempotencyKey: _k, ...data } = input;
    expect(record).not.toContain(createHash('sha256').update(JSON.stringify(data)).digest('hex'));
  });
});

describe('refresh token races', () => {
  it('concurrent refreshes with one token: one wins, the others are a reuse that revokes the session', async () => {
    const player = await signUp(app, 'race', 'correct horse');
    const login = await app.client.withHeaders({ 'x-forwarded-for': '10.9.9.10' }).data(AuthenticateUserDocument, { input: { login: player.username, password: 'correct horse' } });
    if (login.authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error('login failed');
    const { refreshToken, accessToken } = login.authenticateUser;
    const results = await Promise.all([1, 2, 3].map(() => app.client.data(RefreshTokenDocument, { input: { refreshToken } })));
    const kinds = results.map((r) => r.refreshToken.__typename).sort();
    expect(kinds.filter((k) => k === 'RefreshTokenSuccess')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'UnauthenticatedError')).toHaveLength(2);
    expect(kinds).not.toContain('ConflictError');
    // The session is revoked: the winner's new tokens and the old access token stop working.
    const winner = results.find((r) => r.refreshToken.__typename === 'RefreshTokenSuccess')!.refreshToken as { accessToken: string };
    for (const token of [winner.accessToken, accessToken]) {
      expect((await app.client.withToken(token).execute(MeDocument)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('security events on the live feeds', () => {
  it('a failed login, a lock and a refresh-token reuse are published although the caller is refused', async () => {
    const feed = await liveEvents(['UserAuthenticationFailed', 'UserLocked', 'RefreshTokenReuseDetected', 'SessionRevoked']);
    try {
      const victim = await signUp(app, 'sec', 'correct horse');
      const client = app.client.withHeaders({ 'x-forwarded-for': '10.9.9.11' });
      for (let i = 0; i < 6; i++) await client.data(AuthenticateUserDocument, { input: { login: victim.username, password: `wrong-${i}` } });
      await eventually(async () => feed.seen.some((e) => e.eventType === 'UserLocked' && e.aggregateId === victim.userId));
      expect(feed.seen.filter((e) => e.eventType === 'UserAuthenticationFailed' && e.aggregateId === victim.userId).length).toBeGreaterThanOrEqual(1);

      const other = await signUp(app, 'sec', 'correct horse');
      const login = await app.client.withHeaders({ 'x-forwarded-for': '10.9.9.12' }).data(AuthenticateUserDocument, { input: { login: other.username, password: 'correct horse' } });
      if (login.authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error('login failed');
      const { refreshToken, session } = login.authenticateUser;
      expect((await app.client.data(RefreshTokenDocument, { input: { refreshToken } })).refreshToken.__typename).toBe('RefreshTokenSuccess');
      expect((await app.client.data(RefreshTokenDocument, { input: { refreshToken } })).refreshToken.__typename).toBe('UnauthenticatedError');
      await eventually(async () => feed.seen.some((e) => e.eventType === 'SessionRevoked' && e.aggregateId === session.id));
      expect(feed.seen.some((e) => e.eventType === 'RefreshTokenReuseDetected')).toBe(true);
    } finally {
      await feed.close();
    }
  });
});
