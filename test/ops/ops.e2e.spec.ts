import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreFromArchive } from '../../src/ops/maintenance.js';
import { startMetricsSampler } from '../../src/ops/sampler.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  ADMIN,
  CONFIGURATION,
  CONFIGURATION_HISTORY,
  CREATE_GAME,
  GAME_STATISTICS,
  GENERATE_REPORT,
  MAINTENANCE_RUNS,
  PERFORM_MAINTENANCE,
  PLACE_TOWER,
  PROJECTIONS,
  PROJECTION_STATUSES,
  REPORT,
  REPORTS,
  SETTINGS,
  SYSTEM_METRICS,
  UPDATE_CONFIGURATION,
  adminOverrides,
  errorCode,
  eventually,
  login,
  registerAndLogin,
} from './opsHelpers.js';

let app: TestApp;
let admin: GraphQLClient;
let adminId: string;
let player: GraphQLClient;
let archiveDir: string;

beforeAll(async () => {
  archiveDir = await mkdtemp(join(tmpdir(), 'da-e2e-archive-'));
  app = await startTestApp({ overrides: { ...adminOverrides, 'compaction.archiveDir': archiveDir } });
  ({ client: admin, userId: adminId } = await login(app.client, ADMIN.username, ADMIN.password));
  player = (await registerAndLogin(app.client, 'ops_player')).client;
});
afterAll(async () => {
  await app?.close();
  await rm(archiveDir, { recursive: true, force: true });
});

describe('access', () => {
  it('refuses every ops query to players (FORBIDDEN) and to anonymous callers (UNAUTHENTICATED)', async () => {
    for (const query of [CONFIGURATION, SETTINGS, GAME_STATISTICS, PROJECTIONS, REPORTS, MAINTENANCE_RUNS, SYSTEM_METRICS]) {
      expect(errorCode(await player.execute(query, {}))).toBe('FORBIDDEN');
      expect(errorCode(await app.client.execute(query, {}))).toBe('UNAUTHENTICATED');
    }
    expect(errorCode(await player.execute(CONFIGURATION_HISTORY, { key: 'game.waves' }))).toBe('FORBIDDEN');
  });

  it('answers ops mutations from players with ForbiddenError, from anonymous callers with UnauthenticatedError', async () => {
    const calls: Array<[typeof UPDATE_CONFIGURATION, Record<string, unknown>, string]> = [
      [UPDATE_CONFIGURATION, { input: { key: 'game.waves', value: 3 } }, 'updateConfiguration'],
      [GENERATE_REPORT, { input: { kind: 'GAMES', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' } }, 'generateReport'],
      [PERFORM_MAINTENANCE, { input: { task: 'TRIM_PARTITION_LOGS' } }, 'performMaintenance'],
    ];
    for (const [mutation, variables, field] of calls) {
      expect((await player.data(mutation, variables))[field].__typename).toBe('ForbiddenError');
      expect((await app.client.data(mutation, variables))[field].__typename).toBe('UnauthenticatedError');
    }
  });
});

describe('configuration', () => {
  it('updates a setting with optimistic locking, validates it, keeps the audit trail, and new games use it', async () => {
    const first = await admin.data(UPDATE_CONFIGURATION, { input: { key: 'game.startingGold', value: 321, expectedVersion: 0, reason: 'e2e' } });
    expect(first.updateConfiguration).toMatchObject({ __typename: 'UpdateConfigurationSuccess', configuration: { key: 'game.startingGold', value: 321, version: 1, isDefault: false } });

    const stale = await admin.data(UPDATE_CONFIGURATION, { input: { key: 'game.startingGold', value: 400, expectedVersion: 0 } });
    expect(stale.updateConfiguration).toMatchObject({ __typename: 'ConflictError', expectedVersion: 0, actualVersion: 1 });

    const invalid = await admin.data(UPDATE_CONFIGURATION, { input: { key: 'game.startingGold', value: -5 } });
    expect(invalid.updateConfiguration).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'value' }] });
    const unknown = await admin.data(UPDATE_CONFIGURATION, { input: { key: 'no.such.key', value: 1 } });
    expect(unknown.updateConfiguration).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'key' }] });

    const second = await admin.data(UPDATE_CONFIGURATION, { input: { key: 'game.startingGold', value: 333, expectedVersion: 1 } });
    expect(second.updateConfiguration.configuration).toMatchObject({ value: 333, version: 2 });

    const list = await admin.data(CONFIGURATION, {});
    const gold = list.configuration.find((e: { key: string }) => e.key === 'game.startingGold');
    expect(gold).toMatchObject({ value: 333, version: 2, isDefault: false, defaultValue: 200, category: 'game' });
    expect(list.configuration.find((e: { key: string }) => e.key === 'game.waves')).toMatchObject({ version: 0, isDefault: true, value: 10 });

    const history = await admin.data(CONFIGURATION_HISTORY, { key: 'game.startingGold', first: 1 });
    expect(history.configurationHistory.edges.map((e: { node: unknown }) => e.node)).toEqual([expect.objectContaining({ version: 2, value: 333, previousValue: 321 })]);
    expect(history.configurationHistory.pageInfo.hasNextPage).toBe(true);
    const older = await admin.data(CONFIGURATION_HISTORY, { key: 'game.startingGold', first: 5, after: history.configurationHistory.pageInfo.endCursor });
    expect(older.configurationHistory.edges.map((e: { node: unknown }) => e.node)).toEqual([expect.objectContaining({ version: 1, value: 321, previousValue: null, reason: 'e2e' })]);

    const game = await player.data(CREATE_GAME, { input: { difficulty: 'EASY', maxPlayers: 2 } });
    expect(game.createGameSession.gameSession.players[0].gold).toBe(333);
  });

  it('lists the settings catalogue with descriptions, defaults and schemas', async () => {
    const { settings } = await admin.data(SETTINGS, {});
    expect(settings.find((s: { key: string }) => s.key === 'metrics.sampleIntervalSeconds')).toMatchObject({ category: 'metrics', defaultValue: expect.any(Number), schema: { type: 'integer' } });
  });
});

