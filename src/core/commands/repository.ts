/**
 * The three repositories. Which one an aggregate type uses comes from configs/cqrs.yaml:
 * - event_sourced: the stream is the truth; load = latest snapshot (when its schema matches) + later events.
 * - state_based:   only the current state (a versioned hash); its events still reach the partition log.
 * - hybrid:        events and current state written by one atomic append; load reads the state.
 */
import { ConflictError } from '../errors.js';
import type { Command, Decider, Event, EventEnvelope, NewEvent } from '../messages.js';
import type { AppendResult, AppliedCommand, CommandMark, EventStore, Snapshot, SnapshotStore, StateStore, StreamRef } from '../ports.js';

export type StorageStrategy = 'event_sourced' | 'state_based' | 'hybrid';

export interface AggregateDefinition<S = unknown, C extends Command = never, E extends Event = Event> {
  /** snake_case aggregate type, as in configs/cqrs.yaml and the Redis keys. */
  readonly type: string;
  readonly decider: Decider<C, E, S>;
  /** Bump when the state's shape changes: older snapshots are then ignored and state is rebuilt from events. */
  readonly snapshotVersion: string;
  /** Current schema version per event type (default 1); the serializer's upcasters bring old events up to it. */
  readonly schemaVersions?: Readonly<Record<string, number>>;
}

/** A definition of any aggregate, for heterogeneous lists (its state, command and event types erased). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregateDefinition = AggregateDefinition<any, any, any>;

export interface Loaded<S> {
  readonly state: S;
  /** 0 when the aggregate does not exist yet. */
  readonly version: number;
  /** Served from this process's cache (may be behind another process's write: its append then conflicts). */
  readonly cached?: boolean;
  /** Set when the load was asked about a command (LoadOptions.command) that this aggregate already recorded. */
  readonly applied?: AppliedCommand;
}

export interface LoadOptions {
  /**
   * May be served from the process-local cache of the last state this process read or wrote. Only
   * for a state a command decides on: the append's optimistic concurrency check refuses a decision
   * made on a stale one (and `handleCommand` then decides again on a fresh read). Plain reads that
   * must see other nodes' writes (queries, the session check) never set it.
   */
  readonly cached?: boolean;
  /**
   * A command id (CommandMark.id): also ask whether the aggregate already recorded that command
   * (Loaded.applied). Sent with the load, in the same round trip (same slot); not asked when the
   * state comes from the cache (`cached`), which costs no round trip to send it with.
   */
  readonly command?: string;
}

/** What a recorded command committed: its events and the aggregate's state right after them. */
export interface CommittedBy<S> {
  readonly events: readonly EventEnvelope[];
  readonly state: S;
}

export interface Repository<S> {
  load(id: string, options?: LoadOptions): Promise<Loaded<S>>;
  /** `command`: record it with the append (event-sourced and hybrid aggregates); AppendResult.applied when it already was. */
  save(id: string, loaded: Loaded<S>, newState: S, events: readonly NewEvent[], timestamp: string, command?: CommandMark): Promise<AppendResult>;
  /**
   * The events a recorded command appended and the state they left (rebuilt when the aggregate
   * moved on since; `latest` is reused when it is exactly that version). Absent on repositories
   * that record no commands.
   */
  committedBy?(id: string, applied: AppliedCommand, latest?: Loaded<S>): Promise<CommittedBy<S>>;
  /** Whether the aggregate recorded the command (without loading it). Absent on repositories that record no commands. */
  appliedCommand?(id: string, commandId: string): Promise<AppliedCommand | null>;
}

export interface RepositoryStores {
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  readonly stateStore: StateStore;
}

const refOf = (type: string, aggregateId: string): StreamRef => ({ aggregateType: type, aggregateId });
const expected = (version: number) => (version === 0 ? ('no_stream' as const) : version);

/** A snapshot is due when the append crosses a multiple of `every`. */
export const snapshotDue = (every: number, from: number, to: number): boolean =>
  every > 0 && Math.floor(from / every) !== Math.floor(to / every);

