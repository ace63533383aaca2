import { describe, expect, it, vi } from 'vitest';
import { Dispatcher } from '../../src/core/commands/dispatcher.js';
import { ConflictError, ForbiddenError, RuleBrokenError, UnauthenticatedError, ValidationError } from '../../src/core/errors.js';
import type { CommandMetadata } from '../../src/core/messages.js';
import { createRepository } from '../../src/core/commands/repository.js';
import { authProjection, loginsBetween, registrationsBetween } from '../../src/auth/projections.js';
import { gameProjection, gamesCreatedBetween, GAME_SESSIONS } from '../../src/game/projections.js';
import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';
import { createMemoryStorage } from '../../src/infrastructure/storage.js';
import { opsRegistrations, type MaintenanceOutcome } from '../../src/ops/commands.js';
import type { MetricsSample } from '../../src/ops/domain/systemMetrics.js';
import type { Maintenance } from '../../src/ops/maintenance.js';
import { CONFIGURATION, CONFIGURATION_HISTORY, opsProjection, type ConfigurationDoc } from '../../src/ops/projections.js';

const admin: Partial<CommandMetadata> = { userId: 'admin-1', roles: ['ADMIN'] };
const player: Partial<CommandMetadata> = { userId: 'player-1', roles: ['PLAYER'] };
const system: Partial<CommandMetadata> = { userId: 'system', roles: ['SYSTEM'] };

const setup = async () => {
  const storage = createMemoryStorage({ prefix: 't:', partitions: 2 });
  const readStore = new MemoryReadStore();
  await readStore.register('ops', opsProjection.collections);
  await readStore.register('game', gameProjection.collections);
  await readStore.register('auth', authProjection.collections);
  const maintenance: Maintenance = { perform: vi.fn(async (task, target) => ({ did: task, on: target })) };
  let n = 0;
  const dispatcher = new Dispatcher({ conflictRetries: 3, repositoryFor: (d) => createRepository(d, 'event_sourced', storage, 0) });
  const facts = { gamesCreated: gamesCreatedBetween(readStore), logins: loginsBetween(readStore), registrations: registrationsBetween(readStore) };
  dispatcher.register(...opsRegistrations({ readStore, reportSources: { readStore, partitions: 2, facts }, maintenance, projections: null as never, newId: () => `id-${++n}` }));
  // The read side, synchronously: good enough to read back what a command wrote.
  dispatcher.onCommitted(async (result) => {
    for (const e of result.events) await readStore.write(await opsProjection.project(e, readStore.at('ops', null)));
  });
  return { dispatcher, readStore, maintenance };
};

const update = (key: string, value: unknown, expectedVersion?: number) => ({ type: 'UpdateConfiguration', data: { key, value, ...(expectedVersion === undefined ? {} : { expectedVersion }) } });

