/**
 * Forgetting a player (crypto-shredding) end to end, on real Redis and on the in-memory twin:
 * after forgetUser, no Redis key, value or archive file holds the player's email in clear; the
 * games they played still load; other players are untouched; forgetting twice succeeds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticateUserDocument,
  CreateGameSessionDocument,
  ForgetUserDocument,
  GameSessionDocument,
  JoinGameSessionDocument,
  MeDocument,
  RegisterUserDocument,
  UserStatusDocument,
  VerifyEmailDocument,
} from '../generated/graphql.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { eventually } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, PERFORM_MAINTENANCE, adminOverrides, login } from '../ops/opsHelpers.js';
import { dumpArchives, dumpRedis } from '../support/dumps.js';

interface Person {
  readonly userId: string;
  readonly username: string;
  readonly email: string;
  readonly password: string;
  readonly client: GraphQLClient;
}

const register = async (app: TestApp, base: string): Promise<Person> => {
  const tag = randomUUID().slice(0, 8);
  const username = `${base}_${tag}`;
  const email = `${base}.${tag}@Example.org`.toLowerCase();
  const password = `pw-${tag}-long-enough`;
  const anonymous = app.client.withHeaders({ 'x-forwarded-for': `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  const { registerUser } = await anonymous.data(RegisterUserDocument, { input: { username, email: email.toUpperCase(), password } });
  if (registerUser.__typename !== 'RegisterUserSuccess') throw new Error(JSON.stringify(registerUser));
  // Prove the address (issue #13: only a verified email signs in), then log in by email: the
  // verification and login paths (reservations, throttle buckets, lookups) see the email too.
  const { verifyEmail } = await anonymous.data(VerifyEmailDocument, { input: { token: app.mail.lastTo(email)?.token ?? '' } });
  if (verifyEmail.__typename !== 'VerifyEmailSuccess') throw new Error(JSON.stringify(verifyEmail));
  const { authenticateUser } = await anonymous.data(AuthenticateUserDocument, { input: { login: email, password } });
  if (authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error(JSON.stringify(authenticateUser));
  return { userId: registerUser.user.id, username, email, password, client: app.client.withToken(authenticateUser.accessToken) };
};

describe('forgetUser on Redis', () => {
  let app: TestApp;
  let admin: GraphQLClient;
  let archiveDir: string;
  let alice: Person;
  let bob: Person;
  let gameId: string;

  beforeAll(async () => {
    archiveDir = await mkdtemp(join(tmpdir(), 'da-privacy-'));
    app = await startTestApp({ overrides: { ...adminOverrides, 'compaction.archiveDir': archiveDir } });
    ({ client: admin } = await login(app.client, ADMIN.username, ADMIN.password));
    [alice, bob] = [await register(app, 'alice'), await register(app, 'bob')];
    const created = await alice.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
    if (created.createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(created));
    gameId = created.createGameSession.gameSession.id;
    await bob.client.data(JoinGameSessionDocument, { input: { sessionId: gameId } });
  });
  afterAll(async () => {
    await app?.close();
    await rm(archiveDir, { recursive: true, force: true });
  });

  it('stores the email sealed, and shows it to its owner and to admins', async () => {
    expect((await alice.client.data(MeDocument)).me).toMatchObject({ email: alice.email });
    expect((await admin.data(UserStatusDocument, { id: alice.userId })).user).toMatchObject({ email: alice.email, status: 'ACTIVE' });
    expect((await bob.client.data(UserStatusDocument, { id: alice.userId })).user).toMatchObject({ email: null });
    const events = await app.server.services.eventStore.read({ aggregateType: 'user', aggregateId: alice.userId });
    expect((events[0]!.data as { email: string }).email).toMatch(/^pii:1:/);
    expect(await dumpRedis(app.server.infrastructure.redis!, app.prefix)).not.toContain(alice.email);
  });

  it('refuses strangers, and the user themself without their password', async () => {
    expect((await bob.client.data(ForgetUserDocument, { input: { userId: alice.userId } })).forgetUser.__typename).toBe('ForbiddenError');
    expect((await app.client.data(ForgetUserDocument, { input: { userId: alice.userId } })).forgetUser.__typename).toBe('UnauthenticatedError');
    expect((await alice.client.data(ForgetUserDocument, { input: { userId: alice.userId } })).forgetUser).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'password' }] });
    expect((await alice.client.data(ForgetUserDocument, { input: { userId: alice.userId, password: 'wrong password' } })).forgetUser.__typename).toBe('ValidationError');
    expect((await admin.data(ForgetUserDocument, { input: { userId: randomUUID() } })).forgetUser.__typename).toBe('NotFoundError');
  });

  it('forgets: nothing in Redis or in the archives holds the email any more; history loads; others untouched; twice is fine', async () => {
    const first = (await alice.client.data(ForgetUserDocument, { input: { userId: alice.userId, password: alice.password } })).forgetUser;
    expect(first).toMatchObject({ __typename: 'ForgetUserSuccess', userId: alice.userId, alreadyForgotten: false });
    const again = (await admin.data(ForgetUserDocument, { input: { userId: alice.userId } })).forgetUser;
    expect(again).toMatchObject({ __typename: 'ForgetUserSuccess', alreadyForgotten: true });

    await eventually(async () => (await admin.data(UserStatusDocument, { id: alice.userId })).user?.status === 'FORGOTTEN');
    expect((await admin.data(UserStatusDocument, { id: alice.userId })).user).toEqual({ id: alice.userId, username: alice.username, email: null, status: 'FORGOTTEN' });
    // A rebuilt read model stays scrubbed: the events hold only the sealed value, whose key is gone.
    await admin.data(PERFORM_MAINTENANCE, { input: { task: 'REBUILD_PROJECTION', target: 'auth' } });
    await eventually(async () => (await app.server.projections.status()).find((s) => s.name === 'auth')?.rebuild === null, 20_000);
    expect((await admin.data(UserStatusDocument, { id: alice.userId })).user).toEqual({ id: alice.userId, username: alice.username, email: null, status: 'FORGOTTEN' });
    expect((await admin.data(UserStatusDocument, { id: bob.userId })).user).toMatchObject({ email: bob.email, status: 'ACTIVE' });

    // Then archive her events (snapshot + compaction): the archives get what the stream holds, sealed values only.
    await admin.data(PERFORM_MAINTENANCE, { input: { task: 'SNAPSHOT_AGGREGATES', target: 'user' } });
    const compacted = await eventually(async () => {
      const { performMaintenance } = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'COMPACT_EVENTS', target: 'user' } });
      return performMaintenance.result.waitingForConsumers === 0 ? performMaintenance.result : null;
    }, 15_000);
    expect(compacted.archives.some((path: string) => path.includes(alice.userId))).toBe(true);

    const redisDump = await dumpRedis(app.server.infrastructure.redis!, app.prefix);
    const archives = await dumpArchives(archiveDir);
    expect(archives.files).toBeGreaterThan(0);
    // The dumps are real: they hold alice's id (events, archives) and her public username…
    expect(redisDump).toContain(alice.userId);
    expect(redisDump).toContain(alice.username);
    expect(archives.text).toContain(alice.userId);
    // …and not her email, in any case.
    for (const dump of [redisDump, archives.text]) {
      expect(dump.toLowerCase()).not.toContain(alice.email);
      expect(dump.toLowerCase()).not.toContain(alice.email.split('@')[0]);
    }

    // She cannot log in (by name or email) and her email is free again.
    const anonymous = app.client.withHeaders({ 'x-forwarded-for': '10.78.0.1' });
    for (const loginName of [alice.username, alice.email]) {
      expect((await anonymous.data(AuthenticateUserDocument, { input: { login: loginName, password: alice.password } })).authenticateUser.__typename).toBe('UnauthenticatedError');
    }
    const reuse = await anonymous.data(RegisterUserDocument, { input: { username: `again_${randomUUID().slice(0, 6)}`, email: alice.email, password: 'another password 1' } });
    expect(reuse.registerUser.__typename).toBe('RegisterUserSuccess');
    // The username stays reserved.
    const taken = await anonymous.data(RegisterUserDocument, { input: { username: alice.username, email: `x.${randomUUID().slice(0, 6)}@example.org`, password: 'another password 1' } });
    expect(taken.registerUser).toMatchObject({ code: 'USERNAME_TAKEN' });

    // The game she played still loads, with her name; bob is untouched.
    const { gameSession } = await bob.client.data(GameSessionDocument, { id: gameId });
    expect(gameSession?.players.map((p) => p.username).sort()).toEqual([alice.username, bob.username].sort());
    expect((await bob.client.data(MeDocument)).me).toMatchObject({ email: bob.email, status: 'ACTIVE' });
    const anonymousBob = app.client.withHeaders({ 'x-forwarded-for': '10.78.0.2' });
    expect((await anonymousBob.data(AuthenticateUserDocument, { input: { login: bob.email, password: bob.password } })).authenticateUser.__typename).toBe('AuthenticateUserSuccess');
    const events = await app.server.services.eventStore.read({ aggregateType: 'user', aggregateId: alice.userId });
    expect(events.at(-1)).toMatchObject({ eventType: 'UserForgotten' });
  });
});

describe('forgetUser on the in-memory twin', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ overrides: { ...adminOverrides, 'redis.url': null } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('forgets the same way: email unreadable, account kept, twice is fine', async () => {
    const { client: admin } = await login(app.client, ADMIN.username, ADMIN.password);
    const carol = await register(app, 'carol');
    expect((await carol.client.data(MeDocument)).me).toMatchObject({ email: carol.email });
    const forgotten = (await carol.client.data(ForgetUserDocument, { input: { userId: carol.userId, password: carol.password } })).forgetUser;
    expect(forgotten).toMatchObject({ __typename: 'ForgetUserSuccess', alreadyForgotten: false, user: { email: null, status: 'FORGOTTEN', username: carol.username } });
    expect((await admin.data(ForgetUserDocument, { input: { userId: carol.userId } })).forgetUser).toMatchObject({ alreadyForgotten: true });
    const events = await app.server.services.eventStore.read({ aggregateType: 'user', aggregateId: carol.userId });
    expect(JSON.stringify(events).toLowerCase()).not.toContain(carol.email);
    expect(await app.server.services.vault.open((events[0]!.data as { email: string }).email)).toBeNull();
  });
});
