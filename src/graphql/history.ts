/**
 * `aggregateHistory` (admins): any event-sourced or hybrid aggregate's stream, event by event,
 * each with the state right after it and the top-level fields it changed — rebuilt through the
 * aggregate's own decider (core/commands/history.ts), never from read models. Forward Relay
 * pagination; the cursor is the aggregate version of the entry. Secrets (password and token
 * hashes) are removed from events and states alike, as in the admin event feed.
 */
import type { AggregateHistory, HistoryEntry } from '../core/commands/history.js';
import { ValidationError } from '../core/errors.js';
import { builder } from './builder.js';
import { pageSize } from './connections.js';
import { DomainEventRef, isSecretField, publicData } from './system.js';

declare module './context.js' {
  interface AppServices {
    /** Time travel over every aggregate with an event stream. */
    readonly history: AggregateHistory;
  }
}

const HistoryEntryRef = builder.objectRef<HistoryEntry<unknown>>('AggregateHistoryEntry').implement({
  description: 'One event of an aggregate and the state it left the aggregate in.',
  fields: (t) => ({
    version: t.int({ resolve: (e) => e.event.aggregateVersion }),
    event: t.field({ type: DomainEventRef, resolve: (e) => e.event }),
    state: t.field({ type: 'JSON', description: "The aggregate's state right after the event, as its decider folds it (secrets removed).", resolve: (e) => publicData(e.state) }),
    changedFields: t.stringList({ description: 'Top-level state fields the event changed (the diff).', resolve: (e) => e.changed.filter((field) => !isSecretField(field)) }),
  }),
});

/** A cursor is the version of an entry; after it comes the next version. */
const versionAfter = (cursor: string | null | undefined): number => {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw ValidationError.field('after', 'after must be a cursor from a previous page');
  return Number(cursor);
};

builder.queryField('aggregateHistory', (t) =>
  t.connection(
    {
      type: HistoryEntryRef,
      description:
        'Admins: the events of one aggregate in version order, each with the state after it, rebuilt from its stream (snapshots where they help). Forward pagination (first/after). State-based aggregates keep no stream.',
      authScopes: { admin: true },
      args: { aggregateType: t.arg.string({ required: true, description: 'e.g. game_session, user, match_queue, configuration.' }), id: t.arg.id({ required: true }) },
      resolve: async (_r, args, ctx) => {
        if (args.last !== null && args.last !== undefined) throw ValidationError.field('last', 'Only forward pagination (first/after) is supported');
        if (args.before) throw ValidationError.field('before', 'Only forward pagination (first/after) is supported');
        const { history } = ctx.services;
        const definition = history.definition(args.aggregateType);
        const page = await history.page(definition, String(args.id), versionAfter(args.after), pageSize(args.first));
        const cursors = page.entries.map((e) => String(e.event.aggregateVersion));
        return {
          edges: page.entries.map((node, i) => ({ node, cursor: cursors[i]! })),
          pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: versionAfter(args.after) > 0, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
          latestVersion: page.latestVersion,
        };
      },
    },
    {
      name: 'AggregateHistoryConnection',
      fields: (c) => ({ latestVersion: c.int({ description: "The stream's newest version.", resolve: (connection) => (connection as unknown as { latestVersion: number }).latestVersion }) }),
    },
    { name: 'AggregateHistoryEdge' },
  ),
);
