/**
 * Causation: the commands and events of one correlation (everything one user action set off,
 * across aggregates and process managers) as a tree.
 *
 * The index correlation id → events is a projection (`causation`), not a write of the append:
 * a correlation spans aggregates, hence partitions, hence Redis Cluster slots, and one atomic
 * append only touches keys of its own partition's slot. An index written by the append would have
 * to be sharded per partition and read from all of them, and the state-based aggregates' save
 * script would need the same change. As a projection it covers every event of every storage
 * strategy, costs the write path nothing, can be rebuilt, and its lag is what `projections`
 * shows. The price: it is eventually consistent (ms behind the write, `readAfter` waits for it),
 * and, like every projection, a rebuild only sees what the partition logs still hold (events
 * compaction moved out of their streams are read back from the archives; entries trimmed from
 * the logs themselves are not: docs/operations.md).
 *
 * Command nodes are derived from event metadata: an event's `causationId` is its command's id,
 * `commandType` the command's type, `commandCausationId` the event a process manager reacted to.
 * A command that decided no event leaves no trace, so it has no node. Metrics samples (the
 * sampler's own correlation per sample) are not indexed.
 */
import { NotFoundError } from '../core/errors.js';
import type { EventEnvelope } from '../core/messages.js';
import type { Page, ReadStore } from '../core/ports.js';
import type { Projection } from '../core/projections/ports.js';
import { index, put } from '../core/projections/readModels.js';

export const CAUSATION_EVENTS = 'causation_events';

export type CausationEventView = {
  readonly id: string;
  readonly correlationId: string;
  /** The command's id. */
  readonly causationId: string;
  readonly commandType: string | null;
  readonly commandCausationId: string | null;
  readonly eventType: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly version: number;
  readonly userId: string | null;
  readonly at: string;
  readonly atMs: number;
};

const UNINDEXED_AGGREGATES = new Set(['system_metrics']);

export const causationProjection: Projection = {
  name: 'causation',
  version: 1,
  collections: [{ name: CAUSATION_EVENTS, indexes: [index('set', 'correlationId'), index('sorted', 'at', 'atMs')] }],
  project(event: EventEnvelope) {
    if (UNINDEXED_AGGREGATES.has(event.aggregateType) || !event.metadata.correlationId) return [];
    const m = event.metadata;
    const doc: CausationEventView = {
      id: event.eventId,
      correlationId: m.correlationId,
      causationId: m.causationId,
      commandType: m.commandType ?? null,
      commandCausationId: m.commandCausationId ?? null,
      eventType: event.eventType,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      version: event.aggregateVersion,
      userId: m.userId ?? null,
      at: event.createdAt,
      atMs: Date.parse(event.createdAt),
    };
    return [put(CAUSATION_EVENTS, event.eventId, doc)];
  },
};

export type CausationKind = 'CORRELATION' | 'COMMAND' | 'EVENT';

export interface CausationNode {
  readonly kind: CausationKind;
  /** Correlation id, command id or event id. */
  readonly id: string;
  /** The command or event type (the correlation id for the root). */
  readonly type: string;
  /** Events: when appended. Commands: their first event. The root: the first event of all. */
  readonly at: string;
  readonly userId: string | null;
  readonly aggregateType: string | null;
  readonly aggregateId: string | null;
  readonly version: number | null;
  readonly parentId: string | null;
  readonly depth: number;
  readonly children: readonly CausationNode[];
}

/** Largest correlation read (a runaway saga must not make one query unbounded). */
export const MAX_CAUSATION_EVENTS = 2000;

/**
 * The tree of one correlation's events (in append order: time, then event id, which is a UUIDv7):
 * root (the correlation) → commands nobody in it caused → their events → commands those events
 * caused (process managers) → … A command whose causing event is not in the correlation hangs
 * under the root. Pure.
 */
export function causationTree(correlationId: string, events: readonly CausationEventView[]): CausationNode | null {
  if (events.length === 0) return null;
  const ordered = [...events].sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const eventIds = new Set(ordered.map((e) => e.id));
  const commands = new Map<string, CausationEventView[]>();
  for (const e of ordered) commands.set(e.causationId, [...(commands.get(e.causationId) ?? []), e]);
  const commandsCausedBy = new Map<string | null, string[]>();
  for (const [commandId, caused] of commands) {
    const parent = caused[0]!.commandCausationId;
    const key = parent !== null && eventIds.has(parent) ? parent : null;
    commandsCausedBy.set(key, [...(commandsCausedBy.get(key) ?? []), commandId]);
  }

  const eventNode = (e: CausationEventView, depth: number): CausationNode => ({
    kind: 'EVENT',
    id: e.id,
    type: e.eventType,
    at: e.at,
    userId: e.userId,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    version: e.version,
    parentId: e.causationId,
    depth,
    children: (commandsCausedBy.get(e.id) ?? []).map((id) => commandNode(id, e.id, depth + 1)),
  });
  const commandNode = (commandId: string, parentId: string, depth: number): CausationNode => {
    const caused = commands.get(commandId)!;
    const first = caused[0]!;
    return {
      kind: 'COMMAND',
      id: commandId,
      type: first.commandType ?? 'unknown',
      at: first.at,
      userId: first.userId,
      aggregateType: null,
      aggregateId: null,
      version: null,
      parentId,
      depth,
      children: caused.map((e) => eventNode(e, depth + 1)),
    };
  };
  return {
    kind: 'CORRELATION',
    id: correlationId,
    type: correlationId,
    at: ordered[0]!.at,
    userId: ordered[0]!.userId,
    aggregateType: null,
    aggregateId: null,
    version: null,
    parentId: null,
    depth: 0,
    children: (commandsCausedBy.get(null) ?? []).map((id) => commandNode(id, correlationId, 1)),
  };
}

/** Every node under (and with) `root`, depth first: what a client renders without recursive selections. */
export const flatten = (root: CausationNode): CausationNode[] => [root, ...root.children.flatMap(flatten)];

/** Reads the correlation's index entries and builds the tree; NotFoundError when none exists. */
export async function readCausationTree(readStore: ReadStore, correlationId: string): Promise<CausationNode> {
  const events: CausationEventView[] = [];
  let after: string | null = null;
  do {
    const page: Page<CausationEventView> = await readStore.query<CausationEventView>(CAUSATION_EVENTS, { where: { correlationId }, orderBy: 'at', direction: 'ASC', first: 500, after });
    events.push(...page.items);
    after = page.hasNextPage && events.length < MAX_CAUSATION_EVENTS ? page.endCursor : null;
  } while (after !== null);
  const tree = causationTree(correlationId, events);
  if (!tree) throw new NotFoundError(`No events with correlation id ${correlationId}`);
  return tree;
}
