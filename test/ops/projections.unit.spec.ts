/**
 * The ops projections, given/when/then: configuration (current value + audit history), reports,
 * metrics samples, maintenance runs, and the game-statistics shards.
 */
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/core/partition.js';
import type { ReadDocument } from '../../src/core/ports.js';
import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';
import type { ConfigurationUpdated } from '../../src/ops/domain/configuration.js';
import { foldGameStatistics, summarizeGameStatistics } from '../../src/ops/domain/gameStatistics.js';
import type { MaintenancePerformed } from '../../src/ops/domain/maintenance.js';
import type { ReportGenerated } from '../../src/ops/domain/reports.js';
import type { MetricsSampleRecorded } from '../../src/ops/domain/systemMetrics.js';
import {
  CONFIGURATION,
  CONFIGURATION_HISTORY,
  GAME_STATISTICS,
  GAME_STATISTICS_OPEN,
  MAINTENANCE_RUNS,
  METRICS_SAMPLES,
  REPORTS,
  createGameStatisticsProjection,
  opsProjection,
  readGameStatistics,
  shardId,
} from '../../src/ops/projections.js';
import { projectionSpec, put, stream, type DraftEnvelope } from '../support/projectionSpec.js';

const T0 = '2026-11-24T12:00:00.000Z';
const T1 = '2026-11-24T13:00:00.000Z';

describe('ops projection', () => {
  const given = projectionSpec(opsProjection);
  const setting = stream('configuration', 'game.startingGold');
  const updated = (version: number, value: number, previousValue: number | null, at = T0, reason: string | null = 'easier start'): ConfigurationUpdated => ({
    type: 'ConfigurationUpdated',
    data: { key: 'game.startingGold', value, previousValue, version, updatedBy: 'admin-1', reason, at },
  });

  describe('ConfigurationUpdated', () => {
    it('puts the current value and one audit entry for the version', () =>
      given()
        .when(setting(updated(1, 300, null)))
        .thenWrites(
          put(CONFIGURATION, 'game.startingGold', { key: 'game.startingGold', value: 300, version: 1, updatedBy: 'admin-1', updatedAt: T0, updatedAtMs: Date.parse(T0), reason: 'easier start' }),
          put(CONFIGURATION_HISTORY, 'game.startingGold:1', {
            id: 'game.startingGold:1',
            key: 'game.startingGold',
            version: 1,
            value: 300,
            previousValue: null,
            updatedBy: 'admin-1',
            reason: 'easier start',
            at: T0,
            atMs: Date.parse(T0),
          }),
        ));

    it('a later version replaces the current value', () =>
      given(setting(updated(1, 300, null)))
        .when(setting(updated(2, 250, 300, T1, null)))
        .thenDocument(CONFIGURATION, 'game.startingGold', { value: 250, version: 2, updatedAt: T1, reason: null }));

    it('keeps every version in the history, newest first by version', () =>
      given(setting(updated(1, 300, null)))
        .when(setting(updated(2, 250, 300, T1)))
        .thenQuery(CONFIGURATION_HISTORY, { where: { key: 'game.startingGold' }, orderBy: 'version', direction: 'DESC' }, ['game.startingGold:2', 'game.startingGold:1']));

    it('sorts a timestamp that does not parse first instead of failing the projection', () =>
      given().when(setting(updated(1, 300, null, 'not a date'))).thenDocument(CONFIGURATION, 'game.startingGold', { updatedAtMs: 0 }));
  });

  describe('ReportGenerated', () => {
    const report: ReportGenerated = {
      type: 'ReportGenerated',
      data: { reportId: 'r1', kind: 'GAMES', from: '2026-11-01T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z', requestedBy: 'admin-1', content: { n: 1 }, at: T0 },
    };
    it('puts the report with its content', () =>
      given()
        .when(stream('report', 'r1')(report))
        .thenWrites(
          put(REPORTS, 'r1', { id: 'r1', kind: 'GAMES', from: report.data.from, to: report.data.to, requestedBy: 'admin-1', createdAt: T0, createdAtMs: Date.parse(T0), content: { n: 1 } }),
        ));
    it('indexes it by kind', () => given().when(stream('report', 'r1')(report)).thenQuery(REPORTS, { where: { kind: 'GAMES' } }, ['r1']));
  });

  describe('MetricsSampleRecorded', () => {
    const sample: MetricsSampleRecorded = {
      type: 'MetricsSampleRecorded',
      data: { sampleId: 's1', at: T0, windowSeconds: 60, commands: {}, eventBus: { published: 3, processed: 3, failed: 0 }, projections: { game: 0 } },
    };
    it('puts the sample under the node that recorded it (the aggregate id)', () =>
      given()
        .when(stream('system_metrics', 'node-1')(sample))
        .thenWrites(put(METRICS_SAMPLES, 's1', { ...sample.data, id: 's1', nodeId: 'node-1', atMs: Date.parse(T0) })));
    it('indexes samples by node', () =>
      given(stream('system_metrics', 'node-2')({ ...sample, data: { ...sample.data, sampleId: 's0' } }))
        .when(stream('system_metrics', 'node-1')(sample))
        .thenQuery(METRICS_SAMPLES, { where: { nodeId: 'node-1' } }, ['s1']));
  });

  describe('MaintenancePerformed', () => {
    const performed: MaintenancePerformed = {
      type: 'MaintenancePerformed',
      data: { runId: 'm1', task: 'TRIM_PARTITION_LOGS', target: null, result: { removed: 3 }, performedBy: 'admin-1', at: T0 },
    };
    it('puts the run with what the infrastructure reported', () =>
      given()
        .when(stream('maintenance', 'maintenance')(performed))
        .thenWrites(
          put(MAINTENANCE_RUNS, 'm1', { id: 'm1', task: 'TRIM_PARTITION_LOGS', target: null, result: { removed: 3 }, performedBy: 'admin-1', at: T0, atMs: Date.parse(T0) }),
        ));
  });

  it('ignores the other contexts’ events', () => given().when(stream('user', 'u1')({ type: 'UserRegistered', data: {} })).thenNothing());
});