describe('statistics, reports and metrics', () => {
  it('folds game events into GameStatistics', async () => {
    const game = await player.data(CREATE_GAME, { input: { difficulty: 'HARD', maxPlayers: 1 } });
    const sessionId = game.createGameSession.gameSession.id as string;
    expect((await player.data(PLACE_TOWER, { input: { sessionId, towerType: 'ARROW', x: 0, y: 0 } })).placeTower.__typename).toBe('PlaceTowerSuccess');
    await eventually(async () => {
      const { gameStatistics } = await admin.data(GAME_STATISTICS, {});
      expect(gameStatistics.gamesCreated).toBeGreaterThanOrEqual(2);
      expect(gameStatistics.gamesActive).toBe(gameStatistics.gamesCreated - gameStatistics.gamesEnded);
      expect(gameStatistics.towersByType).toContainEqual({ towerType: 'ARROW', count: 1 });
      expect(gameStatistics.winRateByDifficulty.map((r: { difficulty: string }) => r.difficulty)).toEqual(['EASY', 'NORMAL', 'HARD']);
    });
  });

  it('generates reports that stay queryable', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const games = await admin.data(GENERATE_REPORT, { input: { kind: 'GAMES', from, to } });
    expect(games.generateReport).toMatchObject({ __typename: 'GenerateReportSuccess', report: { kind: 'GAMES', content: { gamesCreated: expect.any(Number), allTime: expect.any(Object) } } });
    expect(games.generateReport.report.content.gamesCreated).toBeGreaterThanOrEqual(1);
    const users = await admin.data(GENERATE_REPORT, { input: { kind: 'ACTIVE_USERS', from, to } });
    expect(users.generateReport.report.content.activeUsers).toBeGreaterThanOrEqual(2);

    const id = games.generateReport.report.id as string;
    expect((await admin.data(REPORT, { id })).report).toMatchObject({ id, kind: 'GAMES', content: games.generateReport.report.content });
    const list = await admin.data(REPORTS, { first: 10, kind: 'GAMES' });
    expect(list.reports.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);

    const backwards = await admin.data(GENERATE_REPORT, { input: { kind: 'GAMES', from: to, to: from } });
    expect(backwards.generateReport).toMatchObject({ __typename: 'DomainError', code: 'INVALID_RANGE' });
  });

  it('records metrics samples and serves them as a time series', async () => {
    const sampler = startMetricsSampler({
      metrics: app.server.services.metrics,
      dispatcher: app.server.dispatcher,
      nodeId: 'e2e-node',
      intervalSeconds: () => 3600,
      onError: () => undefined,
    });
    try {
      await admin.data(UPDATE_CONFIGURATION, { input: { key: 'game.waves', value: 12 } });
      await sampler.flush();
    } finally {
      sampler.stop();
    }
    await eventually(async () => {
      const { systemMetrics } = await admin.data(SYSTEM_METRICS, { nodeId: 'e2e-node' });
      expect(systemMetrics.samples).toBe(1);
      expect(systemMetrics.commands.map((c: { commandType: string }) => c.commandType)).toContain('UpdateConfiguration');
      expect(systemMetrics.series[0]).toMatchObject({ nodeId: 'e2e-node' });
    });
    const report = await admin.data(GENERATE_REPORT, { input: { kind: 'COMMAND_LATENCY', from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 1000).toISOString() } });
    expect(report.generateReport.report.content.nodes['e2e-node']).toMatchObject({ samples: 1 });
  });

  it('exposes /metrics in Prometheus format with the command counters', async () => {
    const response = await app.client.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toMatch(/da_commands_total\{[^}]*command="UpdateConfiguration"[^}]*outcome="ok"[^}]*\} \d+/);
    expect(body).toMatch(/da_command_duration_seconds_bucket\{[^}]*command="CreateGameSession"/);
    expect(body).toMatch(/da_projection_lag_events\{[^}]*projection="ops"/);
    expect(body).toMatch(/da_redis_up(\{[^}]*\})? 1/);
  });
});

