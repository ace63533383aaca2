/**
 * Shared helpers for mutation resolvers: they build a command, dispatch it, wait until the
 * projections have caught up with its events (read-your-writes), and read the result from the
 * read store.
 */
import type { DispatchResult } from '../core/dispatcher.js';
import type { Context } from './context.js';

/** Waits (bounded) until every projection has passed the events of `result`. */
export const settled = async (ctx: Context, result: DispatchResult): Promise<DispatchResult> => {
  if (result.events.length === 0) return result;
  ctx.positions.push(...ctx.services.positionsOf(result.events));
  await ctx.services.waitForProjections(result.events);
  return result;
};
