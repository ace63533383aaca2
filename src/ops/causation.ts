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
 * The index is lean: one read-model hash per correlation (`causation:<correlationId>`, in the
 * projection's own `{rm:causation}` slot like every read model), one field per event named by its
 * reference `aggregateType/aggregateId/version`, valued with the event's time in ms. Nothing of the
 * event is copied: `causationTree` (admin-only, rare) reads the events back from their aggregate
 * streams. Small hashes stay listpack-encoded, so an event costs its ~60-byte reference instead of
 * a document, a set member and a sorted-set member (~1,100 B/event before, ~600 of them the copy).
 * The collection is unlisted (read only by id), so it keeps no every-id sorted set either.
 * Events of state-based aggregates have no stream to read back, so their field also carries the
 * few values the tree needs. An event compacted away from its stream (below a snapshot) stays in
 * the tree as an event of unknown type under an unknown command: its reference and time survive.
 *
 * Command nodes are derived from event metadata: an event's `causationId` is its command's id,
 * `commandType` the command's type, `commandCausationId` the event a process manager reacted to.
 * A command that decided no event leaves no trace, so it has no node. Metrics samples (the
 * sampler's own correlation per sample) are not indexed.
 */
import { NotFoundError } from '../core/errors.js';
import type { EventEnvelope } from '../core/messages.js';
import type { EventStore, ReadStore } from '../core/ports.js';
import type { Projection } from '../core/projections/ports.js';
import { patch } from '../core/projections/readModels.js';

export const CAUSATION = 'causation';

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

/** What a state-based aggregate's event keeps in its field: [atMs, eventId, eventType, causationId, commandType, commandCausationId, userId]. */
type InlineEntry = [number, string, string, string, string | null, string | null, string | null];

const UNINDEXED_AGGREGATES = new Set(['system_metrics']);

/** `aggregateType/aggregateId/version`: the event's address in its aggregate stream. */
export const causationRef = (aggregateType: string, aggregateId: string, version: number): string => `${aggregateType}/${aggregateId}/${version}`;

const parseRef = (ref: string): { aggregateType: string; aggregateId: string; version: number } | null => {
  const first = ref.indexOf('/');
  const last = ref.lastIndexOf('/');
  if (first <= 0 || last <= first) return null;
  const version = Number(ref.slice(last + 1));
  return Number.isInteger(version) ? { aggregateType: ref.slice(0, first), aggregateId: ref.slice(first + 1, last), version } : null;
};

/**
 * The causation projection. `inStream(aggregateType)` says whether that type's events can be read
 * back from an aggregate stream (event-sourced and hybrid aggregates); the others' entries carry
 * what the tree needs.
 */
export const createCausationProjection = (inStream: (aggregateType: string) => boolean): Projection => ({
  name: 'causation',
  // 2: the lean index (references, not documents); a rebuild from the partition logs.
  version: 2,
  // Only ever read by id: no every-id sorted set (~108 B/event). Recorded on the next start for an
  // existing generation (its old id set is deleted), no rebuild needed.
  collections: [{ name: CAUSATION, listed: false }],
  project(event: EventEnvelope) {
    if (UNINDEXED_AGGREGATES.has(event.aggregateType) || !event.metadata.correlationId) return [];
    const m = event.metadata;
    const atMs = Date.parse(event.createdAt);
    const value: number | InlineEntry = inStream(event.aggregateType)
      ? atMs
      : [atMs, event.eventId, event.eventType, m.causationId, m.commandType ?? null, m.commandCausationId ?? null, m.userId ?? null];
    return [patch(CAUSATION, m.correlationId, { [causationRef(event.aggregateType, event.aggregateId, event.aggregateVersion)]: value })];
  },
});

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

/**
 * Reads the correlation's references and the events behind them (one stream read per aggregate,
 * the versions it holds in one range) and builds the tree; NotFoundError when none exists. At most
 * MAX_CAUSATION_EVENTS, the earliest.
 */
export async function readCausationTree(readStore: ReadStore, eventStore: Pick<EventStore, 'read'>, correlationId: string): Promise<CausationNode> {
  const doc = await readStore.get<Record<string, unknown>>(CAUSATION, correlationId);
  const entries: Array<{ ref: NonNullable<ReturnType<typeof parseRef>>; atMs: number; inline: InlineEntry | null }> = [];
  for (const [field, value] of Object.entries(doc ?? {})) {
    const ref = parseRef(field);
    if (ref === null) continue;
    if (typeof value === 'number') entries.push({ ref, atMs: value, inline: null });
    else if (Array.isArray(value)) entries.push({ ref, atMs: Number(value[0]), inline: value as InlineEntry });
  }
  entries.sort((a, b) => a.atMs - b.atMs);
  const kept = entries.slice(0, MAX_CAUSATION_EVENTS);

  const byAggregate = new Map<string, { aggregateType: string; aggregateId: string; versions: number[] }>();
  for (const { ref, inline } of kept) {
    if (inline !== null) continue;
    const key = `${ref.aggregateType}/${ref.aggregateId}`;
    const group = byAggregate.get(key) ?? { aggregateType: ref.aggregateType, aggregateId: ref.aggregateId, versions: [] };
    group.versions.push(ref.version);
    byAggregate.set(key, group);
  }
  const stored = new Map<string, EventEnvelope>();
  await Promise.all(
    [...byAggregate.values()].map(async ({ aggregateType, aggregateId, versions }) => {
      const wanted = new Set(versions);
      const events = await eventStore.read({ aggregateType, aggregateId }, { fromVersion: Math.min(...versions), toVersion: Math.max(...versions) });
      for (const e of events) if (wanted.has(e.aggregateVersion)) stored.set(causationRef(aggregateType, aggregateId, e.aggregateVersion), e);
    }),
  );

  const views = kept.map(({ ref, atMs, inline }): CausationEventView => {
    const key = causationRef(ref.aggregateType, ref.aggregateId, ref.version);
    const base = { correlationId, aggregateType: ref.aggregateType, aggregateId: ref.aggregateId, version: ref.version, atMs, at: new Date(atMs).toISOString() };
    if (inline !== null) {
      const [, id, eventType, causationId, commandType, commandCausationId, userId] = inline;
      return { ...base, id, eventType, causationId, commandType, commandCausationId, userId };
    }
    const e = stored.get(key);
    if (!e) return { ...base, id: key, eventType: 'unknown', causationId: `unknown:${key}`, commandType: null, commandCausationId: null, userId: null };
    const m = e.metadata;
    return { ...base, id: e.eventId, eventType: e.eventType, at: e.createdAt, causationId: m.causationId, commandType: m.commandType ?? null, commandCausationId: m.commandCausationId ?? null, userId: m.userId ?? null };
  });
  const tree = causationTree(correlationId, views);
  if (!tree) throw new NotFoundError(`No events with correlation id ${correlationId}`);
  return tree;
}