describe('projections and maintenance', () => {
  it('lists projection statuses', async () => {
    const { projections } = await admin.data(PROJECTIONS, {});
    const ops = projections.find((p: { name: string }) => p.name === 'ops');
    expect(ops).toMatchObject({ kind: 'PROJECTION', state: expect.stringMatching(/^(RUNNING|CATCHING_UP)$/), failedEvents: 0, deadLetters: 0 });
    expect(ops.checkpoints).toHaveLength(app.config.eventStore.partitions);
    expect(projections.map((p: { name: string }) => p.name)).toContain('game-statistics');
  });

  it('streams projection statuses to admins (SSE), refusing players', async () => {
    const subscription = admin.subscribeSSE(PROJECTION_STATUSES, { intervalMs: 200 });
    try {
      const first = await subscription.next();
      expect(first?.data?.projectionStatuses.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['ops', 'game-statistics']));
    } finally {
      await subscription.close();
    }
    const refused = player.subscribeSSE(PROJECTION_STATUSES, {});
    try {
      expect(errorCode((await refused.next())!)).toBe('FORBIDDEN');
    } finally {
      await refused.close();
    }
  });

  it('performs maintenance tasks, reports what they did and records each run', async () => {
    const snap = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'SNAPSHOT_AGGREGATES', target: 'user' } });
    expect(snap.performMaintenance).toMatchObject({ __typename: 'PerformMaintenanceSuccess', task: 'SNAPSHOT_AGGREGATES', target: 'user', result: { aggregateTypes: { user: { aggregates: 2 } } } });
    const adminRef = { aggregateType: 'user', aggregateId: adminId };
    const before = await app.server.services.eventStore.read(adminRef);
    const archives: string[] = [];
    await eventually(async () => {
      const compact = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'COMPACT_EVENTS', target: 'user' } });
      expect(compact.performMaintenance).toMatchObject({ __typename: 'PerformMaintenanceSuccess', result: { aggregateType: 'user' } });
      archives.push(...(compact.performMaintenance.result.archives as string[]));
      expect(compact.performMaintenance.result.waitingForConsumers).toBe(0);
    });
    // The admin's events up to its snapshot went to an archive under compaction.archiveDir…
    const archive = archives.find((path) => path.includes(`${archiveDir}/user/${adminId}.1-`));
    expect(archive).toBeDefined();
    const after = await app.server.services.eventStore.read(adminRef);
    expect(after.length).toBeLessThan(before.length);
    // …and the restore command puts them back, identical.
    await restoreFromArchive(app.server.infrastructure.maintenanceStore!, archive!);
    expect((await app.server.services.eventStore.read(adminRef)).slice(0, before.length)).toEqual(before);
    const trim = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'TRIM_PARTITION_LOGS' } });
    expect(trim.performMaintenance).toMatchObject({ __typename: 'PerformMaintenanceSuccess', result: { removed: expect.any(Number) } });
    const retention = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'APPLY_RETENTION' } });
    expect(retention.performMaintenance.result).toMatchObject({ removed: 0, cutoff: expect.any(String) });
    const rebuild = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'REBUILD_PROJECTION', target: 'game-statistics' } });
    expect(rebuild.performMaintenance).toMatchObject({ __typename: 'PerformMaintenanceSuccess', result: { projection: 'game-statistics' } });
    const retry = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'RETRY_DEAD_LETTERS', target: 'ops' } });
    expect(retry.performMaintenance.result).toEqual({ projection: 'ops', deadLettersBefore: 0, retried: 0, stillFailing: 0 });
    const skip = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'SKIP_DEAD_LETTERS', target: 'game' } });
    expect(skip.performMaintenance.result).toEqual({ projection: 'game', deadLettersBefore: 0, skipped: 0 });
    const unknown = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'RESET_PROJECTION', target: 'nope' } });
    expect(unknown.performMaintenance.__typename).toBe('NotFoundError');
    const missing = await admin.data(PERFORM_MAINTENANCE, { input: { task: 'COMPACT_EVENTS' } });
    expect(missing.performMaintenance).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'target' }] });

    await eventually(async () => {
      const { maintenanceRuns } = await admin.data(MAINTENANCE_RUNS, {});
      expect(maintenanceRuns.edges.map((e: { node: { task: string } }) => e.node.task)).toEqual(
        expect.arrayContaining(['SNAPSHOT_AGGREGATES', 'COMPACT_EVENTS', 'TRIM_PARTITION_LOGS', 'APPLY_RETENTION', 'REBUILD_PROJECTION']),
      );
    });
    // Compacted or not, users still log in (their aggregate loads from snapshot + remaining events).
    await login(app.client, ADMIN.username, ADMIN.password);
  });
});
