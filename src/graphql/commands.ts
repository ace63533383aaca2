/**
 * The one path every mutation takes: send the command as the caller, hand its read-your-writes
 * tokens back in `extensions.readAfter`, and (by default) wait, bounded, until the projections
 * have applied its events so the answer read right after is current. How mutations answer is
 * decided here, once.
 */
import type { CommandType, Committed } from '../core/commands/dispatcher.js';
import { readAfterTokens } from '../core/projections/projection.js';
import type { Context, SendOptions } from './context.js';

export interface MutateOptions extends SendOptions {
  /** Wait for the projections (default true). A command whose answer needs no read model can skip it. */
  readonly settle?: boolean;
}

export async function mutate<Data extends object, Output>(ctx: Context, type: CommandType<Data, Output>, data: Data, options: MutateOptions = {}): Promise<Committed<Output>> {
  const committed = await ctx.send(type, data, options);
  if (committed.events.length > 0) {
    ctx.positions.push(...readAfterTokens(committed.events, ctx.services.partitions));
    if (options.settle ?? true) await ctx.services.waitForProjections(committed.events);
  }
  return committed;
}
