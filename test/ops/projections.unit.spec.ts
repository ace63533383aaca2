import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/core/messages.js';
import type { ReadDocument, ReadWrite } from '../../src/core/ports.js';
import type { ReadView } from '../../src/core/projection.js';
import { foldGameStatistics, summarizeGameStatistics } from '../../src/ops/domain/gameStatistics.js';
import {
  CONFIGURATION,
  CONFIGURATION_HISTORY,
  GAME_STATISTICS,
  MAINTENANCE_RUNS,
  METRICS_SAMPLES,
  REPORTS,
  createGameStatisticsProjection,
  opsProjection,
  readGameStatistics,
} from '../../src/ops/projections.js';

let version = 0;
const envelope = (aggregateType: string, aggregateId: string, eventType: string, data: object): EventEnvelope => ({
  eventId: `e${++version}`,
  eventType,
  schemaVersion: 1,
  aggregateType,
  aggregateId,
  aggregateVersion: version,
  data,
  metadata: { correlationId: 'c', causationId: 'c', timestamp: '2026-11-24T12:00:00Z' },
  createdAt: '2026-11-24T12:00:00Z',
  checksum: '0',
});

/** A view over a map, applying each event's writes before the next (what the runtime guarantees). */
const memoryView = () => {
  const docs = new Map<string, ReadDocument>();
  const view: ReadView = {
    get: async <T extends ReadDocument>(c: string, id: string) => (docs.get(`${c}/${id}`) as T | undefined) ?? null,
    findUnique: async () => null,
    query: async () => ({ items: [], endCursor: null, hasNextPage: false, totalCount: 0 }),
  };
  const apply = (writes: readonly ReadWrite[]) => {
    for (const w of writes) {
      if (w.op === 'put') docs.set(`${w.collection}/${w.id}`, w.doc);
      else if (w.op === 'delete') docs.delete(`${w.collection}/${w.id}`);
      else docs.set(`${w.collection}/${w.id}`, { ...(docs.get(`${w.collection}/${w.id}`) ?? {}), ...w.fields });
    }
  };
  return { docs, view, apply };
};

describe('ops projection', () => {
  it('keeps the current value of a setting and one audit entry per version', async () => {
    const e = envelope('configuration', 'game.startingGold', 'ConfigurationUpdated', {
      key: 'game.startingGold',
      value: 300,
      previousValue: 200,
      version: 2,
      updatedBy: 'admin-1',
      reason: 'easier start',
      at: '2026-11-24T12:00:00.000Z',
    });
    const writes = await opsProjection.project(e, memoryView().view);
    expect(writes).toEqual([
      {
        op: 'put',
        collection: CONFIGURATION,
        id: 'game.startingGold',
        doc: { key: 'game.startingGold', value: 300, version: 2, updatedBy: 'admin-1', updatedAt: '2026-11-24T12:00:00.000Z', updatedAtMs: Date.parse('2026-11-24T12:00:00Z'), reason: 'easier start' },
      },
      {
        op: 'put',
        collection: CONFIGURATION_HISTORY,
        id: 'game.startingGold:2',
        doc: expect.objectContaining({ key: 'game.startingGold', version: 2, value: 300, previousValue: 200, updatedBy: 'admin-1' }),
      },
    ]);
  });

  it('stores reports, metrics samples (with their node) and maintenance runs', async () => {
    const { view } = memoryView();
    const report = await opsProjection.project(
      envelope('report', 'r1', 'ReportGenerated', { reportId: 'r1', kind: 'GAMES', from: 'a', to: 'b', requestedBy: 'admin', content: { n: 1 }, at: '2026-11-24T12:00:00Z' }),
      view,
    );
    expect(report).toEqual([{ op: 'put', collection: REPORTS, id: 'r1', doc: expect.objectContaining({ id: 'r1', kind: 'GAMES', content: { n: 1 }, createdAt: '2026-11-24T12:00:00Z' }) }]);
    const sample = await opsProjection.project(
      envelope('system_metrics', 'node-1', 'MetricsSampleRecorded', { sampleId: 's1', at: '2026-11-24T12:00:00Z', windowSeconds: 60, commands: {}, eventBus: { published: 0, processed: 0, failed: 0 }, projections: {} }),
      view,
    );
    expect(sample).toEqual([{ op: 'put', collection: METRICS_SAMPLES, id: 's1', doc: expect.objectContaining({ id: 's1', nodeId: 'node-1', atMs: Date.parse('2026-11-24T12:00:00Z') }) }]);
    const run = await opsProjection.project(
      envelope('maintenance', 'maintenance', 'MaintenancePerformed', { runId: 'm1', task: 'TRIM_PARTITION_LOGS', target: null, result: { removed: 3 }, performedBy: 'admin', at: '2026-11-24T12:00:00Z' }),
      view,
    );
    expect(run).toEqual([{ op: 'put', collection: MAINTENANCE_RUNS, id: 'm1', doc: expect.objectContaining({ task: 'TRIM_PARTITION_LOGS', result: { removed: 3 } }) }]);
  });

  it('ignores events it does not handle', async () => {
    expect(await opsProjection.project(envelope('user', 'u', 'UserRegistered', {}), memoryView().view)).toEqual([]);
  });
});

