/**
 * The command dispatcher: command type → registration. Each registration says which aggregate a
 * command targets and how to find its id, may authorize it and may `prepare` it (I/O needed before
 * decide: hashing a password, reading balance config) — the decider itself stays pure.
 * Middleware wraps every dispatch (idempotency, metrics, logging) and `onCommitted` hooks see
 * every committed result (live fan-out to the event bus).
 */
import { newId } from '../ids.js';
import { ValidationError } from '../errors.js';
import type { Command, CommandMetadata, Event, EventEnvelope } from '../messages.js';
import type { CommandMark } from '../ports.js';
import { commandMarkOf } from './idempotency.js';
import { handleCommand, type HandledCommand, type HandledWithState } from './handleCommand.js';
import type { AggregateDefinition, AnyAggregateDefinition, Loaded, Repository } from './repository.js';

export interface DispatchResult extends HandledCommand {
  readonly commandId: string;
  readonly commandType: string;
  readonly executionTimeMs: number;
  /** What the command answers its caller beyond its events (a new tower's id, issued tokens). Never stored in events. */
  readonly output?: unknown;
  /** True when an idempotency key replayed an earlier result instead of running the command. */
  readonly replayed?: boolean;
  /** True for a dry run: `events` are what the command would append; nothing was written or published. */
  readonly dryRun?: boolean;
}

/**
 * A command's name, the data it carries and what it answers: the typed handle callers send
 * through `Dispatcher.send`. The registration of that name produces the output.
 */
export interface CommandType<Data extends object, Output = undefined> {
  readonly type: string;
  /**
   * The output is the caller's whole answer, taken from the committed write (an inline
   * projection): callers need not wait for asynchronous projections before answering.
   */
  readonly answersFromCommit?: boolean;
  /** Phantom: carries the types only. */
  readonly __types?: { readonly data: Data; readonly output: Output };
}

export const commandType = <Data extends object, Output = undefined>(type: string, options: { answersFromCommit?: boolean } = {}): CommandType<Data, Output> => ({
  type,
  ...options,
});

const COMMITTED = Symbol('committed before the refusal');

/**
 * A refusal that comes after the workflow committed events (a failed login is recorded, a reused
 * refresh token revokes the session, then the caller is refused): the dispatcher still hands
 * those events to its committed hooks (live feeds, metrics) before the error reaches the caller.
 */
export const refusedAfterCommit = <E extends Error>(error: E, ...committed: HandledCommand[]): E =>
  Object.assign(error, { [COMMITTED]: committed.filter((h) => h.events.length > 0) });

const committedBefore = (error: unknown): readonly HandledCommand[] =>
  (typeof error === 'object' && error !== null && (error as { [COMMITTED]?: HandledCommand[] })[COMMITTED]) || [];

/** A dispatched command's result with its typed output. */
export type Committed<Output> = DispatchResult & { readonly output: Output };

/**
 * A registration handled by the generic load → decide → append path. `C` is the command as sent
 * (e.g. from GraphQL); `D` the domain command the decider sees, built by `prepare`.
 */
export interface AggregateRegistration<C extends Command, S = never, E extends Event = Event, D extends Command = C, O = unknown> {
  readonly commandType: C['type'];
  readonly aggregate: AggregateDefinition<S, D, E>;
  readonly aggregateId: (command: D) => string;
  /** Throws ForbiddenError / UnauthenticatedError. Runs before prepare. */
  readonly authorize?: (command: C, metadata: CommandMetadata) => void | Promise<void>;
  /**
   * I/O before decide (ids, time, balance values, names); returns the domain command. `current`
   * reads the aggregate the command will be decided on, for values the state only refers to (a
   * game's balance version by id): decide's first attempt reuses that read, so it costs no extra
   * round trip. A conflict retry reloads the state but keeps the prepared command, so only read
   * what cannot change once written (ids, references to immutable values), never what decide checks.
   */
  readonly prepare?: (command: C, metadata: CommandMetadata, current: (aggregateId: string) => Promise<Loaded<S>>) => D | Promise<D>;
  /** Retry lost concurrency races (safe for commands whose decision only depends on fresh state). */
  readonly retryOnConflict?: boolean;
  /** What the caller gets back (DispatchResult.output), from the prepared command and what was committed (the new state included). */
  readonly output?: (prepared: D, committed: HandledCommand & { readonly state: S }) => O;
}

