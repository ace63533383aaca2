/**
 * Time travel: an aggregate as it was at a version or an instant, and its history event by event
 * with the state after each. Rebuilt from the aggregate's own stream through the same decider
 * `evolve` every load uses (upcasters included: the stores apply them on read), starting from
 * the stored snapshot when it lies before the point asked for. Never reads a read model, never
 * writes anything.
 *
 * The pure part (`foldEvents`, `historyOf`, `usableSnapshot`, `changedFields`) is what the unit
 * tests pin down; `createHistory` only adds the reads.
 */
import { NotFoundError, RuleBrokenError, ValidationError } from '../errors.js';
import type { EventEnvelope } from '../messages.js';
import type { EventStore, Snapshot, SnapshotStore, StreamRef } from '../ports.js';
import type { AggregateDefinition, AggregateStorage, AnyAggregateDefinition, Loaded } from './repository.js';

/** Where to stop: after version `version`, or after the last event committed at or before `at` (ISO-8601). */
export interface TravelPoint {
  readonly version?: number | null;
  readonly at?: string | null;
}

export interface PastState<S> extends Loaded<S> {
  /** The stream's newest version (what "now" is). */
  readonly latestVersion: number;
}

export interface HistoryEntry<S> {
  readonly event: EventEnvelope;
  /** The aggregate's state right after `event`. */
  readonly state: S;
  /** Top-level state fields `event` changed. */
  readonly changed: readonly string[];
}

