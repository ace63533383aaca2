/**
 * Maintenance on a schedule: jobs for the scheduler role (core/scheduler.ts, one process at a
 * time). A scheduled run goes through the same PerformMaintenance command an operator sends, as
 * the system with operator rights, so it leaves the same MaintenancePerformed audit trail.
 */
import { ADMIN_ROLE, SYSTEM_USER } from '../core/commands/callers.js';
import type { Dispatcher } from '../core/commands/dispatcher.js';
import type { ScheduledJob } from '../core/scheduler.js';

/**
 * APPLY_RETENTION every `everyMs`: partition-log entries older than retention.partitionLogMaxAgeHours
 * and acknowledged by every consumer group are archived, then trimmed. Idempotent, so an overlap
 * with a deposed scheduler's last run is harmless.
 */
export const retentionJob = (dispatcher: Dispatcher, everyMs: number): ScheduledJob => ({
  name: 'retention',
  everyMs,
  async run() {
    await dispatcher.dispatch({ type: 'PerformMaintenance', data: { task: 'APPLY_RETENTION', target: null } }, { userId: SYSTEM_USER, roles: ['SYSTEM', ADMIN_ROLE] });
  },
});
