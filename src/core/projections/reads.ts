/**
 * What the projection manager answers without running anything: status from the runtime's shared
 * state (so any node reports for every worker) and the dead-letter retry. Kept apart from the
 * manager's coordination loop.
 */
import type { HandlerKind, PartitionLag, Projection, ProjectionLag, ProjectionRuntime, ProjectionState, ProjectionStatus } from './ports.js';

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

/**
 * Projects the dead letters (every one, or those with these ids) again, oldest first, onto the active read model — out of partition
 * order, as an operator's repair after fixing the projection. Letters failing again go back to the
 * list. Returns how many succeeded.
 */
export async function retryDeadLetters(runtime: ProjectionRuntime, projection: Projection, now: () => number, ids?: readonly string[]): Promise<number> {
  const { name } = projection;
  const letters = await runtime.takeDeadLetters(name, ids);
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