export interface HistoryPage<S> {
  readonly entries: readonly HistoryEntry<S>[];
  readonly latestVersion: number;
  readonly hasNextPage: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Definition<S> = AggregateDefinition<S, any, any>;
type Evolving<S> = Pick<Definition<S>, 'type' | 'decider'>;

const compacted = (type: string, id: string, from: number, to: number) =>
  new RuleBrokenError(
    'HISTORY_COMPACTED',
    `${type} ${id}: events ${from}..${to} were compacted into the archive and no snapshot covers them; restore the archive (npm run archive:restore) to travel there`,
  );

/**
 * Folds `events` onto `base` through the decider's evolve, stopping before the first event that
 * `stop` refuses. Events must follow the base version without a hole: folding past a hole would
 * silently build a state that never existed.
 */
export function foldEvents<S>(aggregate: Evolving<S>, id: string, base: Loaded<S>, events: Iterable<EventEnvelope>, stop?: (event: EventEnvelope) => boolean): Loaded<S> {
  let { state, version } = base;
  for (const event of events) {
    if (stop?.(event)) break;
    if (event.aggregateVersion !== version + 1) throw compacted(aggregate.type, id, version + 1, event.aggregateVersion - 1);
    state = aggregate.decider.evolve(state, { type: event.eventType, data: event.data });
    version = event.aggregateVersion;
  }
  return { state, version };
}

/** Each event with the state after it, starting from `base` (the state before the first event). */
export function historyOf<S>(aggregate: Evolving<S>, id: string, base: Loaded<S>, events: readonly EventEnvelope[]): HistoryEntry<S>[] {
  const entries: HistoryEntry<S>[] = [];
  let current = base;
  for (const event of events) {
    const next = foldEvents(aggregate, id, current, [event]);
    entries.push({ event, state: next.state, changed: changedFields(current.state, next.state) });
    current = next;
  }
  return entries;
}

/** Top-level fields whose values differ (a cheap, stable diff for operators). */
export const changedFields = (before: unknown, after: unknown): string[] => {
  const fields = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const [a, b] = [fields(before), fields(after)];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
};

/** A snapshot helps when it has the decider's shape and lies at or before the point asked for. */
export const usableSnapshot = <S>(snapshot: Snapshot | null, schema: string, point: { version?: number; at?: string }): Loaded<S> | null => {
  if (!snapshot || snapshot.schema !== schema) return null;
  if (point.version !== undefined && snapshot.version > point.version) return null;
  if (point.at !== undefined && Date.parse(snapshot.takenAt) > Date.parse(point.at)) return null;
  return { state: snapshot.state as S, version: snapshot.version };
};

/** Checks a travel point against the stream: one of the two, a version within it, a valid instant. */
export const checkPoint = (point: TravelPoint, latestVersion: number, what: string): { version?: number; at?: string } => {
  const { version, at } = point;
  const hasVersion = version !== null && version !== undefined;
  const hasAt = at !== null && at !== undefined;
  if (hasVersion && hasAt) throw new ValidationError('Give atVersion or at, not both', [{ field: 'at', message: 'Give atVersion or at, not both' }]);
  if (hasVersion) {
    if (!Number.isInteger(version) || version < 1) throw ValidationError.field('atVersion', 'atVersion must be at least 1');
    if (version > latestVersion) throw ValidationError.field('atVersion', `Version ${version} is beyond the stream: the latest version of ${what} is ${latestVersion}`);
    return { version };
  }
  if (hasAt) {
    if (Number.isNaN(Date.parse(at))) throw ValidationError.field('at', 'at must be an ISO-8601 date-time');
    return { at: new Date(at).toISOString() };
  }
  return { version: latestVersion };
};

export interface HistoryStores {
  readonly eventStore: Pick<EventStore, 'stream' | 'read' | 'lastVersion'>;
  readonly snapshotStore: Pick<SnapshotStore, 'load'>;
}

export interface AggregateHistory {
  /** The aggregate at `point` (null when `at` is before its first event). NotFoundError when it has no stream. */
  at<S>(definition: Definition<S>, id: string, point: TravelPoint): Promise<PastState<S> | null>;
  /** Events after version `after` (at most `first`), each with the state after it. */
  page<S>(definition: Definition<S>, id: string, after: number, first: number): Promise<HistoryPage<S>>;
  /** The definition of an aggregate type that keeps an event stream (ValidationError otherwise). */
  definition(aggregateType: string): AnyAggregateDefinition;
}

export function createHistory(stores: HistoryStores, definitions: () => readonly AnyAggregateDefinition[], storageOf: AggregateStorage): AggregateHistory {
  const refOf = (type: string, aggregateId: string): StreamRef => ({ aggregateType: type, aggregateId });

  const latestOf = async (definition: { type: string }, id: string): Promise<number> => {
    const latest = await stores.eventStore.lastVersion(refOf(definition.type, id));
    if (latest === 0) throw new NotFoundError(`${definition.type} ${id} not found`);
    return latest;
  };

  /** The snapshot to start from when one may lie before the point (else the initial state). */
  const baseFor = async <S>(definition: Definition<S>, id: string, point: { version?: number; at?: string }): Promise<Loaded<S>> => {
    const initial = { state: definition.decider.initialState(), version: 0 };
    const { snapshotEvery } = storageOf(definition.type);
    // Snapshots are taken at multiples of snapshotEvery: none can lie before an earlier version.
    if (snapshotEvery <= 0 || (point.version !== undefined && point.version < snapshotEvery)) return initial;
    return usableSnapshot<S>(await stores.snapshotStore.load(refOf(definition.type, id)), definition.snapshotVersion, point) ?? initial;
  };

  const rebuild = async <S>(definition: Definition<S>, id: string, point: { version?: number; at?: string }): Promise<Loaded<S>> => {
    const base = await baseFor(definition, id, point);
    if (point.version !== undefined && base.version === point.version) return base;
    const at = point.at === undefined ? undefined : Date.parse(point.at);
    let current = base;
    for await (const event of stores.eventStore.stream(refOf(definition.type, id), { fromVersion: base.version + 1, ...(point.version === undefined ? {} : { toVersion: point.version }) })) {
      if (at !== undefined && Date.parse(event.createdAt) > at) break;
      current = foldEvents(definition, id, current, [event]);
    }
    if (point.version !== undefined && current.version !== point.version) throw compacted(definition.type, id, current.version + 1, point.version);
    return current;
  };

  return {
    async at(definition, id, point) {
      const latestVersion = await latestOf(definition, id);
      const checked = checkPoint(point, latestVersion, `${definition.type} ${id}`);
      const past = await rebuild(definition, id, checked);
      return past.version === 0 ? null : { ...past, latestVersion };
    },

    async page(definition, id, after, first) {
      const latestVersion = await latestOf(definition, id);
      if (!Number.isInteger(after) || after < 0 || after > latestVersion) throw ValidationError.field('after', `after must be a cursor between 0 and ${latestVersion}`);
      const base = after === 0 ? { state: definition.decider.initialState(), version: 0 } : await rebuild(definition, id, { version: after });
      const events = first === 0 ? [] : await stores.eventStore.read(refOf(definition.type, id), { fromVersion: after + 1, limit: first });
      return { entries: historyOf(definition, id, base, events), latestVersion, hasNextPage: after + events.length < latestVersion };
    },

    definition(aggregateType) {
      const all = definitions().filter((d) => storageOf(d.type).storage !== 'state_based');
      const found = all.find((d) => d.type === aggregateType);
      if (!found) {
        const known = all.map((d) => d.type).sort().join(', ');
        throw ValidationError.field('aggregateType', `"${aggregateType}" is not an aggregate type with an event stream; types: ${known}`);
      }
      return found;
    },
  };
}
