/**
 * Dead letters over GraphQL on real Redis. A poison entry is a partition-log reference to an event
 * that is not in its stream: every projection and process manager dead-letters it at once
 * (undecodable, no attempts), which gives one letter per consumer to list, page, retry and skip.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untilLive, type GraphQLClient } from '../support/graphqlClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, DEAD_LETTERS, DEAD_LETTER_ADDED, MAINTENANCE_RUNS, RETRY_DEAD_LETTERS, SKIP_DEAD_LETTERS, adminOverrides, errorCode, login, registerAndLogin, type Json } from './opsHelpers.js';
import { eventually } from '../support/players.js';

let app: TestApp;
let admin: GraphQLClient;
let player: GraphQLClient;

beforeAll(async () => {
  app = await startTestApp({ overrides: adminOverrides });
  ({ client: admin } = await login(app.client, ADMIN.username, ADMIN.password));
  player = (await registerAndLogin(app.client, 'dl_player')).client;
});
afterAll(async () => {
  await app?.close();
});

/** Appends a reference to a missing event to partition `p`'s log. */
const poison = async (aggregateId: string, p = 0): Promise<void> => {
  const { redis, keys } = app.server.infrastructure;
  await redis!.xadd(keys.partitionLog(p), '*', 'at', 'ghost', 'ai', aggregateId, 'av', '1', 't', 'Ghost');
};
const consumers = () => app.server.projections.names();
const lettersOf = async (projection?: string): Promise<Json[]> =>
  (await admin.data(DEAD_LETTERS, { projection, first: 100 })).deadLetters.edges.map((e: Json) => e.node);

