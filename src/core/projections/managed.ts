/**
 * What the ProjectionManager keeps per projection and per leased partition (slot), and how a
 * projection's state follows from them.
 */
import type { PartitionWorker } from './partitionWorker.js';
import type { GenerationRef, HandlerKind, Projection, ProjectionLayout, ProjectionState } from './ports.js';

export interface Slot {
  readonly ref: GenerationRef;
  readonly partition: number;
  readonly worker: PartitionWorker;
  progress: 'starting' | 'backlog' | 'idle';
  faulted: boolean;
}

export interface Managed {
  readonly projection: Projection;
  readonly kind: HandlerKind;
  readonly slots: Map<string, Slot>;
  layout: ProjectionLayout | null;
  /** False until the first coordinator round has taken this process's partitions. */
  balanced: boolean;
  outdated: boolean;
  processed: number;
  failed: number;
  lastError: string | null;
  state: ProjectionState;
}

export const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** stopped (not running, or outdated) → faulted → rebuilding → catching_up (some active partition busy) → running. */
export const stateOf = (m: Managed, running: boolean, coordinatorFault: string | null): ProjectionState => {
  const slots = [...m.slots.values()];
  const active = slots.filter((s) => s.ref.generation === m.layout?.active);
  return !running || m.outdated
    ? 'stopped'
    : coordinatorFault !== null || slots.some((s) => s.faulted)
      ? 'faulted'
      : m.layout?.building != null
        ? 'rebuilding'
        : !m.balanced || active.some((s) => s.progress !== 'idle')
          ? 'catching_up'
          : 'running';
};