export function createRepository<S, C extends Command, E extends Event>(
  definition: AggregateDefinition<S, C, E>,
  strategy: StorageStrategy,
  stores: RepositoryStores,
  snapshotEvery: number,
): Repository<S> {
  const { decider } = definition;
  const fold = (state: S, events: Iterable<{ eventType: string; data: object }>): S => {
    let next = state;
    for (const e of events) next = decider.evolve(next, { type: e.eventType, data: e.data } as E);
    return next;
  };

  /** The snapshot to write with this append, when it crosses a multiple of `snapshotEvery`. */
  const dueSnapshot = (from: number, count: number, state: S, takenAt: string): Snapshot | undefined =>
    snapshotDue(snapshotEvery, from, from + count) ? { version: from + count, schema: definition.snapshotVersion, state, takenAt } : undefined;

  const replay = async (id: string, toVersion?: number): Promise<Loaded<S>> => {
    const ref = refOf(definition.type, id);
    const snapshot = snapshotEvery > 0 ? await stores.snapshotStore.load(ref) : null;
    const usable = snapshot && snapshot.schema === definition.snapshotVersion && (toVersion === undefined || snapshot.version <= toVersion) ? snapshot : null;
    let state = usable ? (usable.state as S) : decider.initialState();
    let version = usable ? usable.version : 0;
    for await (const e of stores.eventStore.stream(ref, { fromVersion: version + 1, ...(toVersion === undefined ? {} : { toVersion }) })) {
      // A hole means events were compacted away without a snapshot this decider can use:
      // folding the rest would silently build a wrong state.
      if (e.aggregateVersion !== version + 1) {
        throw new Error(`${definition.type} ${id}: events ${version + 1}..${e.aggregateVersion - 1} are missing (compacted behind an unusable snapshot? restore the archive)`);
      }
      state = fold(state, [e]);
      version = e.aggregateVersion;
    }
    return { state, version };
  };

  const appliedCommand = (id: string, commandId: string) => stores.eventStore.appliedCommand(refOf(definition.type, id), commandId);
  /** A load that also asks, in the same round trip, whether the command was already applied. */
  const withCommand =
    (load: (id: string) => Promise<Loaded<S>>) =>
    async (id: string, options?: LoadOptions): Promise<Loaded<S>> => {
      if (!options?.command) return load(id);
      const [loaded, applied] = await Promise.all([load(id), appliedCommand(id, options.command)]);
      return applied ? { ...loaded, applied } : loaded;
    };
  const committedBy = async (id: string, applied: AppliedCommand, latest?: Loaded<S>): Promise<CommittedBy<S>> => {
    const [events, state] = await Promise.all([
      stores.eventStore.read(refOf(definition.type, id), { fromVersion: applied.fromVersion, toVersion: applied.toVersion }),
      latest?.version === applied.toVersion ? latest.state : replay(id, applied.toVersion).then((l) => l.state),
    ]);
    return { events, state };
  };

  switch (strategy) {
    case 'event_sourced':
      return {
        load: withCommand((id) => replay(id)),
        save: (id, loaded, newState, events, timestamp, command) =>
          stores.eventStore.append(refOf(definition.type, id), events, {
            expectedVersion: expected(loaded.version),
            snapshot: dueSnapshot(loaded.version, events.length, newState, timestamp),
            ...(command ? { command } : {}),
          }),
        committedBy,
        appliedCommand,
      };
    case 'hybrid':
      return {
        // The state hash is written in the same atomic step as the events, so it is never behind them;
        // when it is missing (deleted by hand, or pre-dating hybrid storage) or has another shape
        // than this decider's (written before a `snapshotVersion` bump, or with no schema at all),
        // the stream rebuilds it, and the next append stores the rebuilt shape.
        load: withCommand(async (id) => {
          const stored = await stores.stateStore.load(refOf(definition.type, id));
          return stored && stored.schema === definition.snapshotVersion ? { state: stored.state as S, version: stored.version } : replay(id);
        }),
        save: (id, loaded, newState, events, timestamp, command) =>
          stores.eventStore.append(refOf(definition.type, id), events, {
            expectedVersion: expected(loaded.version),
            state: newState,
            stateSchema: definition.snapshotVersion,
            snapshot: dueSnapshot(loaded.version, events.length, newState, timestamp),
            ...(command ? { command } : {}),
          }),
        committedBy,
        appliedCommand,
      };
    case 'state_based':
      // No stream to record a command beside: a state-based aggregate relies on the idempotency middleware alone.
      return {
        load: async (id) => {
          const stored = await stores.stateStore.load(refOf(definition.type, id));
          return stored ? { state: stored.state as S, version: stored.version } : { state: decider.initialState(), version: 0 };
        },
        save: (id, loaded, newState, events) =>
          stores.stateStore.save(refOf(definition.type, id), newState, { expectedVersion: expected(loaded.version), events }),
      };
    default: {
      const unreachable: never = strategy;
      throw new Error(`unknown storage strategy ${String(unreachable)}`);
    }
  }
}