describe('dead letters', () => {
  it('are for operators only', async () => {
    expect(errorCode(await player.execute(DEAD_LETTERS, {}))).toBe('FORBIDDEN');
    expect(errorCode(await app.client.execute(DEAD_LETTERS, {}))).toBe('UNAUTHENTICATED');
    expect((await player.data(SKIP_DEAD_LETTERS, { input: { ids: ['auth:1:0:1-0'] } })).skipDeadLetters.__typename).toBe('ForbiddenError');
    expect((await player.data(RETRY_DEAD_LETTERS, { input: {} })).retryDeadLetters.__typename).toBe('ForbiddenError');
  });

  it('lists the failure, the event and the attempts, per projection or all, newest first, in pages', async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}`;
    await poison(ghost);
    await eventually(async () => (await lettersOf()).filter((l) => l.event.aggregateId === ghost).length === consumers().length, 15_000);
    const [auth] = (await lettersOf('auth')).filter((l) => l.event.aggregateId === ghost);
    expect(auth).toMatchObject({
      id: expect.stringMatching(/^auth:\d+:0:\d+-\d+$/),
      projection: 'auth',
      partition: 0,
      attempts: 0,
      undecodable: true,
      failure: expect.stringContaining('is not in its stream'),
      event: { eventType: 'Ghost', aggregateType: 'ghost', aggregateId: ghost, version: 1 },
    });

    const first = (await admin.data(DEAD_LETTERS, { first: 2 })).deadLetters;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await admin.data(DEAD_LETTERS, { first: 100, after: first.pageInfo.endCursor })).deadLetters;
    const ids = [...first.edges, ...rest.edges].map((e: Json) => e.node.id);
    expect(new Set(ids).size).toBe(first.totalCount);
    expect(ids).toHaveLength(first.totalCount);
    const ats = [...first.edges, ...rest.edges].map((e: Json) => e.node.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    expect(errorCode(await admin.execute(DEAD_LETTERS, { projection: 'nope' }))).toBe('NOT_FOUND');
  });

  it('retries by id (a letter failing again stays, one attempt more) and records the run', async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}`;
    await poison(ghost, 1);
    const letter = await eventually(async () => (await lettersOf('game')).find((l) => l.event.aggregateId === ghost));
    const retried = (await admin.data(RETRY_DEAD_LETTERS, { input: { ids: [letter.id] } })).retryDeadLetters;
    expect(retried).toMatchObject({ __typename: 'RetryDeadLettersSuccess', total: 0, outcomes: [{ projection: 'game', done: 0, stillFailing: 1 }] });
    expect((await lettersOf('game')).find((l) => l.id === letter.id)).toMatchObject({ attempts: 1 });
    // The run's record is a read model (asynchronous: the mutation answers from the command, not after it).
    const run = await eventually(async () => (await admin.data(MAINTENANCE_RUNS, {})).maintenanceRuns.edges.map((e: Json) => e.node).find((r: Json) => r.id === retried.runId));
    expect(run).toMatchObject({ task: 'RETRY_DEAD_LETTERS', target: 'game', result: { ids: [letter.id] } });
  });

  it('skips by id across projections, and refuses unknown or malformed ids', async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}`;
    await poison(ghost, 2);
    const letters = await eventually(async () => {
      const found = (await lettersOf()).filter((l) => l.event.aggregateId === ghost);
      return found.length === consumers().length ? found : null;
    }, 15_000);
    const chosen = letters.filter((l: Json) => l.projection === 'auth' || l.projection === 'ops').map((l: Json) => l.id);
    const skipped = (await admin.data(SKIP_DEAD_LETTERS, { input: { ids: chosen } })).skipDeadLetters;
    expect(skipped.total).toBe(2);
    expect(skipped.outcomes.map((o: Json) => o.projection).sort()).toEqual(['auth', 'ops']);
    const left = (await lettersOf()).filter((l) => l.event.aggregateId === ghost).map((l) => l.projection);
    expect(left).toHaveLength(consumers().length - 2);
    expect(left).not.toContain('auth');

    // Skipped already: gone, so NotFoundError (nothing else is touched).
    expect((await admin.data(SKIP_DEAD_LETTERS, { input: { ids: [chosen[0]] } })).skipDeadLetters).toMatchObject({ __typename: 'NotFoundError', message: expect.stringContaining(chosen[0]) });
    expect((await admin.data(SKIP_DEAD_LETTERS, { input: { ids: ['not an id'] } })).skipDeadLetters).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'ids' }] });
    expect((await admin.data(RETRY_DEAD_LETTERS, { input: { projection: 'nope' } })).retryDeadLetters.__typename).toBe('NotFoundError');
    expect((await admin.data(RETRY_DEAD_LETTERS, { input: { projection: 'auth', ids: [letters.find((l: Json) => l.projection === 'game').id] } })).retryDeadLetters.__typename).toBe('ValidationError');
  });

  it('streams new dead letters to operators', async () => {
    const subscription = admin.subscribeSSE(DEAD_LETTER_ADDED, { intervalMs: 200 });
    try {
      let n = 0;
      await untilLive(
        subscription,
        () => poison(`live-${++n}-${randomUUID().slice(0, 6)}`, 3),
        (payload) => String(payload.data?.deadLetterAdded?.event.aggregateId ?? '').startsWith('live-'),
      );
      const ghost = `ghost-${randomUUID().slice(0, 8)}`;
      await poison(ghost, 3);
      const projections = new Set<string>();
      while (projections.size < consumers().length) {
        const payload = await subscription.next(15_000);
        const letter = payload?.data?.deadLetterAdded;
        if (letter?.event.aggregateId === ghost) {
          expect(letter).toMatchObject({ attempts: 0, failure: expect.stringContaining('not in its stream') });
          projections.add(letter.projection);
        }
      }
      expect([...projections].sort()).toEqual([...consumers()].sort());
    } finally {
      await subscription.close();
    }
    const refused = player.subscribeSSE(DEAD_LETTER_ADDED, {});
    try {
      expect(errorCode((await refused.next())!)).toBe('FORBIDDEN');
    } finally {
      await refused.close();
    }
  });

  it('retries or skips every letter of a projection', async () => {
    const before = (await lettersOf('game-statistics')).length;
    expect(before).toBeGreaterThan(0);
    const retried = (await admin.data(RETRY_DEAD_LETTERS, { input: { projection: 'game-statistics' } })).retryDeadLetters;
    expect(retried.outcomes).toEqual([{ projection: 'game-statistics', done: 0, stillFailing: before }]);
    const ids = (await lettersOf('game-statistics')).map((l) => l.id);
    expect((await admin.data(SKIP_DEAD_LETTERS, { input: { ids } })).skipDeadLetters.total).toBe(before);
    expect(await lettersOf('game-statistics')).toEqual([]);
  });
});
