/**
 * Auth over GraphQL, end to end on real Redis: registration, login, tokens, refresh rotation and
 * theft detection, logout, throttling, idempotency and roles.
 */
import { SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticateUserDocument,
  LogoutUserDocument,
  MeDocument,
  RefreshTokenDocument,
  RegisterUserDocument,
  UserDocument,
  VerifyEmailDocument,
} from '../generated/graphql.js';
import { USERS, type UserView } from '../../src/auth/projections.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/testApp.js';

let app: TestApp;
let seq = 0;
/** A client with its own address, so per-address throttles of one test do not hit another. */
const client = (token?: string): GraphQLClient => app.client.withHeaders({ 'x-forwarded-for': `10.0.${Math.floor(seq / 250)}.${seq++ % 250}` }).withToken(token ?? null);
const unique = (base: string) => `${base}${Math.random().toString(36).slice(2, 8)}`;

const register = async (username = unique('u'), password = 'correct horse', c = client()) => {
  const { registerUser } = await c.data(RegisterUserDocument, { input: { username, email: `${username}@example.com`, password } });
  if (registerUser.__typename !== 'RegisterUserSuccess') throw new Error(`register failed: ${JSON.stringify(registerUser)}`);
  return { ...registerUser.user, password };
};
const login = async (login: string, password = 'correct horse', c = client()) => {
  const { authenticateUser } = await c.data(AuthenticateUserDocument, { input: { login, password } });
  if (authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error(`login failed: ${JSON.stringify(authenticateUser)}`);
  return authenticateUser;
};

beforeAll(async () => {
  app = await startTestApp({
    overrides: { 'auth.login.maxFailures': 3, 'auth.login.lockSeconds': 60, 'auth.login.perAddressPerMinute': 8, 'auth.sessionMaxLifetimeSeconds': 3600 },
  });
});
afterAll(async () => app?.close());

describe('registerUser', () => {
  it('registers a player and returns the user', async () => {
    const { registerUser } = await client().data(RegisterUserDocument, { input: { username: 'Alice_1', email: 'Alice_1@Example.com', password: 'correct horse' } });
    expect(registerUser).toMatchObject({ __typename: 'RegisterUserSuccess', user: { username: 'Alice_1', roles: ['PLAYER'], status: 'ACTIVE', lastLoginAt: null } });
  });

  it('refuses bad input with per-field messages', async () => {
    const { registerUser } = await client().data(RegisterUserDocument, { input: { username: 'a!', email: 'not-an-email', password: 'short' } });
    expect(registerUser.__typename).toBe('ValidationError');
    if (registerUser.__typename !== 'ValidationError') return;
    expect(registerUser.fieldErrors.map((f) => f.field).sort()).toEqual(['email', 'password', 'username']);
  });

  it('usernames are unique ignoring case (they are public)', async () => {
    const name = unique('Bob');
    await register(name);
    const again = await client().data(RegisterUserDocument, { input: { username: name.toUpperCase(), email: `${unique('x')}@example.com`, password: 'correct horse' } });
    expect(again.registerUser).toMatchObject({ __typename: 'DomainError', code: 'USERNAME_TAKEN' });
  });
});

describe('email verification (issue #13 finding 8)', () => {
  const verify = (token: string) => client().data(VerifyEmailDocument, { input: { token } });
  const tokenFor = (email: string) => {
    const mail = app.mail.lastTo(email);
    expect(mail?.kind).toBe('EMAIL_VERIFICATION');
    return mail!.token!;
  };

  it('a new account’s email counts only once the mailed token proves it: then it signs in by email', async () => {
    const user = await register();
    const email = `${user.username.toLowerCase()}@example.com`;
    expect(user.emailVerified).toBe(false);
    // Not proven yet: the address cannot be used to sign in (answered like any wrong login).
    const early = await client().data(AuthenticateUserDocument, { input: { login: email, password: user.password } });
    expect(early.authenticateUser.__typename).toBe('UnauthenticatedError');
    const verified = await verify(tokenFor(email));
    expect(verified.verifyEmail).toMatchObject({ __typename: 'VerifyEmailSuccess', user: { id: user.id, emailVerified: true } });
    expect((await login(email)).user.id).toBe(user.id);
    // Verifying twice succeeds and changes nothing.
    expect((await verify(tokenFor(email))).verifyEmail).toMatchObject({ __typename: 'VerifyEmailSuccess', user: { id: user.id, emailVerified: true } });
  });

  it('a registration with a taken email is answered exactly like any other; the owner gets a notice, the address stays theirs', async () => {
    const owner = await register();
    const email = `${owner.username.toLowerCase()}@example.com`;
    await verify(tokenFor(email));
    const fresh = await client().data(RegisterUserDocument, { input: { username: unique('fresh'), email: `${unique('free')}@example.com`, password: 'correct horse' } });
    const squatter = await client().data(RegisterUserDocument, { input: { username: unique('squat'), email: email.toUpperCase(), password: 'correct horse' } });
    // Same shape and values (but the ids and names): nothing tells the caller the address is taken.
    const shape = (r: typeof fresh) => (r.registerUser.__typename === 'RegisterUserSuccess' ? { ...r.registerUser.user, id: 'x', username: 'x', email: 'x', createdAt: 'x' } : r.registerUser);
    expect(shape(squatter)).toEqual(shape(fresh));
    // The owner is told; no token was sent for the taken address, and it still signs the owner in.
    expect(app.mail.lastTo(email)).toMatchObject({ kind: 'REGISTRATION_ATTEMPT' });
    expect(app.mail.lastTo(email)?.token).toBeUndefined();
    expect((await login(email)).user.id).toBe(owner.id);
  });

  it('two accounts racing to verify one address: the first proof wins, the other is told it is taken', async () => {
    const email = `${unique('race')}@example.com`;
    const first = await client().data(RegisterUserDocument, { input: { username: unique('r1'), email, password: 'correct horse' } });
    const firstToken = tokenFor(email);
    const second = await client().data(RegisterUserDocument, { input: { username: unique('r2'), email, password: 'correct horse' } });
    const secondToken = tokenFor(email);
    expect(secondToken).not.toBe(firstToken);
    expect((await verify(secondToken)).verifyEmail.__typename).toBe('VerifyEmailSuccess');
    expect((await verify(firstToken)).verifyEmail).toMatchObject({ __typename: 'DomainError', code: 'EMAIL_TAKEN' });
    if (first.registerUser.__typename !== 'RegisterUserSuccess' || second.registerUser.__typename !== 'RegisterUserSuccess') throw new Error('register failed');
    expect((await login(email)).user.id).toBe(second.registerUser.user.id);
  });

  it('refuses a wrong, forged or malformed token with one typed error', async () => {
    const user = await register();
    const good = tokenFor(`${user.username.toLowerCase()}@example.com`);
    for (const token of [`${user.id}.not-the-token`, 'garbage', `0190c0de-0000-7000-8000-000000000000.${good.split('.')[1]}`]) {
      expect((await verify(token)).verifyEmail).toMatchObject({ __typename: 'DomainError', code: 'INVALID_VERIFICATION_TOKEN' });
    }
  });

  it('20 parallel registrations of one name create exactly one user', async () => {
    const name = unique('race');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client().data(RegisterUserDocument, { input: { username: name, email: `${name}.${i}@example.com`, password: 'correct horse' } })),
    );
    const winners = results.filter((r) => r.registerUser.__typename === 'RegisterUserSuccess');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.registerUser.__typename === 'DomainError')).toHaveLength(19);
    await expect(login(name)).resolves.toMatchObject({ user: { username: name } });
  });

  it('an idempotent retry returns the first result and creates nothing new; a reused key with other input is refused', async () => {
    const name = unique('idem');
    const c = client();
    const input = { username: name, email: `${name}@example.com`, password: 'correct horse', idempotencyKey: `key-${name}` };
    const first = await c.data(RegisterUserDocument, { input });
    const second = await c.data(RegisterUserDocument, { input });
    expect(first.registerUser.__typename).toBe('RegisterUserSuccess');
    expect(second.registerUser).toEqual(first.registerUser);
    const other = await c.data(RegisterUserDocument, { input: { ...input, username: unique('idem2'), email: `${unique('e')}@example.com` } });
    expect(other.registerUser).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'idempotencyKey' }] });
  });

  it('one address may register at least 60 accounts a minute, not unboundedly many', async () => {
    const c = client();
    const results = await Promise.all(
      Array.from({ length: 61 }, () => {
        const name = unique('bulk');
        return c.data(RegisterUserDocument, { input: { username: name, email: `${name}@example.com`, password: 'correct horse' } });
      }),
    );
    expect(results.filter((r) => r.registerUser.__typename === 'RegisterUserSuccess')).toHaveLength(60);
    expect(results.filter((r) => r.registerUser.__typename === 'RateLimitedError')).toHaveLength(1);
  });
});