describe('game-statistics projection', () => {
  const game = (id: string, type: string, data: object) => envelope('game_session', id, type, data);
  const history = [
    game('g1', 'GameSessionCreated', { difficulty: 'EASY' }),
    game('g1', 'TowerPlaced', { towerType: 'ARROW' }),
    game('g2', 'GameSessionCreated', { difficulty: 'HARD' }),
    game('g1', 'WaveCompleted', { wave: 1 }),
    game('g3', 'GameSessionCreated', { difficulty: 'NORMAL' }),
    game('g2', 'TowerPlaced', { towerType: 'SNIPER' }),
    game('g1', 'WaveCompleted', { wave: 2 }),
    game('g1', 'GameEnded', { result: 'VICTORY' }),
    game('g2', 'WaveCompleted', { wave: 1 }),
    game('g2', 'GameEnded', { result: 'DEFEAT' }),
    game('g4', 'GameSessionCreated', { difficulty: 'EASY' }),
    envelope('player_stats', 'g1', 'GameEnded', { result: 'VICTORY' }),
  ];

  it('keeps one shard per partition whose merge equals the single fold', async () => {
    const partitions = 4;
    const projection = createGameStatisticsProjection(partitions);
    const { docs, view, apply } = memoryView();
    for (const e of history) apply(await projection.project(e, view));
    expect([...docs.keys()].every((k) => k.startsWith(`${GAME_STATISTICS}/p`))).toBe(true);
    const store = { getMany: async <T extends ReadDocument>(c: string, ids: readonly string[]) => ids.map((id) => (docs.get(`${c}/${id}`) as T | undefined) ?? null) };
    const expected = summarizeGameStatistics(foldGameStatistics(history.filter((e) => e.aggregateType === 'game_session')));
    expect(await readGameStatistics(store, partitions)).toEqual(expected);
    expect(expected).toMatchObject({ gamesCreated: 4, gamesEnded: 2, gamesActive: 2, winRateByDifficulty: { EASY: 1, HARD: 0 }, averageWaveReached: 1.5 });
  });

  it('writes nothing for events that change no number', async () => {
    const projection = createGameStatisticsProjection(2);
    expect(await projection.project(game('gx', 'WaveCompleted', { wave: 1 }), memoryView().view)).toEqual([]);
  });

  it('reads zeros when nothing was projected yet', async () => {
    const store = { getMany: async <T extends ReadDocument>(_c: string, ids: readonly string[]) => ids.map(() => null as T | null) };
    expect(await readGameStatistics(store, 3)).toMatchObject({ gamesCreated: 0, gamesActive: 0, averageWaveReached: 0 });
  });
});
