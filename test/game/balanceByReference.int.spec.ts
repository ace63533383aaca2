/**
 * The balance by reference, on a real Redis store: games refer to a stored, content-hashed
 * balance version; a game created before that (GameSessionCreated v1 with the balance embedded,
 * its hybrid state in the old shape) still loads and plays on exactly its own balance.
 */
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/core/commands/dispatcher.js';
import { repositoryRegistry } from '../../src/core/commands/repository.js';
import { contentId } from '../../src/core/contentId.js';
import type { CommandMetadata } from '../../src/core/messages.js';
import { createBalanceVersions } from '../../src/game/balanceVersions.js';
import { gameCommands, gameRegistrations, gameSessionAggregate } from '../../src/game/commands.js';
import { snapshotBalance, type Balance } from '../../src/game/domain/balance.js';
import { gameSessionView } from '../../src/game/projections.js';
import { gameUpcasts } from '../../src/game/upcasters.js';
import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';
import { createRedisStorage, type Storage } from '../../src/infrastructure/storage.js';
import { useTestRedis } from '../support/testRedis.js';
import { defaultBalance, meadow } from './gameFixtures.js';

const test = useTestRedis();

let storage: Storage;
let inForce: Balance;
let dispatcher: Dispatcher;
beforeAll(() => {
  storage = createRedisStorage(test.redis, { prefix: test.prefix, partitions: 4 });
  for (const step of gameUpcasts) storage.upcasters.register(step.eventType, step.fromSchemaVersion, step.upcast);
  inForce = defaultBalance;
  dispatcher = new Dispatcher({ conflictRetries: 3, repositoryFor: repositoryRegistry(storage, () => ({ storage: 'hybrid', snapshotEvery: 100 })) });
  dispatcher.register(
    ...gameRegistrations({ readStore: new MemoryReadStore(), playerName: async (id) => `name-${id}`, balance: async () => inForce, contentStore: storage.contentStore, newId: uuidv7, sealPersonal: async (_subject, text) => text }),
  );
});

const as = (userId: string): Partial<CommandMetadata> => ({ userId });
const ref = (id: string) => ({ aggregateType: 'game_session', aggregateId: id });
/** Keys of the test's namespace whose name contains `part`. */
const keysWith = async (part: string) => (await test.redis.keys(`${test.prefix}*`)).filter((k) => k.includes(part));