describe('authenticateUser and tokens', () => {
  it('logs in by username or email and the token answers `me`', async () => {
    const user = await register();
    const byName = await login(user.username);
    expect(byName).toMatchObject({ user: { id: user.id }, session: { userId: user.id, status: 'ACTIVE' } });
    expect(byName.refreshToken).not.toBe(byName.accessToken);
    const verified = await client().data(VerifyEmailDocument, { input: { token: app.mail.lastTo(`${user.username}@example.com`)?.token ?? '' } });
    expect(verified.verifyEmail.__typename).toBe('VerifyEmailSuccess');
    const byEmail = await login(`${user.username.toUpperCase()}@example.com`);
    const { me } = await client(byEmail.accessToken).data(MeDocument);
    expect(me).toMatchObject({ id: user.id, username: user.username, email: `${user.username.toLowerCase()}@example.com`, roles: ['PLAYER'] });
  });

  it('wrong password and unknown user give the same answer', async () => {
    const user = await register();
    const wrong = await client().data(AuthenticateUserDocument, { input: { login: user.username, password: 'not the password' } });
    const unknown = await client().data(AuthenticateUserDocument, { input: { login: unique('ghost'), password: 'whatever1' } });
    expect(wrong.authenticateUser).toEqual({ __typename: 'UnauthenticatedError', message: 'Invalid login or password' });
    expect(unknown.authenticateUser).toEqual(wrong.authenticateUser);
  });

  it('email, roles, status and last login are visible to the user and admins only', async () => {
    const alice = await register();
    const bob = await register();
    const aliceSession = await login(alice.username);
    const bobSession = await login(bob.username);
    const { user } = await client(bobSession.accessToken).data(UserDocument, { id: alice.id });
    expect(user).toEqual({ id: alice.id, username: alice.username, email: null, roles: null, status: null, lastLoginAt: null });
    const own = await client(aliceSession.accessToken).data(UserDocument, { id: alice.id });
    expect(own.user).toMatchObject({ id: alice.id, email: `${alice.username.toLowerCase()}@example.com`, roles: ['PLAYER'], status: 'ACTIVE' });
    expect(own.user?.lastLoginAt).toEqual(expect.any(String));
  });

  const forged = async (mutate: (jwt: SignJWT) => SignJWT, secret = TEST_JWT_SECRET) => {
    const user = await register();
    const session = await login(user.username);
    const part = (i: number) => JSON.parse(Buffer.from(session.accessToken.split('.')[i]!, 'base64url').toString()) as Record<string, string>;
    const { sid } = part(1);
    const { kid } = part(0);
    const base = new SignJWT({ roles: ['PLAYER'], sid }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid }).setSubject(user.id).setJti(crypto.randomUUID()).setIssuedAt().setExpirationTime('5m').setIssuer('defense-allies').setAudience('defense-allies-api');
    return { token: await mutate(base).sign(new TextEncoder().encode(secret)), session };
  };
  const expectRefused = async (token: string) => {
    const result = await client(token).execute(MeDocument);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  };

  it('accepts a correctly signed token (control for the forgeries below)', async () => {
    const { token } = await forged((j) => j);
    expect((await client(token).execute(MeDocument)).data?.me).toBeTruthy();
  });
  it('refuses a tampered signature', async () => {
    const { session } = await forged((j) => j);
    const [h, p, s] = session.accessToken.split('.');
    await expectRefused(`${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('A') ? 'B' : 'A'}A`);
  });
  it('refuses alg:none', async () => {
    const { session } = await forged((j) => j);
    const payload = session.accessToken.split('.')[1];
    await expectRefused(`${base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${payload}.`);
  });
  it('refuses an expired token', async () => expectRefused((await forged((j) => j.setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 60))).token));
  it('refuses a wrong audience', async () => expectRefused((await forged((j) => j.setAudience('someone-else'))).token));
  it('refuses a wrong issuer', async () => expectRefused((await forged((j) => j.setIssuer('evil'))).token));
  it('refuses a token signed with another secret', async () => expectRefused((await forged((j) => j, 'another-secret-that-is-long-enough-32+')).token));
  it('refuses a malformed Authorization header', async () => {
    const result = await app.client.withHeaders({ authorization: 'Token abc' }).execute(MeDocument);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('refresh tokens', () => {
  it('rotate on every use; reusing a rotated one revokes the whole session', async () => {
    const user = await register();
    const session = await login(user.username);
    const first = await client().data(RefreshTokenDocument, { input: { refreshToken: session.refreshToken } });
    expect(first.refreshToken.__typename).toBe('RefreshTokenSuccess');
    if (first.refreshToken.__typename !== 'RefreshTokenSuccess') return;
    expect(first.refreshToken.refreshToken).not.toBe(session.refreshToken);
    expect((await client(first.refreshToken.accessToken).data(MeDocument)).me?.id).toBe(user.id);

    // Theft: the old token comes back.
    const reuse = await client().data(RefreshTokenDocument, { input: { refreshToken: session.refreshToken } });
    expect(reuse.refreshToken.__typename).toBe('UnauthenticatedError');
    // The whole session is gone: the newest refresh token and every access token.
    const latest = await client().data(RefreshTokenDocument, { input: { refreshToken: first.refreshToken.refreshToken } });
    expect(latest.refreshToken.__typename).toBe('UnauthenticatedError');
    await expect(client(first.refreshToken.accessToken).execute(MeDocument)).resolves.toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('garbage refresh tokens are refused', async () => {
    for (const refreshToken of ['', 'nope', 'a.b', `${crypto.randomUUID()}.xyz`]) {
      const result = await client().data(RefreshTokenDocument, { input: { refreshToken } });
      expect(result.refreshToken.__typename).toBe('UnauthenticatedError');
    }
  });
});

describe('logoutUser', () => {
  it('ends the current session: its access and refresh tokens stop working at once', async () => {
    const user = await register();
    const session = await login(user.username);
    const other = await login(user.username);
    const result = await client(session.accessToken).data(LogoutUserDocument, {});
    expect(result.logoutUser).toEqual({ __typename: 'LogoutUserSuccess', sessionId: session.session.id });
    await expect(client(session.accessToken).execute(MeDocument)).resolves.toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const refresh = await client().data(RefreshTokenDocument, { input: { refreshToken: session.refreshToken } });
    expect(refresh.refreshToken.__typename).toBe('UnauthenticatedError');
    // Another session of the same user is untouched.
    expect((await client(other.accessToken).data(MeDocument)).me?.id).toBe(user.id);
  });

  it('a session lives at most auth.sessionMaxLifetimeSeconds, refreshes included (absolute lifetime)', async () => {
    const session = await login((await register()).username);
    const lifetime = Date.parse(session.session.expiresAt) - Date.parse(session.session.createdAt);
    expect(lifetime).toBe(3600_000); // not the 30-day sliding refresh TTL
    const refreshed = await client().data(RefreshTokenDocument, { input: { refreshToken: session.refreshToken } });
    expect(refreshed.refreshToken.__typename).toBe('RefreshTokenSuccess');
    // A refresh never slides it past that end: the decider caps every rotation (session.unit.spec).
  });

  it('needs authentication, and cannot end somebody else’s session', async () => {
    expect((await client().data(LogoutUserDocument, {})).logoutUser.__typename).toBe('UnauthenticatedError');
    const alice = await login((await register()).username);
    const bob = await login((await register()).username);
    const result = await client(bob.accessToken).data(LogoutUserDocument, { input: { sessionId: alice.session.id } });
    // Answered exactly like a session that does not exist: a stranger cannot probe session ids.
    const unknown = await client(bob.accessToken).data(LogoutUserDocument, { input: { sessionId: '0190c0de-0000-7000-8000-000000000000' } });
    expect(result.logoutUser).toEqual(unknown.logoutUser);
    expect(result.logoutUser).toMatchObject({ __typename: 'NotFoundError', message: 'Session not found' });
    // Alice is still signed in.
    expect((await client(alice.accessToken).data(MeDocument)).me?.id).toBe(alice.user.id);
  });
});

describe('throttling', () => {
  it('throttles failed logins per (login, address): the guesser waits, the owner elsewhere does not', async () => {
    const user = await register();
    const guesser = app.client.withHeaders({ 'x-forwarded-for': '10.77.0.1' });
    for (let i = 0; i < 3; i++) {
      const r = await guesser.data(AuthenticateUserDocument, { input: { login: user.username, password: 'wrong password' } });
      expect(r.authenticateUser.__typename).toBe('UnauthenticatedError');
    }
    const throttled = await guesser.data(AuthenticateUserDocument, { input: { login: user.username, password: user.password } });
    expect(throttled.authenticateUser).toMatchObject({ __typename: 'RateLimitedError' });
    if (throttled.authenticateUser.__typename === 'RateLimitedError') expect(throttled.authenticateUser.retryAfterSeconds).toBeGreaterThan(0);
    // A stranger's failures do not lock the owner out: from another address the right password works.
    const owner = await client().data(AuthenticateUserDocument, { input: { login: user.username, password: user.password } });
    expect(owner.authenticateUser.__typename).toBe('AuthenticateUserSuccess');
  });

  it('answers an unknown login exactly like a known one, throttled or not (no enumeration)', async () => {
    const known = await register();
    const answers = async (login: string, address: string) => {
      const c = app.client.withHeaders({ 'x-forwarded-for': address });
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await c.data(AuthenticateUserDocument, { input: { login, password: 'wrong password' } });
        seen.push(`${r.authenticateUser.__typename}:${'message' in r.authenticateUser ? r.authenticateUser.message.replace(/\d+s$/, 'Ns') : ''}`);
      }
      return seen;
    };
    const forKnown = await answers(known.username, '10.77.0.2');
    expect(forKnown).toEqual(await answers(unique('nobody'), '10.77.0.3'));
    expect(forKnown.at(-1)).toMatch(/^RateLimitedError/);
  });

  it('throttles one client address across accounts', async () => {
    const c = client();
    const answers: string[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await c.data(AuthenticateUserDocument, { input: { login: unique('nobody'), password: 'whatever1' } });
      answers.push(r.authenticateUser.__typename);
    }
    expect(answers.slice(0, 8).every((a) => a === 'UnauthenticatedError')).toBe(true);
    expect(answers[8]).toBe('RateLimitedError');
  });
});

describe('admin bootstrap', () => {
  it('creates ADMIN_USERNAME with the ADMIN role at start, once', async () => {
    const admin = await startTestApp({ prefix: app.prefix, overrides: { 'auth.adminUsername': 'root', 'auth.adminPassword': 'root-password-1' } });
    try {
      const session = await login('root', 'root-password-1', admin.client.withHeaders({ 'x-forwarded-for': '10.9.9.9' }));
      expect(session.user.roles).toContain('ADMIN');
      // Admins see every email.
      const someone = await register();
      const { user } = await admin.client.withToken(session.accessToken).data(UserDocument, { id: someone.id });
      expect(user).toMatchObject({ email: `${someone.username.toLowerCase()}@example.com`, roles: ['PLAYER'], status: 'ACTIVE' });
    } finally {
      await admin.close();
    }
    const adminId = (await app.server.services.readStore.findUnique<UserView>(USERS, 'username', 'root'))?.id;
    expect(adminId).toBeDefined();
    const stream = { aggregateType: 'user', aggregateId: adminId! };
    const versionBefore = await app.server.services.eventStore.lastVersion(stream);

    // A second start, even with another password, finds the admin and leaves it alone.
    const again = await startTestApp({ prefix: app.prefix, overrides: { 'auth.adminUsername': 'root', 'auth.adminPassword': 'another-password-2' } });
    await again.close();
    expect(await app.server.services.eventStore.lastVersion(stream)).toBe(versionBefore);
    const admins = (await app.server.services.readStore.query<UserView>(USERS, { first: 1000 })).items.filter((u) => u.roles.includes('ADMIN'));
    expect(admins.map((u) => u.id)).toEqual([adminId]);
    expect((await login('root', 'root-password-1')).user.id).toBe(adminId);
    const refused = await client().data(AuthenticateUserDocument, { input: { login: 'root', password: 'another-password-2' } });
    expect(refused.authenticateUser.__typename).toBe('UnauthenticatedError');
  });
});
