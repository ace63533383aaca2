/**
 * The one path every mutation takes: send the command as the caller and hand its read-your-writes
 * tokens back in `extensions.readAfter`. A command that answers from its committed write (an
 * inline projection, e.g. every game-session command) is answered at once; any other waits,
 * bounded, until the asynchronous projections have applied its events, so the read model read
 * right after is current. How mutations answer is decided here, once. With `dryRun` the command is
 * decided on the current state and answered as if committed, but nothing is appended, published
 * or remembered under the idempotency key (core/commands/dispatcher.ts).
 */
import type { CommandType, Committed } from '../core/commands/dispatcher.js';
import { readAfterTokens } from '../core/projections/projection.js';
import type { Context, SendOptions } from './context.js';

export interface MutateOptions extends SendOptions {
  /** Wait for the projections (default: unless the command answers from its commit). */
  readonly settle?: boolean;
}

export async function mutate<Data extends object, Output>(ctx: Context, type: CommandType<Data, Output>, data: Data, options: MutateOptions = {}): Promise<Committed<Output>> {
  const committed = await ctx.send(type, data, options);
  // A dry run wrote nothing: there is nothing to read after or wait for.
  if (committed.events.length > 0 && !committed.dryRun) {
    ctx.positions.push(...readAfterTokens(committed.events, ctx.services.partitions));
    if (options.settle ?? !type.answersFromCommit) await ctx.services.waitForProjections(committed.events);
  }
  return committed;
}
