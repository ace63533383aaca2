/**
 * One generic command handler for every aggregate: load (per storage strategy) → decide →
 * append with the expected version. A lost optimistic-concurrency race is retried a bounded
 * number of times when the command allows it (the decision is re-made on fresh state, so a
 * retry can never apply a stale decision).
 */
import { newId as newUuid } from '../ids.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { AppliedCommand, CommandMark } from '../ports.js';
import type { Command, CommandMetadata, Event, EventEnvelope, NewEvent } from '../messages.js';
import type { AggregateDefinition, Loaded, Repository } from './repository.js';

export interface HandledCommand {
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** Aggregate version after the command (unchanged when it decided nothing). */
  readonly version: number;
  readonly events: readonly EventEnvelope[];
  /** Partition-log positions of the events: read-your-writes tokens. */
  readonly positions: readonly string[];
  /** How many conflicts were retried. */
  readonly retries: number;
  /** The events are on the primary but too few replicas confirmed them in time (see AppendResult). */
  readonly unconfirmed?: boolean;
  /** The command was already applied (its idempotency mark is on the aggregate): this is that first result, nothing was appended now. */
  readonly replayed?: boolean;
}

/** What handleCommand returns: the handled command plus the state it committed (never sent on: it may hold secrets). */
export type HandledWithState<S> = HandledCommand & { readonly state: S };

export interface HandleOptions<S = unknown> {
  /** 0 = fail on the first conflict. */
  readonly conflictRetries: number;
  readonly newId?: () => string;
  /** The aggregate as already read for this command (by its registration's prepare): the first attempt decides on it. */
  readonly preloaded?: Promise<Loaded<S>>;
  /** Decide and evolve, but append nothing: the events come back as they would be stored (no checksum, no position). */
  readonly dryRun?: boolean;
  /**
   * The command's idempotency mark (the client sent a key): looked up with the load and recorded
   * with the append, so a command already applied answers its first result instead of deciding again.
   */
  readonly command?: CommandMark;
}

/** What an append would have stored, without storing it (dry runs): versions follow the loaded one. */
const wouldAppend = (type: string, aggregateId: string, fromVersion: number, events: readonly NewEvent[]): EventEnvelope[] =>
  events.map((e, i) => ({
    eventId: e.eventId,
    eventType: e.type,
    schemaVersion: e.schemaVersion,
    aggregateType: type,
    aggregateId,
    aggregateVersion: fromVersion + i + 1,
    data: e.data,
    metadata: e.metadata,
    createdAt: e.createdAt,
    checksum: '',
  }));

export const toNewEvents = (
  events: readonly Event[],
  metadata: CommandMetadata,
  schemaVersions: Readonly<Record<string, number>> = {},
  newId: () => string = newUuid,
): NewEvent[] =>
  events.map((e) => ({
    eventId: newId(),
    type: e.type,
    data: e.data,
    schemaVersion: schemaVersions[e.type] ?? 1,
    metadata: {
      correlationId: metadata.correlationId,
      causationId: metadata.commandId,
      ...(metadata.commandType ? { commandType: metadata.commandType } : {}),
      ...(metadata.causationId ? { commandCausationId: metadata.causationId } : {}),
      ...(metadata.userId ? { userId: metadata.userId } : {}),
      timestamp: metadata.timestamp,
      ...(metadata.traceparent ? { traceparent: metadata.traceparent } : {}),
    },
    createdAt: metadata.timestamp,
  }));

export async function handleCommand<S, C extends Command, E extends Event>(
  definition: AggregateDefinition<S, C, E>,
  repository: Repository<S>,
  aggregateId: string,
  command: C,
  metadata: CommandMetadata,
  options: HandleOptions<S>,
): Promise<HandledWithState<S>> {
  // Commands that may be retried decide on the cached state when there is one (a command that may
  // not must see what it would have seen without a cache). A decision on a cached state that turns
  // out stale is made again on a fresh read, once, without using up a retry.
  const cacheable = options.conflictRetries > 0;
  const mark = options.dryRun ? undefined : options.command;
  /** The first attempt's result, rebuilt from what the aggregate recorded: same events, versions, positions and state. */
  const replay = async (applied: AppliedCommand, retries: number, latest?: Loaded<S>): Promise<HandledWithState<S>> => {
    if (applied.fingerprint !== mark?.fingerprint) throw ValidationError.field('idempotencyKey', 'This idempotency key was already used with different input');
    if (!repository.committedBy) throw new Error(`${definition.type} records commands but cannot read them back`);
    const { events, state } = await repository.committedBy(aggregateId, applied, latest);
    // Positioned as the append returned them: the same read-after tokens as the first answer.
    const positioned = events.map((e, i) => (applied.positions[i] === undefined ? e : { ...e, position: applied.positions[i] }));
    return { aggregateType: definition.type, aggregateId, version: applied.toVersion, events: positioned, positions: applied.positions, retries, state, replayed: true };
  };
  let staleCacheRetried = false;
  for (let attempt = 0, retries = 0; ; retries++) {
    const loaded =
      retries === 0 && options.preloaded
        ? await options.preloaded
        : await repository.load(aggregateId, { cached: cacheable && !staleCacheRetried, ...(mark ? { command: mark.id } : {}) });
    if (mark && loaded.applied) return replay(loaded.applied, retries, loaded);
    // A cached state was not asked about the mark (no round trip to send it with): the append checks it,
    // but a decision refused or empty on it may be this command's own effect — ask then, on that rare path.
    const appliedBefore = async (): Promise<AppliedCommand | null> =>
      mark && loaded.cached && repository.appliedCommand ? repository.appliedCommand(aggregateId, mark.id) : null;
    let events: E[];
    try {
      events = definition.decider.decide(command, loaded.state);
    } catch (error) {
      const applied = await appliedBefore();
      if (applied) return replay(applied, retries);
      throw error;
    }
    if (events.length === 0) {
      const applied = await appliedBefore();
      if (applied) return replay(applied, retries);
      return { aggregateType: definition.type, aggregateId, version: loaded.version, events: [], positions: [], retries, state: loaded.state };
    }
    const newState = events.reduce(definition.decider.evolve, loaded.state);
    const newEvents = toNewEvents(events, metadata, definition.schemaVersions, options.newId);
    if (options.dryRun) {
      const envelopes = wouldAppend(definition.type, aggregateId, loaded.version, newEvents);
      return { aggregateType: definition.type, aggregateId, version: loaded.version + events.length, events: envelopes, positions: [], retries: 0, state: newState };
    }
    try {
      const result = await repository.save(aggregateId, loaded, newState, newEvents, metadata.timestamp, mark);
      // Lost the race to this command's own first attempt (the append found its mark): answer that one.
      if (result.applied) return replay(result.applied, retries);
      return {
        aggregateType: definition.type,
        aggregateId,
        version: result.nextVersion,
        events: result.envelopes,
        positions: result.positions,
        retries,
        state: newState,
        ...(result.unconfirmed ? { unconfirmed: true } : {}),
      };
    } catch (error) {
      if (error instanceof ConflictError && loaded.cached && !staleCacheRetried) {
        staleCacheRetried = true;
        continue;
      }
      if (error instanceof ConflictError && attempt < options.conflictRetries) {
        attempt++;
        // Jittered, growing pause: concurrent writers to one aggregate spread out instead of colliding again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt - 1, 5)));
        continue;
      }
      throw error;
    }
  }
}