/** A registration with its own workflow (several aggregates, tokens…); it reuses `execute` for each step. */
export interface WorkflowRegistration<C extends Command> {
  readonly commandType: C['type'];
  /** The aggregates the workflow writes (snapshot maintenance covers every registered aggregate). */
  readonly aggregates: readonly AnyAggregateDefinition[];
  readonly authorize?: (command: C, metadata: CommandMetadata) => void | Promise<void>;
  readonly handle: (command: C, metadata: CommandMetadata, dispatcher: Dispatcher) => Promise<Omit<DispatchResult, 'commandId' | 'commandType' | 'executionTimeMs'>>;
}

// Registrations are heterogeneous by nature; the table erases their command type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Registration = AggregateRegistration<any, any, any, any> | WorkflowRegistration<any>;

export interface DispatchContext {
  readonly command: Command;
  readonly metadata: CommandMetadata;
  readonly registration: Registration;
}

/** What a middleware may add to the command's metadata for the rest of the chain (tracing: the command span's context). */
export type MetadataAmendment = Pick<CommandMetadata, 'traceparent'>;
export type Middleware = (context: DispatchContext, next: (amend?: MetadataAmendment) => Promise<DispatchResult>) => Promise<DispatchResult>;
export type CommittedHook = (result: DispatchResult, metadata: CommandMetadata) => void | Promise<void>;

export interface DispatcherOptions {
  readonly repositoryFor: <S>(definition: AggregateDefinition<S, never, Event>) => Repository<S>;
  readonly conflictRetries: number;
  /**
   * The idempotency TTL: commands sent with a key mark the aggregate they write for that long
   * (commandMarkOf), so a retry answers the first result even without the middleware's record.
   * Absent: no marks.
   */
  readonly idempotencyTtlSeconds?: number;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export class Dispatcher {
  private readonly registrations = new Map<string, Registration>();
  private readonly middleware: Middleware[] = [];
  private readonly committed: CommittedHook[] = [];
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? newId;
  }

  register(...registrations: Registration[]): this {
    for (const r of registrations) {
      if (this.registrations.has(r.commandType)) throw new Error(`command ${r.commandType} is already registered`);
      this.registrations.set(r.commandType, r);
    }
    return this;
  }

  unregister(commandType: string): boolean {
    return this.registrations.delete(commandType);
  }

  has(commandType: string): boolean {
    return this.registrations.has(commandType);
  }

  /** Every aggregate some registration writes, once each (what maintenance snapshots and compacts). */
  aggregates(): AnyAggregateDefinition[] {
    const byType = new Map<string, AnyAggregateDefinition>();
    for (const r of this.registrations.values()) {
      for (const definition of 'handle' in r ? r.aggregates : [r.aggregate]) byType.set(definition.type, definition);
    }
    return [...byType.values()];
  }

  use(middleware: Middleware): this {
    this.middleware.push(middleware);
    return this;
  }

  onCommitted(hook: CommittedHook): this {
    this.committed.push(hook);
    return this;
  }

  /** Fills in ids and the timestamp: the only clock and id source commands ever see. */
  metadata(partial: Partial<CommandMetadata> = {}): CommandMetadata {
    const commandId = partial.commandId ?? this.newId();
    return {
      ...partial,
      commandId,
      correlationId: partial.correlationId ?? commandId,
      timestamp: partial.timestamp ?? this.now().toISOString(),
    };
  }

  /** `dispatch` through a typed handle: the data is checked and the output typed. */
  async send<Data extends object, Output>(type: CommandType<Data, Output>, data: Data, partial: Partial<CommandMetadata> = {}): Promise<Committed<Output>> {
    // The registration of `type.type` produces the output CommandType promises (one cast, here).
    return (await this.dispatch({ type: type.type, data }, partial)) as Committed<Output>;
  }

  async dispatch(command: Command, partial: Partial<CommandMetadata> = {}): Promise<DispatchResult> {
    const registration = this.registrations.get(command.type);
    if (!registration) throw ValidationError.field('command', `Unknown command type "${command.type}"`);
    const metadata = { ...this.metadata(partial), commandType: command.type };
    const run = (index: number, context: DispatchContext): Promise<DispatchResult> => {
      const middleware = this.middleware[index];
      if (!middleware) return this.execute(registration, command, context.metadata);
      return middleware(context, (amend) => run(index + 1, amend ? { ...context, metadata: { ...context.metadata, ...amend } } : context));
    };
    let result: DispatchResult;
    try {
      result = await run(0, { command, metadata, registration });
      // A dry run committed nothing: no live fan-out, no counters of appended events.
      if (metadata.dryRun) return { ...result, dryRun: true };
    } catch (error) {
      for (const handled of committedBefore(error)) await this.runCommittedHooks({ ...handled, commandId: metadata.commandId, commandType: command.type, executionTimeMs: 0 }, metadata);
      throw error;
    }
    await this.runCommittedHooks(result, metadata);
    return result;
  }

