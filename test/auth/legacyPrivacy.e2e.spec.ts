/**
 * Crypto-shredding of data written BEFORE sealing existed (docs/privacy.md), on real Redis:
 * a UserRegistered v1 with the email in clear and GameEnded events with the ender's reason in
 * clear, stored exactly as the old code stored them (plus the hybrid state, snapshots and a
 * compaction archive that copied them). forgetUser redacts just those fields in place (same ids
 * and versions); afterwards no Redis key and no archive file holds that email or reason, the
 * history still loads and projects, the rewrite is recorded, and other users are untouched.
 * Also: the reason written with this code is sealed with its writer's key and reads null over
 * GraphQL once they are forgotten.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/core/personalData.js';
import { snapshotBalance } from '../../src/game/domain/balance.js';
import { CreateGameSessionDocument, EndGameDocument, ForgetUserDocument, GameSessionDocument, ReplayGameDocument, UserStatusDocument } from '../generated/graphql.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { dumpArchives, dumpRedis } from '../support/dumps.js';
import { eventually, signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, PERFORM_MAINTENANCE, adminOverrides, login } from '../ops/opsHelpers.js';
import { defaultBalance, meadow } from '../game/gameFixtures.js';

let app: TestApp;
let admin: GraphQLClient;
let archiveDir: string;
beforeAll(async () => {
  archiveDir = await mkdtemp(join(tmpdir(), 'da-legacy-privacy-'));
  app = await startTestApp({ overrides: { ...adminOverrides, 'compaction.archiveDir': archiveDir } });
  admin = (await login(app.client, ADMIN.username, ADMIN.password)).client;
});
afterAll(async () => {
  await app?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

const iso = (ms: number) => new Date(ms).toISOString();
const old = (type: string, data: object, at: string, userId: string) => ({
  eventId: uuidv7(),
  type,
  data,
  schemaVersion: 1,
  metadata: { correlationId: uuidv7(), causationId: uuidv7(), userId, timestamp: at },
  createdAt: at,
});

/** An account as the release before sealing stored it: clear email in the event and in its reservation. */
const storeLegacyUser = async (base: string) => {
  const tag = uuidv7().slice(-8);
  const user = { userId: uuidv7(), username: `${base}_${tag}`, email: `${base}.${tag}@legacy.example.org` };
  const t0 = Date.now() - 60_000;
  const events = [
    old('UserRegistered', { userId: user.userId, username: user.username, email: user.email, passwordHash: 'scrypt$legacy$not-a-hash', roles: ['PLAYER'], registeredAt: iso(t0) }, iso(t0), user.userId),
    old('UserAuthenticated', { userId: user.userId, sessionId: uuidv7(), authenticatedAt: iso(t0 + 1) }, iso(t0 + 1), user.userId),
  ];
  await app.server.infrastructure.eventStore.append({ aggregateType: 'user', aggregateId: user.userId }, events, { expectedVersion: 'no_stream' });
  await app.server.infrastructure.uniqueness.reserve('username', user.username.toLowerCase(), user.userId);
  await app.server.infrastructure.uniqueness.reserve('email', user.email, user.userId);
  return user;
};

/** A game its host ended with a reason, as the release before sealing stored it (events and hybrid state). */
const storeLegacyEndedGame = async (host: { userId: string; username: string }, reason: string) => {
  const sessionId = `legacy-${uuidv7()}`;
  const balance = snapshotBalance(defaultBalance);
  const [t0, t1, t2] = [Date.now() - 3000, Date.now() - 2999, Date.now() - 2998].map(iso) as [string, string, string];
  const created = { sessionId, hostId: host.userId, difficulty: 'NORMAL', maxPlayers: 2, map: meadow, balance, lives: 20, at: t0 };
  const joined = { sessionId, playerId: host.userId, playerName: host.username, gold: balance.game.startingGold, at: t1 };
  const players = [{ playerId: host.userId, playerName: host.username, towersPlaced: 0 }];
  const ended = { sessionId, result: 'ABANDONED', reason, finalWave: 0, score: 0, livesLeft: 20, endedBy: host.userId, players, at: t2 };
  const events = [old('GameSessionCreated', created, t0, host.userId), old('PlayerJoined', joined, t1, host.userId), old('GameEnded', ended, t2, host.userId)];
  const board = { ...created, players: [{ ...players[0], gold: joined.gold, joinedAt: t1 }], towers: [], currentWave: 0, score: 0, createdAt: t0 };
  const state = { ...board, status: 'Ended', result: 'ABANDONED', reason, startedAt: null, endedAt: t2 };
  await app.server.infrastructure.eventStore.append({ aggregateType: 'game_session', aggregateId: sessionId }, events, { expectedVersion: 'no_stream', state });
  return sessionId;
};