/** Where each aggregate type lives (configs/cqrs.yaml): storage strategy and snapshot frequency. */
export type AggregateStorage = (aggregateType: string) => { readonly storage: StorageStrategy; readonly snapshotEvery: number };

/**
 * A repository that remembers, per aggregate, the newest state this process loaded or committed
 * (at most `maxEntries`, least recently used first out, and none unused for `idleMs`), so a
 * command on an aggregate this node just wrote skips the load round trip. Only
 * `load(id, { cached: true })` is served from it; a stale entry (another process wrote since)
 * costs a conflict and a fresh reload, never a wrong decision: the append still checks the
 * version. A conflict drops the entry. The idle bound keeps the cache to the aggregates in play:
 * without it every finished game stayed until 10,000 others pushed it out (~4 KB each, the
 * soak's heap growing for an hour of play).
 */
export function cachedRepository<S>(inner: Repository<S>, maxEntries: number, idleMs = 60_000, now: () => number = Date.now): Repository<S> {
  if (maxEntries <= 0) return inner;
  const entries = new Map<string, { readonly loaded: Loaded<S>; readonly at: number }>();
  /** Drops the least recently used entries while over the count or idle (Map order is use order). */
  const evict = (at: number): void => {
    for (const [id, entry] of entries) {
      if (entries.size <= maxEntries && at - entry.at <= idleMs) return;
      entries.delete(id);
    }
  };
  const remember = (id: string, loaded: Loaded<S>): void => {
    const known = entries.get(id);
    // A read that started before a commit may answer after it: never go back to an older version.
    if (known && known.loaded.version > loaded.version) return;
    const at = now();
    entries.delete(id);
    entries.set(id, { loaded: { state: loaded.state, version: loaded.version, cached: true }, at });
    evict(at);
  };
  return {
    async load(id, options) {
      if (options?.cached) {
        const hit = entries.get(id);
        const at = now();
        if (hit && at - hit.at <= idleMs) {
          entries.delete(id);
          entries.set(id, { loaded: hit.loaded, at });
          // Not asked about `options.command`: there is no load to send the question with. The append
          // checks the mark anyway, and handleCommand asks when a decision on this state fails.
          return hit.loaded;
        }
      }
      const loaded = await inner.load(id, options?.command ? { command: options.command } : undefined);
      remember(id, loaded);
      return loaded;
    },
    async save(id, loaded, newState, events, timestamp, command) {
      try {
        const result = await inner.save(id, loaded, newState, events, timestamp, command);
        // An append that found its command already applied wrote nothing: what this node knows is not newer.
        if (!result.applied) remember(id, { state: newState, version: result.nextVersion });
        return result;
      } catch (error) {
        if (error instanceof ConflictError) entries.delete(id);
        throw error;
      }
    },
    ...(inner.committedBy ? { committedBy: inner.committedBy.bind(inner) } : {}),
    ...(inner.appliedCommand ? { appliedCommand: inner.appliedCommand.bind(inner) } : {}),
  };
}

/** One repository per aggregate type, built on first use from its configured strategy and kept (with a state cache of `cacheEntries` aggregates, 0 = none, each kept while used within `cacheIdleMs`). */
export const repositoryRegistry = (stores: RepositoryStores, storageOf: AggregateStorage, cacheEntries = 0, cacheIdleMs = 60_000) => {
  const repositories = new Map<string, Repository<unknown>>();
  return <S>(definition: AggregateDefinition<S, never, Event>): Repository<S> => {
    let repository = repositories.get(definition.type);
    if (!repository) {
      const { storage, snapshotEvery } = storageOf(definition.type);
      repository = cachedRepository(createRepository(definition, storage, stores, snapshotEvery), cacheEntries, cacheIdleMs) as Repository<unknown>;
      repositories.set(definition.type, repository);
    }
    return repository as Repository<S>;
  };
};
