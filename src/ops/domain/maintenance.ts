/**
 * Maintenance: the audit trail of operator tasks. The infrastructure does the work (it is I/O)
 * and the caller records the outcome here afterwards; the aggregate checks that the request was
 * well-formed. Use one stream (id 'maintenance') for a single history, or one per run: the
 * state stays small either way (bounded by the number of tasks, not of runs).
 */
import { RuleBrokenError, ValidationError } from '../../core/errors.js';
import type { Command, Decider, Event } from '../../core/messages.js';
import { event } from '../../core/messages.js';
import type { JsonValue } from './json.js';
import { requireInstant } from './time.js';

export const aggregateType = 'maintenance';
export const snapshotVersion = 'maintenance/1';
/** The id of the single shared history stream. */
export const maintenanceStreamId = 'maintenance';

export const maintenanceTasks = [
  'SNAPSHOT_AGGREGATES',
  'COMPACT_EVENTS',
  'APPLY_RETENTION',
  'RESET_PROJECTION',
  'REBUILD_PROJECTION',
  'RETRY_DEAD_LETTERS',
  'SKIP_DEAD_LETTERS',
  'TRIM_PARTITION_LOGS',
  'ROTATE_DATA_KEYS',
  'REDACT_PERSONAL_DATA',
] as const;
export type MaintenanceTask = (typeof maintenanceTasks)[number];

export type MaintenanceTarget = 'projection' | 'aggregateType' | 'user';

/**
 * What `target` names for each task; null = no target required (SNAPSHOT_AGGREGATES may still
 * take an aggregate type to narrow it, the others ignore one). Compaction is per aggregate type
 * because snapshot frequency and retention are configured per type.
 */
export const requiredTarget: Readonly<Record<MaintenanceTask, MaintenanceTarget | null>> = {
  SNAPSHOT_AGGREGATES: null,
  COMPACT_EVENTS: 'aggregateType',
  APPLY_RETENTION: null,
  RESET_PROJECTION: 'projection',
  REBUILD_PROJECTION: 'projection',
  RETRY_DEAD_LETTERS: 'projection',
  SKIP_DEAD_LETTERS: 'projection',
  TRIM_PARTITION_LOGS: null,
  ROTATE_DATA_KEYS: null,
  REDACT_PERSONAL_DATA: 'user',
};

export interface MaintenanceRun {
  readonly runId: string;
  readonly task: MaintenanceTask;
  /** A projection name or an aggregate type, per `requiredTarget`; null when none was given. */
  readonly target: string | null;
  /** What the infrastructure reported (counts, positions, archive paths…). */
  readonly result: JsonValue;
  readonly performedBy: string;
  readonly at: string;
}

export type PerformMaintenance = Command<'PerformMaintenance', Omit<MaintenanceRun, 'target'> & { target?: string | null }>;
export type MaintenancePerformed = Event<'MaintenancePerformed', MaintenanceRun>;

export type MaintenanceCommand = PerformMaintenance;
export type MaintenanceEvent = MaintenancePerformed;

export type Maintenance =
  | { readonly status: 'Idle' }
  | {
      readonly status: 'Recorded';
      readonly runs: number;
      readonly lastRunId: string;
      readonly lastRunAt: string;
      /** Latest run of each task: what the dashboard shows next to the task's button. */
      readonly lastRunByTask: Readonly<Partial<Record<MaintenanceTask, { readonly runId: string; readonly target: string | null; readonly at: string }>>>;
    };

const initialState = (): Maintenance => ({ status: 'Idle' });

/**
 * Task and target checks on their own, so the registration's `prepare` can refuse a bad request
 * before the infrastructure touches anything. Returns the normalised target (blank → null).
 */
export const checkMaintenanceRequest = (task: string, target?: string | null): string | null => {
  if (!(maintenanceTasks as readonly string[]).includes(task)) {
    throw ValidationError.field('task', `task must be one of ${maintenanceTasks.join(', ')}`);
  }
  const normalised = target?.trim() || null;
  const needs = requiredTarget[task as MaintenanceTask];
  if (needs !== null && normalised === null) {
    const what = needs === 'projection' ? 'a projection name' : needs === 'user' ? 'a user id' : 'an aggregate type';
    throw ValidationError.field('target', `${task} needs ${what} as its target`);
  }
  return normalised;
};

const performMaintenance = ({ data }: PerformMaintenance, state: Maintenance): MaintenancePerformed => {
  // A run is recorded once. With one stream per run this is the whole guard; on the shared stream
  // it catches the common case, a caller re-recording the run it just recorded.
  if (state.status === 'Recorded' && state.lastRunId === data.runId) {
    throw new RuleBrokenError('MAINTENANCE_ALREADY_RECORDED', `Maintenance run ${data.runId} is already recorded`);
  }
  const target = checkMaintenanceRequest(data.task, data.target);
  requireInstant('at', data.at);
  return event<MaintenancePerformed>('MaintenancePerformed', {
    runId: data.runId,
    task: data.task,
    target,
    result: data.result,
    performedBy: data.performedBy,
    at: data.at,
  });
};

// One command, so no switch: were a second added to MaintenanceCommand, this line would stop compiling.
const decide = (command: MaintenanceCommand, state: Maintenance): MaintenanceEvent[] => [performMaintenance(command, state)];

const evolve = (state: Maintenance, { type, data }: MaintenanceEvent): Maintenance => {
  // evolve never throws: an event type it does not know leaves the state as it was.
  if (type !== 'MaintenancePerformed') return state;
  return {
    status: 'Recorded',
    runs: (state.status === 'Recorded' ? state.runs : 0) + 1,
    lastRunId: data.runId,
    lastRunAt: data.at,
    lastRunByTask: {
      ...(state.status === 'Recorded' ? state.lastRunByTask : {}),
      [data.task]: { runId: data.runId, target: data.target, at: data.at },
    },
  };
};

export const maintenanceDecider: Decider<MaintenanceCommand, MaintenanceEvent, Maintenance> = { decide, evolve, initialState };
