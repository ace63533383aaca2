/** `causationTree` (operators only): one correlation's commands and events as a tree (see causation.ts). */
import { builder } from '../graphql/builder.js';
import { DomainEventRef } from '../graphql/system.js';
import { flatten, readCausationTree, type CausationNode } from './causation.js';

const CausationKindEnum = builder.enumType('CausationKind', {
  values: {
    CORRELATION: { description: 'The root: everything that shares the correlation id.' },
    COMMAND: { description: 'A command that appended events (derived from their metadata).' },
    EVENT: { description: 'A stored event.' },
  } as const,
});

const CausationNodeRef = builder.objectRef<CausationNode>('CausationNode');
CausationNodeRef.implement({
  description: 'A node of a causation tree: correlation → commands → their events → commands those events caused (process managers) → …',
  fields: (t) => ({
    kind: t.field({ type: CausationKindEnum, resolve: (n) => n.kind }),
    id: t.exposeID('id', { description: 'The correlation, command or event id.' }),
    type: t.exposeString('type', { description: 'The command or event type (the correlation id for the root).' }),
    at: t.field({ type: 'DateTime', description: 'Events: when appended; commands: when their first event was; the root: the first event.', resolve: (n) => n.at }),
    userId: t.exposeID('userId', { nullable: true, description: 'Who sent the command ("system" for process managers).' }),
    aggregateType: t.exposeString('aggregateType', { nullable: true }),
    aggregateId: t.exposeID('aggregateId', { nullable: true }),
    version: t.exposeInt('version', { nullable: true, description: 'Events: the aggregate version.' }),
    parentId: t.exposeID('parentId', { nullable: true }),
    depth: t.exposeInt('depth', { description: '0 for the root.' }),
    children: t.field({ type: [CausationNodeRef], resolve: (n) => [...n.children] }),
    nodes: t.field({
      type: [CausationNodeRef],
      description: 'This node and everything under it, depth first, in causal and time order: the tree without recursive selections (use depth and parentId).',
      resolve: (n) => flatten(n),
    }),
    event: t.field({
      type: DomainEventRef,
      nullable: true,
      description: 'Events of event-sourced and hybrid aggregates: the stored event (secrets removed). Null for commands, for state-based aggregates and for compacted events.',
      resolve: async (n, _a, ctx) => {
        if (n.kind !== 'EVENT' || n.aggregateType === null || n.aggregateId === null || n.version === null) return null;
        const [event] = await ctx.services.eventStore.read({ aggregateType: n.aggregateType, aggregateId: n.aggregateId }, { fromVersion: n.version, toVersion: n.version });
        return event?.eventId === n.id ? event : null;
      },
    }),
  }),
});

builder.queryFields((t) => ({
  causationTree: t.field({
    type: CausationNodeRef,
    nullable: true,
    authScopes: { admin: true },
    description: 'The commands and events of one correlation (e.g. a request and what process managers did about it), as a tree. Unknown id → NOT_FOUND.',
    args: { correlationId: t.arg.id({ required: true }) },
    resolve: (_r, { correlationId }, ctx) => readCausationTree(ctx.services.readStore, ctx.services.eventStore, String(correlationId)),
  }),
}));