describe('game-statistics projection', () => {
  const partitions = 4;
  const projection = createGameStatisticsProjection(partitions);
  const given = projectionSpec(projection);
  const game = (id: string) => (type: string, data: object) => stream('game_session', id)({ type, data });
  const g1 = game('g1');
  const shardOf = (id: string) => shardId(partitionOf('game_session', id, partitions));

  it('counts a created game in its partition’s shard, as active', () =>
    given().when(g1('GameSessionCreated', { difficulty: 'EASY' })).thenDocument(GAME_STATISTICS, shardOf('g1'), {
      shard: shardOf('g1'),
      gamesCreated: 1,
      gamesActive: 1,
    }));

  it('keeps each open game in a document of its own, not in the shard (an event costs the same however many games are open)', async () => {
    await given().when(g1('GameSessionCreated', { difficulty: 'EASY' })).thenDocument(GAME_STATISTICS_OPEN, 'g1', { id: 'g1', difficulty: 'EASY', wave: 0 });
    await given().when(g1('GameSessionCreated', { difficulty: 'EASY' })).thenDocument(GAME_STATISTICS, shardOf('g1'), (doc) => expect(doc).not.toHaveProperty('open'));
    await given(g1('GameSessionCreated', { difficulty: 'EASY' })).when(g1('WaveCompleted', { wave: 3 })).thenDocument(GAME_STATISTICS_OPEN, 'g1', { wave: 3 });
  });

  it('counts towers by type', () =>
    given(g1('GameSessionCreated', { difficulty: 'EASY' }), g1('TowerPlaced', { towerType: 'ARROW' }))
      .when(g1('TowerPlaced', { towerType: 'ARROW' }))
      .thenDocument(GAME_STATISTICS, shardOf('g1'), { towersByType: { ARROW: 2 } }));

  it('tallies an ended game by difficulty with the wave it reached, and closes it', () =>
    given(g1('GameSessionCreated', { difficulty: 'HARD' }), g1('WaveCompleted', { wave: 1 }), g1('WaveCompleted', { wave: 2 }))
      .when(g1('GameEnded', { result: 'VICTORY' }))
      .thenDocument(GAME_STATISTICS, shardOf('g1'), (doc) =>
        expect(doc).toMatchObject({
          gamesEnded: 1,
          byDifficulty: { HARD: { ended: 1, won: 1 }, EASY: { ended: 0, won: 0 } },
          wavesReachedTotal: 2,
          wavesReachedGames: 1,
          gamesActive: 0,
        }),
      ));

  it('forgets an ended game’s open document', () =>
    given(g1('GameSessionCreated', { difficulty: 'HARD' })).when(g1('GameEnded', { result: 'DEFEAT' })).thenDocument(GAME_STATISTICS_OPEN, 'g1', null));

  it('writes nothing for an event that changes no number (a wave of a game it never saw)', () =>
    given().when(game('gx')('WaveCompleted', { wave: 1 })).thenNothing());

  it('writes nothing for a redelivered creation', () => given(g1('GameSessionCreated', { difficulty: 'EASY' })).when(g1('GameSessionCreated', { difficulty: 'EASY' })).thenNothing());

  it('ignores game events of other aggregates', () => given().when(stream('player_stats', 'g1')({ type: 'GameEnded', data: { result: 'VICTORY' } })).thenNothing());

  it('keeps one shard per partition whose merge equals the single fold', async () => {
    const history: DraftEnvelope[] = [
      g1('GameSessionCreated', { difficulty: 'EASY' }),
      g1('TowerPlaced', { towerType: 'ARROW' }),
      game('g2')('GameSessionCreated', { difficulty: 'HARD' }),
      g1('WaveCompleted', { wave: 1 }),
      game('g3')('GameSessionCreated', { difficulty: 'NORMAL' }),
      game('g2')('TowerPlaced', { towerType: 'SNIPER' }),
      g1('WaveCompleted', { wave: 2 }),
      g1('GameEnded', { result: 'VICTORY' }),
      game('g2')('WaveCompleted', { wave: 1 }),
      game('g2')('GameEnded', { result: 'DEFEAT' }),
      game('g4')('GameSessionCreated', { difficulty: 'EASY' }),
    ];
    const store = new MemoryReadStore();
    await store.register(projection.name, projection.collections);
    const view = store.at(projection.name, null);
    const envelopes = history.map((e, i) => ({ ...e, aggregateVersion: i + 1 }));
    for (const e of envelopes) await store.writeTo(projection.name, await projection.project(e, view));
    const expected = summarizeGameStatistics(foldGameStatistics(envelopes));
    expect(await readGameStatistics(store, partitions)).toEqual(expected);
    expect(expected).toMatchObject({ gamesCreated: 4, gamesEnded: 2, gamesActive: 2, winRateByDifficulty: { EASY: 1, HARD: 0 }, averageWaveReached: 1.5 });
  });

  it('reads zeros when nothing was projected yet', async () => {
    const empty = { getMany: async <T extends ReadDocument>(_c: string, ids: readonly string[]) => ids.map(() => null as T | null) };
    expect(await readGameStatistics(empty, 3)).toMatchObject({ gamesCreated: 0, gamesActive: 0, averageWaveReached: 0 });
  });
});