describe('UpdateConfiguration', () => {
  it('records a validated value under the key, readable from the configuration read model', async () => {
    const { dispatcher, readStore } = await setup();
    const result = await dispatcher.dispatch(update('game.startingGold', 300, 0), admin);
    expect(result).toMatchObject({ aggregateType: 'configuration', aggregateId: 'game.startingGold', version: 1 });
    expect(result.events[0]).toMatchObject({ eventType: 'ConfigurationUpdated', data: { key: 'game.startingGold', value: 300, previousValue: null, version: 1, updatedBy: 'admin-1' } });
    expect(await readStore.get<ConfigurationDoc>(CONFIGURATION, 'game.startingGold')).toMatchObject({ value: 300, version: 1, updatedBy: 'admin-1' });
    await dispatcher.dispatch(update('game.startingGold', 250, 1), admin);
    const history = await readStore.query(CONFIGURATION_HISTORY, { where: { key: 'game.startingGold' }, orderBy: 'version', direction: 'DESC' });
    expect(history.items.map((h) => [h.version, h.value, h.previousValue])).toEqual([
      [2, 250, 300],
      [1, 300, null],
    ]);
  });

  it('refuses a stale expectedVersion with the actual one', async () => {
    const { dispatcher } = await setup();
    await dispatcher.dispatch(update('game.waves', 12), admin);
    const error = await dispatcher.dispatch(update('game.waves', 14, 0), admin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
  });

  it('validates the value against the setting schema, field by field', async () => {
    const { dispatcher } = await setup();
    const bad = await dispatcher.dispatch(update('game.startingGold', 'lots'), admin).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors[0]).toMatchObject({ field: 'value' });
    const unknown = await dispatcher.dispatch(update('nope.nope', 1), admin).catch((e: unknown) => e);
    expect((unknown as ValidationError).fieldErrors[0]).toMatchObject({ field: 'key' });
    const version = await dispatcher.dispatch(update('game.waves', 5, -1), admin).catch((e: unknown) => e);
    expect((version as ValidationError).fieldErrors[0]).toMatchObject({ field: 'expectedVersion' });
  });

  it('is for admins only', async () => {
    const { dispatcher } = await setup();
    await expect(dispatcher.dispatch(update('game.waves', 5), player)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dispatcher.dispatch(update('game.waves', 5))).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe('GenerateReport', () => {
  const game = (id: string, createdAt: string, over: object = {}) => ({
    op: 'put' as const,
    collection: GAME_SESSIONS,
    id,
    doc: { id, status: 'ENDED', active: 'no', difficulty: 'EASY', result: 'VICTORY', createdAt, createdAtMs: Date.parse(createdAt), towers: [{ towerType: 'ARROW' }], players: [{ userId: 'u1' }], ...over },
  });

  it('computes the content from the read models over the period and stores it', async () => {
    const { dispatcher, readStore } = await setup();
    await readStore.write([
      game('g1', '2026-11-01T10:00:00Z'),
      game('g2', '2026-11-02T10:00:00Z', { difficulty: 'HARD', result: 'DEFEAT', towers: [{ towerType: 'CANNON' }, { towerType: 'ARROW' }] }),
      game('g3', '2026-11-03T10:00:00Z', { status: 'ACTIVE', active: 'yes', result: null }),
      game('old', '2026-10-01T10:00:00Z'),
    ]);
    const period = { from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' };
    const games = await dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'GAMES', ...period } }, admin);
    expect(games.events[0]!.data).toMatchObject({
      kind: 'GAMES',
      from: '2026-11-01T00:00:00.000Z',
      requestedBy: 'admin-1',
      content: { gamesCreated: 2, byStatus: { ENDED: 2 }, byDifficulty: { EASY: 1, HARD: 1 }, byResult: { VICTORY: 1, DEFEAT: 1 }, truncated: false },
    });
    const rates = await dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'WIN_RATES', ...period } }, admin);
    expect(rates.events[0]!.data).toMatchObject({ content: { gamesEnded: 2, byDifficulty: { EASY: { ended: 1, won: 1, winRate: 1 }, HARD: { ended: 1, won: 0, winRate: 0 } } } });
    const towers = await dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'TOWERS', ...period } }, admin);
    expect(towers.events[0]!.data).toMatchObject({ content: { towersPlaced: 3, byType: { ARROW: 2, CANNON: 1 } } });
    const users = await dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'ACTIVE_USERS', ...period } }, admin);
    expect(users.events[0]!.data).toMatchObject({ content: { activeUsers: 0, playersInNewGames: 1 } });
    const latency = await dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'COMMAND_LATENCY', ...period } }, admin);
    expect(latency.events[0]!.data).toMatchObject({ content: { cluster: { samples: 0 }, nodes: {} } });
    expect(games.aggregateId).not.toBe(rates.aggregateId);
  });

  it('refuses bad kinds and ranges before reading anything', async () => {
    const { dispatcher } = await setup();
    await expect(dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'NOPE', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' } }, admin)).rejects.toBeInstanceOf(ValidationError);
    const range = await dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'GAMES', from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' } }, admin).catch((e: unknown) => e);
    expect(range).toMatchObject({ code: 'INVALID_RANGE' });
    await expect(dispatcher.dispatch({ type: 'GenerateReport', data: { kind: 'GAMES', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' } }, player)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('PerformMaintenance', () => {
  it('does the task through the Maintenance port, then records what it did', async () => {
    const { dispatcher, maintenance } = await setup();
    const result = await dispatcher.dispatch({ type: 'PerformMaintenance', data: { task: 'COMPACT_EVENTS', target: ' user ' } }, admin);
    expect(maintenance.perform).toHaveBeenCalledWith('COMPACT_EVENTS', 'user');
    expect(result.output).toEqual({ runId: expect.any(String), task: 'COMPACT_EVENTS', target: 'user', result: { did: 'COMPACT_EVENTS', on: 'user' } } satisfies MaintenanceOutcome);
    expect(result).toMatchObject({ aggregateType: 'maintenance', aggregateId: 'maintenance' });
    expect(result.events[0]).toMatchObject({ eventType: 'MaintenancePerformed', data: { task: 'COMPACT_EVENTS', target: 'user', performedBy: 'admin-1', result: { did: 'COMPACT_EVENTS' } } });
    const second = await dispatcher.dispatch({ type: 'PerformMaintenance', data: { task: 'TRIM_PARTITION_LOGS' } }, admin);
    expect(second.version).toBe(2);
  });

  it('refuses bad requests and non-admins before touching anything', async () => {
    const { dispatcher, maintenance } = await setup();
    await expect(dispatcher.dispatch({ type: 'PerformMaintenance', data: { task: 'DROP_EVERYTHING' } }, admin)).rejects.toBeInstanceOf(ValidationError);
    await expect(dispatcher.dispatch({ type: 'PerformMaintenance', data: { task: 'REBUILD_PROJECTION' } }, admin)).rejects.toMatchObject({ fieldErrors: [{ field: 'target' }] });
    await expect(dispatcher.dispatch({ type: 'PerformMaintenance', data: { task: 'TRIM_PARTITION_LOGS' } }, player)).rejects.toBeInstanceOf(ForbiddenError);
    expect(maintenance.perform).not.toHaveBeenCalled();
  });

  it('records nothing when the task fails', async () => {
    const { dispatcher, maintenance } = await setup();
    vi.mocked(maintenance.perform).mockRejectedValueOnce(new RuleBrokenError('NOT_SUPPORTED', 'no'));
    await expect(dispatcher.dispatch({ type: 'PerformMaintenance', data: { task: 'SKIP_DEAD_LETTERS', target: 'game' } }, admin)).rejects.toBeInstanceOf(RuleBrokenError);
  });
});

describe('RecordMetricsSample', () => {
  const sample = (sampleId: string, at: string): MetricsSample => ({ sampleId, at, windowSeconds: 60, commands: { A: { count: 2, failures: 0, p50: 1, p95: 2, p99: 3 } }, eventBus: { published: 0, processed: 0, failed: 0 }, projections: {} });

  it('appends to the node’s own series, for the system only', async () => {
    const { dispatcher } = await setup();
    const result = await dispatcher.dispatch({ type: 'RecordMetricsSample', data: { nodeId: 'node-1', sample: sample('s1', '2026-11-24T12:00:00Z') } }, system);
    expect(result).toMatchObject({ aggregateType: 'system_metrics', aggregateId: 'node-1', version: 1 });
    await expect(dispatcher.dispatch({ type: 'RecordMetricsSample', data: { nodeId: 'node-1', sample: sample('s2', '2026-11-24T12:01:00Z') } }, admin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dispatcher.dispatch({ type: 'RecordMetricsSample', data: { nodeId: 'bad node', sample: sample('s3', '2026-11-24T12:01:00Z') } }, system)).rejects.toBeInstanceOf(ValidationError);
  });
});
