import { describe, expect, it } from 'vitest';
import { RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import type { MaintenancePerformed, MaintenanceRun, MaintenanceTask, PerformMaintenance } from '../../src/ops/domain/maintenance.js';
import { checkMaintenanceRequest, maintenanceDecider, maintenanceTasks, requiredTarget } from '../../src/ops/domain/maintenance.js';
import { deciderSpec } from '../support/deciderSpec.js';

const given = deciderSpec(maintenanceDecider);
const at = '2026-11-24T03:00:00Z';

const perform = (task: MaintenanceTask, target?: string | null, runId = 'run-1'): PerformMaintenance => ({
  type: 'PerformMaintenance',
  data: { runId, task, target, result: { done: true }, performedBy: 'admin-1', at },
});
const performed = (task: MaintenanceTask, target: string | null, runId = 'run-1', extra: Partial<MaintenanceRun> = {}): MaintenancePerformed => ({
  type: 'MaintenancePerformed',
  data: { runId, task, target, result: { done: true }, performedBy: 'admin-1', at, ...extra },
});

const needsProjection: MaintenanceTask[] = ['RESET_PROJECTION', 'REBUILD_PROJECTION', 'RETRY_DEAD_LETTERS', 'SKIP_DEAD_LETTERS'];
const needsNothing: MaintenanceTask[] = ['SNAPSHOT_AGGREGATES', 'APPLY_RETENTION', 'TRIM_PARTITION_LOGS'];

describe('no run recorded yet', () => {
  it.each(needsProjection)('records %s on a projection', (task) => given().when(perform(task, 'leaderboard')).then(performed(task, 'leaderboard')));

  it.each(needsProjection)('refuses %s without a projection name (field `target`)', (task) =>
    given().when(perform(task)).thenThrows(ValidationError, { fieldErrors: [{ field: 'target', message: `${task} needs a projection name as its target` }] }));

  it('records COMPACT_EVENTS on an aggregate type', () => given().when(perform('COMPACT_EVENTS', 'user')).then(performed('COMPACT_EVENTS', 'user')));

  it('refuses COMPACT_EVENTS without an aggregate type (field `target`)', () =>
    given().when(perform('COMPACT_EVENTS', null)).thenThrows(ValidationError, { fieldErrors: [{ field: 'target', message: 'COMPACT_EVENTS needs an aggregate type as its target' }] }));

  it('treats a blank target as missing', () => given().when(perform('REBUILD_PROJECTION', '  ')).thenThrows(ValidationError));

  it('trims the target', () => given().when(perform('REBUILD_PROJECTION', ' leaderboard ')).then(performed('REBUILD_PROJECTION', 'leaderboard')));

  it.each(needsNothing)('records %s without a target', (task) => given().when(perform(task)).then(performed(task, null)));

  it('keeps an optional target where one is allowed', () =>
    given().when(perform('SNAPSHOT_AGGREGATES', 'game_session')).then(performed('SNAPSHOT_AGGREGATES', 'game_session')));

  it('refuses an unknown task', () =>
    given().when(perform('DROP_EVERYTHING' as MaintenanceTask)).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'task' })] }));

  it('refuses a malformed time', () =>
    given()
      .when({ ...perform('APPLY_RETENTION'), data: { ...perform('APPLY_RETENTION').data, at: 'now' } })
      .thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'at' })] }));
});

describe('runs already recorded', () => {
  const history = [performed('APPLY_RETENTION', null, 'run-1'), performed('REBUILD_PROJECTION', 'leaderboard', 'run-2')];

  it('records the next run', () => given(...history).when(perform('TRIM_PARTITION_LOGS', null, 'run-3')).then(performed('TRIM_PARTITION_LOGS', null, 'run-3')));

  it('refuses to record the last run twice (MAINTENANCE_ALREADY_RECORDED)', () =>
    given(...history).when(perform('REBUILD_PROJECTION', 'leaderboard', 'run-2')).thenThrows(RuleBrokenError, { code: 'MAINTENANCE_ALREADY_RECORDED' }));

  it('keeps the count and the latest run of each task', () =>
    expect(given(...history, performed('APPLY_RETENTION', null, 'run-3', { at: '2026-11-25T03:00:00Z' })).state()).toEqual({
      status: 'Recorded',
      runs: 3,
      lastRunId: 'run-3',
      lastRunAt: '2026-11-25T03:00:00Z',
      lastRunByTask: {
        APPLY_RETENTION: { runId: 'run-3', target: null, at: '2026-11-25T03:00:00Z' },
        REBUILD_PROJECTION: { runId: 'run-2', target: 'leaderboard', at },
      },
    }));
});

describe('checkMaintenanceRequest (for prepare, before the infrastructure acts)', () => {
  it('covers every task', () => expect(Object.keys(requiredTarget).sort()).toEqual([...maintenanceTasks].sort()));
  it('returns the normalised target', () => {
    expect(checkMaintenanceRequest('RESET_PROJECTION', ' players ')).toBe('players');
    expect(checkMaintenanceRequest('APPLY_RETENTION', '')).toBeNull();
  });
  it('refuses what decide refuses', () => expect(() => checkMaintenanceRequest('SKIP_DEAD_LETTERS')).toThrow(ValidationError));
});