describe('a new game refers to its balance version', () => {
  it('stores the version once, and events and state carry only its id', async () => {
    const first = await dispatcher.send(gameCommands.createGameSession, { difficulty: 'NORMAL', maxPlayers: 2 }, as('alice'));
    const second = await dispatcher.send(gameCommands.createGameSession, { difficulty: 'HARD', maxPlayers: 2 }, as('bob'));
    const id = contentId(snapshotBalance(defaultBalance));

    const [created] = await storage.eventStore.read(ref(first.aggregateId), { toVersion: 1 });
    expect(created).toMatchObject({ eventType: 'GameSessionCreated', schemaVersion: 2, data: { balanceId: id, totalWaves: defaultBalance.game.waves } });
    expect(created!.data).not.toHaveProperty('balance');
    expect(await storage.contentStore.get('balance', id)).toEqual(snapshotBalance(defaultBalance));
    expect(await keysWith(':content:balance:')).toHaveLength(1);

    const stored = await storage.stateStore.load(ref(second.aggregateId));
    expect(stored).toMatchObject({ schema: 'game_session.v2', state: { balanceId: id, totalWaves: 10 } });
    expect(JSON.stringify(stored!.state)).not.toContain('towers":{');
  });

  it('plays on its own version after the balance in force changes', async () => {
    const created = await dispatcher.send(gameCommands.createGameSession, { difficulty: 'NORMAL', maxPlayers: 2 }, as('carol'));
    inForce = { ...defaultBalance, game: { ...defaultBalance.game, startingGold: 1000 }, towers: { ...defaultBalance.towers, ARROW: { ...defaultBalance.towers.ARROW, cost: 1 } } };
    try {
      const placed = await dispatcher.send(gameCommands.placeTower, { sessionId: created.aggregateId, towerType: 'ARROW', x: 8, y: 2 }, as('carol'));
      expect(placed.output.gameSession.players[0]).toMatchObject({ gold: defaultBalance.game.startingGold - defaultBalance.towers.ARROW.cost });
      // A game created now plays the new version, stored beside the old one.
      const later = await dispatcher.send(gameCommands.createGameSession, { difficulty: 'NORMAL', maxPlayers: 2 }, as('dave'));
      expect(later.output.gameSession.players[0]).toMatchObject({ gold: 1000 });
      expect(await keysWith(':content:balance:')).toHaveLength(2);
    } finally {
      inForce = defaultBalance;
    }
  });

  it('refuses commands for a game that does not exist as before', async () => {
    await expect(dispatcher.send(gameCommands.startWave, { sessionId: 'no-such-game' }, as('alice'))).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('a game stored before the balance was by reference', () => {
  /** Exactly what the previous release wrote: GameSessionCreated v1 with the balance embedded, the state in the v1 shape without a schema. */
  const storeOldGame = async (sessionId: string) => {
    const balance = { ...snapshotBalance(defaultBalance), game: { ...defaultBalance.game, startingGold: 300, waves: 4 } };
    const at = '2026-01-05T10:00:00.000Z';
    const metadata = { correlationId: uuidv7(), causationId: uuidv7(), userId: 'erin', timestamp: at };
    const old = (type: string, data: object) => ({ eventId: uuidv7(), type, data, schemaVersion: 1, metadata, createdAt: at });
    const created = { sessionId, hostId: 'erin', difficulty: 'NORMAL', maxPlayers: 2, map: meadow, balance, lives: 20, at };
    const joined = { sessionId, playerId: 'erin', playerName: 'Erin', gold: 300, at };
    const oldState = { status: 'Lobby', ...created, players: [{ playerId: 'erin', playerName: 'Erin', gold: 300, towersPlaced: 0, joinedAt: at }], towers: [], currentWave: 0, score: 0, createdAt: at };
    await storage.eventStore.append(ref(sessionId), [old('GameSessionCreated', created), old('PlayerJoined', joined)], { expectedVersion: 'no_stream', state: oldState });
    return balance;
  };

  it('reads its creation event in the current schema, with the balance it embedded', async () => {
    const sessionId = `old-${uuidv7()}`;
    const balance = await storeOldGame(sessionId);
    const [created] = await storage.eventStore.read(ref(sessionId), { toVersion: 1 });
    expect(created).toMatchObject({ schemaVersion: 2, data: { balanceId: contentId(balance), totalWaves: 4, embeddedBalance: balance } });
    expect(created!.data).not.toHaveProperty('balance');
  });

  it('rebuilds its old-shape state from the events and plays on its own balance', async () => {
    const sessionId = `old-${uuidv7()}`;
    const balance = await storeOldGame(sessionId);
    const loaded = await dispatcher.load(gameSessionAggregate, sessionId);
    expect(loaded).toMatchObject({ version: 2, state: { status: 'Lobby', balanceId: contentId(balance), totalWaves: 4, embeddedBalance: balance } });
    expect(gameSessionView(loaded.state, loaded.version)).toMatchObject({ totalWaves: 4, players: [{ gold: 300 }] });

    const placed = await dispatcher.send(gameCommands.placeTower, { sessionId, towerType: 'SNIPER', x: 5, y: 3 }, as('erin'));
    expect(placed.output.gameSession.players[0]).toMatchObject({ gold: 300 - balance.towers.SNIPER!.cost });
    const waved = await dispatcher.send(gameCommands.startWave, { sessionId }, as('erin'));
    expect(waved.output.gameSession).toMatchObject({ currentWave: 1, totalWaves: 4 });
    // Its balance was never stored by reference, and the state is now in the current shape.
    expect(await storage.contentStore.get('balance', contentId(balance))).toBeNull();
    expect(await storage.stateStore.load(ref(sessionId))).toMatchObject({ version: 5, schema: 'game_session.v2' });
  });
});

describe('balance versions (the game side of the content store)', () => {
  it('refuses a version that was never stored', async () => {
    await expect(createBalanceVersions(storage.contentStore).get(contentId({ nothing: 'here' }))).rejects.toThrow(/is not stored/);
  });
});