  private async runCommittedHooks(result: DispatchResult, metadata: CommandMetadata): Promise<void> {
    if (result.events.length > 0) for (const hook of this.committed) await hook(result, metadata);
  }

  private async execute(registration: Registration, command: Command, metadata: CommandMetadata): Promise<DispatchResult> {
    const started = performance.now();
    if (registration.authorize) await registration.authorize(command, metadata);
    let handled: Omit<DispatchResult, 'commandId' | 'commandType' | 'executionTimeMs'>;
    if ('handle' in registration && metadata.dryRun) {
      // A workflow writes several aggregates step by step: there is no single decision to preview.
      throw ValidationError.field('dryRun', `${command.type} cannot be dry-run`);
    } else if ('handle' in registration) {
      handled = await registration.handle(command, metadata, this);
    } else {
      const ttl = this.options.idempotencyTtlSeconds;
      const mark = ttl === undefined ? undefined : commandMarkOf(metadata, command.type, ttl);
      // Reads `prepare` made of the aggregate, by id: the one of the target becomes decide's first load.
      const reads = new Map<string, Promise<Loaded<unknown>>>();
      const current = (aggregateId: string): Promise<Loaded<unknown>> => {
        let read = reads.get(aggregateId);
        // Decide's first attempt reuses this read: from the state cache when the command may be retried (see LoadOptions).
        // It also asks, in the same round trip, whether the command was already applied (its mark).
        const options = { cached: registration.retryOnConflict ?? false, ...(mark ? { command: mark.id } : {}) };
        if (!read) reads.set(aggregateId, (read = this.repository(registration.aggregate).load(aggregateId, options)));
        return read;
      };
      const prepared = registration.prepare ? await registration.prepare(command, metadata, current) : command;
      const aggregateId = registration.aggregateId(prepared);
      const { state, ...done } = await this.handle(registration.aggregate, aggregateId, prepared, metadata, registration.retryOnConflict ?? false, reads.get(aggregateId), metadata.dryRun ?? false, mark);
      handled = registration.output ? { ...done, output: registration.output(prepared, { ...done, state }) } : done;
    }
    return { ...handled, commandId: metadata.commandId, commandType: command.type, executionTimeMs: performance.now() - started };
  }

  /** Loads an aggregate's current state through its configured repository (workflows read before they decide). */
  load<S, C extends Command, E extends Event>(definition: AggregateDefinition<S, C, E>, aggregateId: string): Promise<Loaded<S>> {
    return this.repository(definition).load(aggregateId);
  }

  private repository<S, C extends Command, E extends Event>(definition: AggregateDefinition<S, C, E>): Repository<S> {
    return this.options.repositoryFor(definition as unknown as AggregateDefinition<S, never, Event>);
  }

  /** Runs one command against one aggregate: the building block of workflows. */
  async executeOn<S, C extends Command, E extends Event>(
    definition: AggregateDefinition<S, C, E>,
    aggregateId: string,
    command: C,
    metadata: CommandMetadata,
    retryOnConflict = false,
  ): Promise<HandledCommand> {
    // The committed state stays here: results are stored under idempotency keys and states may hold secrets.
    const { state: _state, ...handled } = await this.handle(definition, aggregateId, command, metadata, retryOnConflict);
    return handled;
  }

  private handle<S, C extends Command, E extends Event>(
    definition: AggregateDefinition<S, C, E>,
    aggregateId: string,
    command: C,
    metadata: CommandMetadata,
    retryOnConflict: boolean,
    preloaded?: Promise<Loaded<S>>,
    dryRun = false,
    mark?: CommandMark,
  ): Promise<HandledWithState<S>> {
    const repository = this.options.repositoryFor(definition as unknown as AggregateDefinition<S, never, Event>);
    return handleCommand(definition, repository, aggregateId, command, metadata, {
      conflictRetries: retryOnConflict ? this.options.conflictRetries : 0,
      newId: this.newId,
      ...(preloaded ? { preloaded } : {}),
      ...(dryRun ? { dryRun } : {}),
      ...(mark ? { command: mark } : {}),
    });
  }
}

/** Flattens the events of several handled steps into one result (workflows). */
export const combine = (primary: HandledCommand, ...others: HandledCommand[]): HandledCommand => ({
  ...primary,
  events: [primary, ...others].flatMap((h) => h.events) as EventEnvelope[],
  positions: [primary, ...others].flatMap((h) => h.positions),
  ...([primary, ...others].some((h) => h.unconfirmed) ? { unconfirmed: true } : {}),
});
