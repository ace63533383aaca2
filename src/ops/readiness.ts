/**
 * /ready for every role (docs/deployment.md): whether this process should get traffic or count
 * as up, and what an operator should know. Redis must answer and the process must not be
 * shutting down; a worker must also have its projections started and none faulted. A standby
 * scheduler is ready: standing by is its job, and restarting it would not make it active.
 */
import type { ProjectionState } from '../core/projections/ports.js';
import type { SchedulerStatus } from '../core/scheduler.js';

export interface ReadinessSources {
  readonly roles: readonly string[];
  readonly storage: 'redis' | 'memory';
  readonly ping: () => Promise<boolean>;
  readonly shuttingDown: () => boolean;
  /** Projection states of this process; absent without the worker role. */
  readonly projections?: () => ReadonlyArray<{ readonly state: ProjectionState }>;
  /** Absent without the scheduler role, null until it started. */
  readonly scheduler?: () => SchedulerStatus | null;
}

export type ReadinessReport = { readonly ready: boolean } & Readonly<Record<string, unknown>>;

export const readinessCheck =
  (s: ReadinessSources) =>
  async (): Promise<ReadinessReport> => {
    const redis = await s.ping().catch(() => false);
    const states = s.projections?.() ?? null;
    const projections = states === null ? 'not run here' : states.some((p) => p.state === 'faulted') ? 'faulted' : states.every((p) => p.state === 'stopped') ? 'stopped' : 'ok';
    const scheduler = s.scheduler ? (s.scheduler()?.active ? 'active' : 'standby') : 'not run here';
    const memory = s.storage === 'memory';
    const shuttingDown = s.shuttingDown();
    return {
      ready: !shuttingDown && redis && (projections === 'ok' || projections === 'not run here'),
      roles: s.roles,
      storage: s.storage,
      durable: !memory,
      ...(memory ? { warning: 'embedded in-memory store: nothing is durable' } : {}),
      redis,
      projections,
      scheduler,
      shuttingDown,
    };
  };
