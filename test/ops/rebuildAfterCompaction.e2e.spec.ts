/**
 * Projection rebuilds after COMPACT_EVENTS (issue #16) on real Redis: games are played, every
 * snapshotted aggregate type is compacted (events archived, then removed from their streams), and
 * every projection is rebuilt from position 0 of the partition logs. The rebuilt read models equal
 * those built live before compaction, document for document, and nothing is dead-lettered: the
 * references whose events left Redis are read back from the archives (ops/archiveReader.ts).
 *
 * Compaction and rebuilds run through the server's own Maintenance and ProjectionManager (the
 * code behind performMaintenance) so that no MaintenancePerformed event changes the ops read
 * models between the two dumps; the scheduler's and sampler's timers are kept out for the same reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, type Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateGameSessionDocument, EndGameDocument, JoinGameSessionDocument, PlaceTowerDocument, StartWaveDocument } from '../generated/graphql.js';
import { eventually, signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { adminOverrides } from './opsHelpers.js';

let app: TestApp;
let archiveDir: string;
beforeAll(async () => {
  archiveDir = await mkdtemp(join(tmpdir(), 'da-rebuild-archive-'));
  app = await startTestApp({
    overrides: { ...adminOverrides, 'compaction.archiveDir': archiveDir, 'compaction.keepEventsBeforeSnapshot': 0, roles: ['api', 'worker'], 'metrics.sampleIntervalSeconds': 3_600 },
  });
});
afterAll(async () => {
  await app?.close();
  await rm(archiveDir, { recursive: true, force: true });
});

const ok = <T extends { __typename: string }>(payload: T, typename: string): T => {
  if (payload.__typename !== typename) throw new Error(`expected ${typename}: ${JSON.stringify(payload)}`);
  return payload;
};

/** Host + guest, two towers, a wave, then the host ends it: every game event type the projections read. */
const playGame = async (host: Player, guest: Player) => {
  const created = ok((await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'NORMAL', maxPlayers: 2 } })).createGameSession, 'CreateGameSessionSuccess');
  if (created.__typename !== 'CreateGameSessionSuccess') throw new Error('unreachable');
  const sessionId = created.gameSession.id;
  ok((await guest.client.data(JoinGameSessionDocument, { input: { sessionId } })).joinGameSession, 'JoinGameSessionSuccess');
  ok((await host.client.data(PlaceTowerDocument, { input: { sessionId, towerType: 'SNIPER', x: 5, y: 3 } })).placeTower, 'PlaceTowerSuccess');
  ok((await guest.client.data(PlaceTowerDocument, { input: { sessionId, towerType: 'SNIPER', x: 5, y: 4 } })).placeTower, 'PlaceTowerSuccess');
  ok((await host.client.data(StartWaveDocument, { input: { sessionId } })).startWave, 'StartWaveSuccess');
  ok((await host.client.data(EndGameDocument, { input: { sessionId, reason: 'done' } })).endGame, 'EndGameSuccess');
};

const projectionNames = async () => (await app.server.projections.status()).filter((s) => s.kind === 'projection').map((s) => s.name);

/** Every projection caught up on the active generation, no rebuild in progress. */
const settled = () =>
  eventually(async () => (await app.server.projections.status()).every((s) => s.rebuild === null && s.lag.events === 0 && s.state === 'running'), 30_000);

/** Every read-model document of every projection's active generation, keyed without the generation. */
const dumpReadModels = async (): Promise<Record<string, Record<string, string>>> => {
  const redis = app.server.infrastructure.redis!;
  const nodes: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis as Redis];
  const dump: Record<string, Record<string, string>> = {};
  for (const name of await projectionNames()) {
    const root = `${app.prefix}readmodel:{rm:${name}}:`;
    const active = await redis.hget(`${root}meta`, 'active');
    const base = `${root}g${active}:doc:`;
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${base}*`, 'COUNT', 500);
        cursor = next;
        for (const key of keys) dump[`${name}/${key.slice(base.length)}`] = await redis.hgetall(key);
      } while (cursor !== '0');
    }
  }
  return dump;
};

describe('REBUILD_PROJECTION after COMPACT_EVENTS', () => {
  it('rebuilds every projection to the read models it had before compaction, with no dead letters', async () => {
    const players = await Promise.all([signUp(app), signUp(app), signUp(app)]);
    await playGame(players[0]!, players[1]!);
    await playGame(players[1]!, players[2]!);
    await playGame(players[2]!, players[0]!);
    await settled();
    const before = await dumpReadModels();
    expect(Object.keys(before).length).toBeGreaterThan(10);

    const { maintenance } = app.server.ops;
    await maintenance.perform('SNAPSHOT_AGGREGATES', 'all');
    const removed: Record<string, number> = {};
    for (const type of ['user', 'game_session']) {
      const result = (await maintenance.perform('COMPACT_EVENTS', type)) as { eventsRemoved: number; waitingForConsumers: number };
      expect(result.waitingForConsumers).toBe(0);
      removed[type] = result.eventsRemoved;
    }
    // Every game lost all but its last event from Redis, every user all but one: a rebuild that
    // only read the streams would miss them.
    expect(removed.game_session).toBeGreaterThanOrEqual(3 * 6);
    expect(removed.user).toBeGreaterThan(0);
    expect(await dumpReadModels()).toEqual(before);

    const names = await projectionNames();
    const generations = new Map((await app.server.projections.status()).map((s) => [s.name, s.generation]));
    for (const name of names) await app.server.projections.rebuild(name);
    await eventually(async () => (await app.server.projections.status()).filter((s) => names.includes(s.name)).every((s) => s.generation > generations.get(s.name)!), 60_000);
    await settled();

    const statuses = await app.server.projections.status();
    expect(statuses.map((s) => [s.name, s.deadLetters])).toEqual(statuses.map((s) => [s.name, 0]));
    expect(await dumpReadModels()).toEqual(before);
  });
});
