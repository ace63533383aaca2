/**
 * A command retried with the same idempotency key after the middleware's record is gone (the
 * pending claim expired after a lost reply, or storage refused to complete it) is answered from
 * the mark its first attempt left on the aggregate, atomically with its events: the same answer,
 * no second run — not a domain error from deciding again, not a second wave.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateGameSessionDocument, GameSessionDocument, PlaceTowerDocument, StartWaveDocument } from '../generated/graphql.js';
import { signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: {} });
});
afterAll(async () => app?.close());

const create = async (host: Player): Promise<string> => {
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'NORMAL', maxPlayers: 4 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  return createGameSession.gameSession.id;
};

/** Keys matching a pattern, on every master when the run is on a Cluster (REDIS_TEST_TOPOLOGY=cluster). */
const keysMatching = async (pattern: string): Promise<string[]> => {
  const redis = app.server.infrastructure.redis!;
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  return (await Promise.all(nodes.map((node) => node.keys(pattern)))).flat();
};

/** What a lost reply plus an expired pending claim leave: no idempotency record of the key at all. */
const forgetIdempotencyRecord = async (key: string): Promise<void> => {
  const keys = await keysMatching(`${app.prefix}idem:*${key}`);
  expect(keys).toHaveLength(1);
  await app.server.infrastructure.redis!.del(keys[0]!);
};

/** The game's stored events, straight from its stream. */
const storedEvents = async (sessionId: string): Promise<number> => {
  const [stream] = await keysMatching(`${app.prefix}events:*:game_session:${sessionId}`);
  return app.server.infrastructure.redis!.xlen(stream!);
};

const view = async (player: Player, id: string) => (await player.client.data(GameSessionDocument, { id })).gameSession!;

describe('a retry whose idempotency record is gone', () => {
  it('placeTower answers the first placement (same tower, same game, same read-after token), not "cell occupied"', async () => {
    const host = await signUp(app);
    const id = await create(host);
    const input = { sessionId: id, towerType: 'SNIPER' as const, x: 5, y: 3, idempotencyKey: `place-${id}` };
    const first = await host.client.execute(PlaceTowerDocument, { input });
    expect(first.data?.placeTower).toMatchObject({ __typename: 'PlaceTowerSuccess', tower: { x: 5, y: 3 } });
    const events = await storedEvents(id);

    await forgetIdempotencyRecord(input.idempotencyKey);
    const retry = await host.client.execute(PlaceTowerDocument, { input });
    expect(retry.data?.placeTower).toEqual(first.data?.placeTower);
    expect(retry.extensions?.readAfter).toEqual(first.extensions?.readAfter);
    expect(await storedEvents(id)).toBe(events);
    expect((await view(host, id)).towers).toHaveLength(1);
  });

  it('placeTower answers the first placement even after the game moved on (the state at its versions, rebuilt)', async () => {
    const host = await signUp(app);
    const id = await create(host);
    const input = { sessionId: id, towerType: 'SNIPER' as const, x: 5, y: 3, idempotencyKey: `place-then-more-${id}` };
    const first = await host.client.data(PlaceTowerDocument, { input });
    expect(first.placeTower).toMatchObject({ __typename: 'PlaceTowerSuccess' });
    // Another command since: the retry must not answer with today's game.
    const second = await host.client.data(PlaceTowerDocument, { input: { sessionId: id, towerType: 'ARROW', x: 5, y: 4 } });
    expect(second.placeTower).toMatchObject({ __typename: 'PlaceTowerSuccess' });
    const events = await storedEvents(id);

    await forgetIdempotencyRecord(input.idempotencyKey);
    const retry = await host.client.data(PlaceTowerDocument, { input });
    expect(retry.placeTower).toEqual(first.placeTower);
    expect(await storedEvents(id)).toBe(events);
  });

  it('startWave does not start a second wave', async () => {
    const host = await signUp(app);
    const id = await create(host);
    const input = { sessionId: id, idempotencyKey: `wave-${id}` };
    const first = await host.client.data(StartWaveDocument, { input });
    expect(first.startWave).toMatchObject({ __typename: 'StartWaveSuccess', gameSession: { currentWave: 1 } });
    const events = await storedEvents(id);

    await forgetIdempotencyRecord(input.idempotencyKey);
    const retry = await host.client.data(StartWaveDocument, { input });
    expect(retry.startWave).toEqual(first.startWave);
    expect(await storedEvents(id)).toBe(events);
    expect((await view(host, id)).currentWave).toBe(1);
  });

  it('createGameSession does not create a second game (the new game\'s id follows from the key)', async () => {
    const host = await signUp(app);
    const input = { difficulty: 'EASY' as const, maxPlayers: 2, idempotencyKey: `create-${host.userId}` };
    const first = await host.client.data(CreateGameSessionDocument, { input });
    expect(first.createGameSession).toMatchObject({ __typename: 'CreateGameSessionSuccess' });

    await forgetIdempotencyRecord(input.idempotencyKey);
    const retry = await host.client.data(CreateGameSessionDocument, { input });
    expect(retry.createGameSession).toEqual(first.createGameSession);
    const redis = app.server.infrastructure.redis!;
    const games = await keysMatching(`${app.prefix}events:*:game_session:*`);
    const hosted = await Promise.all(games.map(async (key) => JSON.stringify(await redis.xrange(key, '-', '+', 'COUNT', 1)).includes(host.userId)));
    expect(hosted.filter(Boolean)).toHaveLength(1);
  });

  it('the same key with other input is still refused', async () => {
    const host = await signUp(app);
    const id = await create(host);
    const input = { sessionId: id, towerType: 'SNIPER' as const, x: 5, y: 3, idempotencyKey: `place-other-${id}` };
    expect((await host.client.data(PlaceTowerDocument, { input })).placeTower).toMatchObject({ __typename: 'PlaceTowerSuccess' });
    await forgetIdempotencyRecord(input.idempotencyKey);
    const other = await host.client.execute(PlaceTowerDocument, { input: { ...input, x: 5, y: 4 } });
    expect(JSON.stringify(other)).toMatch(/already used with different input/);
    expect((await view(host, id)).towers).toHaveLength(1);
  });
});
