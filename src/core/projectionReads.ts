/**
 * What the projection manager answers without running anything: status from the runtime's shared
 * state (so any node reports for every worker), read-your-writes waits on the checkpoints, and the
 * dead-letter retry. Kept apart from the manager's coordination loop.
 */
import { TimeoutError } from './errors.js';
import {
  type HandlerKind,
  type LogPosition,
  type Projection,
  type ProjectionLag,
  type ProjectionState,
  type ProjectionStatus,
  comparePosition,
  parseLogPosition,
} from './projection.js';
import type { PartitionLag, ProjectionRuntime } from './projectionRuntime.js';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What only this process knows about a projection. */
export interface LocalView {
  readonly kind: HandlerKind;
  readonly state: ProjectionState;
  readonly processed: number;
  readonly failed: number;
  readonly lastError: string | null;
}

export async function readStatus(runtime: ProjectionRuntime, projection: Projection, local: LocalView, now: () => number): Promise<ProjectionStatus> {
  const { name } = projection;
  const layout = await runtime.layout(name);
  const toLag = (lag: PartitionLag): ProjectionLag => ({ events: lag.events, ms: lag.oldestAt === null ? 0 : Math.max(0, now() - lag.oldestAt) });
  const building = layout.building;
  const [checkpoint, lag, deadLetters, rebuild] = await Promise.all([
    runtime.checkpoints(name, layout.active),
    runtime.lag({ name, generation: layout.active }),
    runtime.deadLetterCount(name),
    building === null
      ? null
      : Promise.all([runtime.checkpoints(name, building), runtime.lag({ name, generation: building })]).then(([cp, l]) => ({
          generation: building,
          version: layout.buildingVersion ?? projection.version,
          checkpoint: cp,
          lag: toLag(l),
        })),
  ]);
  return {
    name,
    kind: local.kind,
    version: projection.version,
    state: local.state,
    generation: layout.active,
    checkpoint,
    lag: toLag(lag),
    processedEvents: local.processed,
    failedEvents: local.failed,
    deadLetters,
    rebuild,
    lastError: local.lastError,
  };
}

export interface CheckpointWait {
  readonly runtime: ProjectionRuntime;
  readonly names: readonly string[];
  readonly tokens: ReadonlyArray<string | LogPosition>;
  readonly timeoutMs: number;
  readonly now: () => number;
  /** Woken when this process applies something (checks sooner than the poll). */
  readonly waiters: Set<() => void>;
}

/**
 * Polls the active generations' checkpoints (every 25 ms, or sooner when this process applies)
 * until each projection has reached every position, or throws TimeoutError. Checkpoints are read
 * from the runtime, so it works whichever worker does the applying.
 */
export async function waitForCheckpoints({ runtime, names, tokens, timeoutMs, now, waiters }: CheckpointWait): Promise<void> {
  const wanted = new Map<number, string>();
  for (const { partition, position } of tokens.map(parseLogPosition)) {
    const seen = wanted.get(partition);
    if (seen === undefined || comparePosition(position, seen) > 0) wanted.set(partition, position);
  }
  const deadline = now() + timeoutMs;
  for (;;) {
    const checkpoints = await Promise.all(names.map((name) => runtime.checkpoints(name, null)));
    if (checkpoints.every((cp) => [...wanted].every(([p, position]) => comparePosition(cp[p] ?? '0', position) >= 0))) return;
    const left = deadline - now();
    if (left <= 0) throw new TimeoutError(`Projections did not reach ${[...wanted].map(([p, pos]) => `${p}:${pos}`).join(', ')} within ${timeoutMs} ms`);
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.min(left, 25));
      waiters.add(wake);
    });
  }
}

/**
 * Projects every dead letter again, oldest first, onto the active read model — out of partition
 * order, as an operator's repair after fixing the projection. Letters failing again go back to the
 * list. Returns how many succeeded.
 */
export async function retryDeadLetters(runtime: ProjectionRuntime, projection: Projection, now: () => number): Promise<number> {
  const { name } = projection;
  const letters = await runtime.takeDeadLetters(name);
  const { active } = await runtime.layout(name);
  let retried = 0;
  for (const letter of letters) {
    try {
      if (letter.entry.undecodable !== undefined) throw new Error(letter.entry.undecodable);
      await runtime.writeActive(name, await projection.project(letter.entry.event, runtime.view({ name, generation: active })));
      retried++;
    } catch (error) {
      await runtime.restoreDeadLetter({ ...letter, error: message(error), attempts: letter.attempts + 1, at: new Date(now()).toISOString() });
    }
  }
  return retried;
}