/** The GameEnded data a replay shows (the GameEvent type opens a sealed reason). */
const replayedEnd = async (client: GraphQLClient, id: string): Promise<{ reason: string | null }> => {
  const replay = client.subscribeSSE(ReplayGameDocument, { id, speed: 100 });
  let end: { reason: string | null } | null = null;
  for (let next = await replay.next(20_000); next; next = await replay.next(20_000)) {
    if (!next.data) throw new Error(JSON.stringify(next));
    if (next.data.replayGame.eventType === 'GameEnded') end = next.data.replayGame.data as { reason: string | null };
  }
  if (!end) throw new Error('no GameEnded replayed');
  return end;
};

const maintain = async (task: string, target: string | null) => (await admin.data(PERFORM_MAINTENANCE, { input: { task, target } })).performMaintenance;

describe('forgetting a user whose data was written before sealing', () => {
  it('redacts the legacy email and reasons everywhere: stream entries, states, snapshots, archives; history still loads; others untouched', async () => {
    const legacy = await storeLegacyUser('legacy');
    const keeper = await storeLegacyUser('keeper');
    const legacyReason = `walking my dog Rex at ${uuidv7().slice(-8)}`;
    const keeperReason = `keeper's own words ${uuidv7().slice(-8)}`;
    const legacyGame = await storeLegacyEndedGame(legacy, legacyReason);
    const keeperGame = await storeLegacyEndedGame(keeper, keeperReason);

    // Old data reads as before (the tolerant read): email for admins, reason in replays.
    await eventually(async () => (await admin.data(UserStatusDocument, { id: legacy.userId })).user?.email === legacy.email, 15_000);
    expect(await replayedEnd(admin, legacyGame)).toMatchObject({ reason: legacyReason });
    // Snapshots and a compaction archive copy the clear values too (the user's v1 event leaves the stream).
    await maintain('SNAPSHOT_AGGREGATES', 'user');
    await maintain('SNAPSHOT_AGGREGATES', 'game_session');
    await eventually(async () => ((await maintain('COMPACT_EVENTS', 'user')).result.waitingForConsumers === 0 ? true : null), 15_000);
    const before = { redis: await dumpRedis(app.server.infrastructure.redis!, app.prefix), archives: await dumpArchives(archiveDir) };
    expect(before.archives.text).toContain(legacy.email);
    expect(before.redis).toContain(legacy.email);
    expect(before.redis).toContain(legacyReason);
    const versionsBefore = (await app.server.services.eventStore.read({ aggregateType: 'game_session', aggregateId: legacyGame })).map((e) => [e.eventId, e.aggregateVersion]);

    const forgotten = (await admin.data(ForgetUserDocument, { input: { userId: legacy.userId } })).forgetUser;
    expect(forgotten).toMatchObject({ __typename: 'ForgetUserSuccess', alreadyForgotten: false });

    const redis = await dumpRedis(app.server.infrastructure.redis!, app.prefix);
    const archives = await dumpArchives(archiveDir);
    for (const dump of [redis.toLowerCase(), archives.text.toLowerCase()]) {
      expect(dump).not.toContain(legacy.email);
      expect(dump).not.toContain(legacy.email.split('@')[0]);
      expect(dump).not.toContain(legacyReason.toLowerCase());
    }
    // The dumps are real (the user's id and username stay), and the other user's data is untouched.
    expect(redis).toContain(legacy.userId);
    expect(redis).toContain(legacy.username);
    expect(archives.text).toContain(legacy.userId);
    expect(redis).toContain(keeper.email);
    expect(redis).toContain(keeperReason);
    expect((await admin.data(UserStatusDocument, { id: keeper.userId })).user).toMatchObject({ email: keeper.email });
    expect(await replayedEnd(admin, keeperGame)).toMatchObject({ reason: keeperReason });

    // The history still loads: same ids and versions, the fields redacted; the game reads null over GraphQL.
    const userEvents = await app.server.services.eventStore.read({ aggregateType: 'user', aggregateId: legacy.userId });
    expect(userEvents.at(-1)).toMatchObject({ eventType: 'UserForgotten' });
    const game = await app.server.services.eventStore.read({ aggregateType: 'game_session', aggregateId: legacyGame });
    expect(game.map((e) => [e.eventId, e.aggregateVersion])).toEqual(versionsBefore);
    expect(game.at(-1)).toMatchObject({ eventType: 'GameEnded', data: { reason: REDACTED, endedBy: legacy.userId } });
    expect((await admin.data(GameSessionDocument, { id: legacyGame })).gameSession).toMatchObject({ status: 'ENDED', result: 'ABANDONED' });
    expect(await replayedEnd(admin, legacyGame)).toMatchObject({ reason: null });
    await eventually(async () => (await admin.data(UserStatusDocument, { id: legacy.userId })).user?.status === 'FORGOTTEN');
    expect((await admin.data(UserStatusDocument, { id: legacy.userId })).user).toMatchObject({ email: null, username: legacy.username });
    // A rebuilt projection reads the rewritten stream through the partition log's references (same versions).
    await maintain('REBUILD_PROJECTION', 'game');
    await eventually(async () => (await app.server.projections.status()).find((s) => s.name === 'game')?.rebuild === null, 20_000);
    expect(await app.server.services.readStore.get('gameSessions', legacyGame)).toMatchObject({ status: 'ENDED', result: 'ABANDONED', version: 3 });

    // Audited: one maintenance run names what was rewritten (never a value).
    const runs = await app.server.services.eventStore.read({ aggregateType: 'maintenance', aggregateId: 'maintenance' });
    const redactions = runs.filter((e) => (e.data as { task: string }).task === 'REDACT_PERSONAL_DATA');
    expect(redactions).toHaveLength(1);
    expect(redactions[0]!.data).toMatchObject({ target: legacy.userId, result: { subjectId: legacy.userId, eventsRedacted: 2 } });
    const report = JSON.stringify(redactions[0]!.data);
    expect(report).toContain(legacyGame);
    expect(report).not.toContain(legacy.email);
    expect(report).not.toContain(legacyReason);

    // Twice is fine, and finds nothing left to rewrite.
    expect((await admin.data(ForgetUserDocument, { input: { userId: legacy.userId } })).forgetUser).toMatchObject({ alreadyForgotten: true });
    const after = await app.server.services.eventStore.read({ aggregateType: 'maintenance', aggregateId: 'maintenance' });
    expect(after.filter((e) => (e.data as { task: string }).task === 'REDACT_PERSONAL_DATA')).toHaveLength(1);
  });

  it('seals the reason this code stores with its writer\'s key: readable until they are forgotten, then null', async () => {
    const host = await signUp(app, 'ender');
    const created = (await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } })).createGameSession;
    if (created.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(created));
    const id = created.gameSession.id;
    const reason = `the cat sat on my keyboard ${uuidv7().slice(-8)}`;
    expect((await host.client.data(EndGameDocument, { input: { sessionId: id, reason: `  ${reason}  ` } })).endGame.__typename).toBe('EndGameSuccess');
    const [ended] = (await app.server.services.eventStore.read({ aggregateType: 'game_session', aggregateId: id })).slice(-1);
    expect((ended!.data as { reason: string }).reason).toMatch(new RegExp(`^pii:1:${host.userId}:`));
    expect(await dumpRedis(app.server.infrastructure.redis!, app.prefix)).not.toContain(reason);
    expect(await replayedEnd(host.client, id)).toMatchObject({ reason });

    expect((await admin.data(ForgetUserDocument, { input: { userId: host.userId } })).forgetUser.__typename).toBe('ForgetUserSuccess');
    expect(await replayedEnd(admin, id)).toMatchObject({ reason: null });
    // Too long a reason is refused before anything is sealed, as before.
    const other = await signUp(app, 'ender2');
    const game = (await other.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } })).createGameSession;
    if (game.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(game));
    expect((await other.client.data(EndGameDocument, { input: { sessionId: game.gameSession.id, reason: 'x'.repeat(201) } })).endGame).toMatchObject({ __typename: 'ValidationError' });
  });
});
