/**
 * Game registration table: GraphQL-shaped commands in, domain commands out. `prepare` does the
 * I/O the deciders must not: ids, the caller's name, the balance and map in force.
 *
 * The balance by reference (issue #11): creating a game stores the balance in force once as a
 * content-addressed version (balanceVersions.ts) and the game keeps only its id. A later command
 * that needs the values (join: starting gold; place: tower costs; wave: everything) gets them in
 * the command: its prepare reads the game's state through `current` (the dispatcher reuses that
 * read as decide's load, so it costs no round trip) and resolves the id — a version is immutable,
 * so it comes from this process's cache after the first time. Why not in the repository or as a
 * decider dependency: the decider stays a pure function of (command, state), as every other
 * value that needs I/O already reaches it; and why not by re-reading the session in prepare: a
 * second state read per command. A retried conflict keeps the prepared version, which is right
 * because a game's balanceId never changes (decide checks they match).
 */
import type { HandledCommand } from '../core/commands/handleCommand.js';
import { commandType, type AggregateRegistration, type CommandType, type Dispatcher, type Registration } from '../core/commands/dispatcher.js';
import { idempotentNewId } from '../core/commands/idempotency.js';
import { authenticatedOnly, callerOf, isAdmin, isSystem } from '../core/commands/callers.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { Command, CommandMetadata } from '../core/messages.js';
import type { ContentStore, ReadStore } from '../core/ports.js';
import type { AggregateDefinition, Loaded } from '../core/commands/repository.js';
import type { AggregateHistory, TravelPoint } from '../core/commands/history.js';
import { createBalanceVersions } from './balanceVersions.js';
import { gameSessionView, MATCH_REQUESTS, type GameSessionView, type TowerView } from './projections.js';
import { resolveMap, snapshotBalance, type Balance, type Difficulty, type TowerType } from './domain/balance.js';
import {
  gameSessionDecider,
  gameSessionSchemaVersions,
  gameSessionSnapshotVersion,
  type CreateGameSession,
  type EndGame,
  type GameSessionCommand,
  type GameSessionEvent,
  type GameSessionState,
  type JoinGameSession,
  type PlaceTower,
  type StartWave,
} from './domain/gameSession.js';
import {
  matchQueueDecider,
  matchQueueSnapshotVersion,
  type CancelMatchRequest,
  type MatchQueueCommand,
  type MatchQueueEvent,
  type MatchQueueState,
  type RequestMatch,
} from './domain/match.js';
import { endGameReason } from './domain/gameSessionRules.js';
import { playerStatsDecider, playerStatsSnapshotVersion, type PlayerStatsCommand, type PlayerStatsEvent, type PlayerStatsState } from './domain/playerStats.js';

export const gameSessionAggregate: AggregateDefinition<GameSessionState, GameSessionCommand, GameSessionEvent> = {
  type: 'game_session',
  decider: gameSessionDecider,
  snapshotVersion: gameSessionSnapshotVersion,
  schemaVersions: gameSessionSchemaVersions,
};
export const matchQueueAggregate: AggregateDefinition<MatchQueueState, MatchQueueCommand, MatchQueueEvent> = {
  type: 'match_queue',
  decider: matchQueueDecider,
  snapshotVersion: matchQueueSnapshotVersion,
};
export const playerStatsAggregate: AggregateDefinition<PlayerStatsState, PlayerStatsCommand, PlayerStatsEvent> = {
  type: 'player_stats',
  decider: playerStatsDecider,
  snapshotVersion: playerStatsSnapshotVersion,
};

// What clients (and the matchmaking process manager) send, and what each answers.
export type CreateGameSessionData = { difficulty: Difficulty; maxPlayers: number; mapId?: string | null; sessionId?: string; hostId?: string };
export type JoinGameSessionData = { sessionId: string; playerId?: string };
export type PlaceTowerData = { sessionId: string; towerType: TowerType; x: number; y: number };
export type SessionCommandData = { sessionId: string };
export type EndGameData = { sessionId: string; reason?: string | null };
export type RequestMatchData = { difficulty: Difficulty };
export type CancelMatchData = { difficulty?: Difficulty | null };

/** What a game-session command answers: the game as its commit left it (the inline projection). */
export type SessionAnswer = { readonly gameSession: GameSessionView };
const fromCommit = { answersFromCommit: true };

export const gameCommands = {
  createGameSession: commandType<CreateGameSessionData, SessionAnswer>('CreateGameSession', fromCommit),
  joinGameSession: commandType<JoinGameSessionData, SessionAnswer>('JoinGameSession', fromCommit),
  placeTower: commandType<PlaceTowerData, SessionAnswer & { readonly tower: TowerView }>('PlaceTower', fromCommit),
  startWave: commandType<SessionCommandData, SessionAnswer>('StartWave', fromCommit),
  endGame: commandType<EndGameData, SessionAnswer>('EndGame', fromCommit),
  requestMatch: commandType<RequestMatchData>('RequestMatch'),
  cancelMatchRequest: commandType<CancelMatchData>('CancelMatchRequest'),
} as const;

/** A game's current view from its committed state (one state-store read; never the asynchronous read model). */
export const gameSessionReader =
  (loader: Pick<Dispatcher, 'load'>) =>
  async (id: string): Promise<GameSessionView | null> => {
    const { state, version } = await loader.load(gameSessionAggregate, id);
    return gameSessionView(state, version);
  };

/**
 * Time travel: a game as it was at a version or an instant, rebuilt from its events through the
 * decider's evolve (core/commands/history.ts) and shown through the same inline projection as
 * the present. Null when `at` is before the game was created.
 */
export const gameSessionTimeTravel =
  (history: Pick<AggregateHistory, 'at'>) =>
  async (id: string, point: TravelPoint): Promise<GameSessionView | null> => {
    const past = await history.at(gameSessionAggregate, id, point);
    return past ? gameSessionView(past.state, past.version) : null;
  };

/** What the game needs from outside its context, wired in the composition root. */
export interface GameDeps {
  /** The game's own read models (match requests). */
  readonly readStore: ReadStore;
  /** A player's display name (the auth context knows it). */
  readonly playerName: (userId: string) => Promise<string>;
  /** The balance in force: configs/balance.yaml overlaid with operators' runtime settings. */
  readonly balance: () => Promise<Balance>;
  /** Where the balance versions games play are stored once, by content hash. */
  readonly contentStore: ContentStore;
  readonly newId: () => string;
  /** Seals a person's free text with their data key (PersonalDataVault.seal): forgetting them makes it unreadable. */
  readonly sealPersonal: (subjectId: string, text: string) => Promise<string>;
}

const caller = callerOf;

/** The tower a placement committed, in the view that includes it. */
const towerOf = (session: GameSessionView, towerId: string): TowerView => {
  const tower = session.towers.find((t) => t.id === towerId);
  if (!tower) throw new NotFoundError(`Tower ${towerId} not found`);
  return tower;
};

/** The id of the tower a committed placement placed. */
const placedTowerId = (committed: HandledCommand): string | undefined => {
  const placed = committed.events.find((e) => e.eventType === 'TowerPlaced');
  return placed ? (placed.data as { towerId: string }).towerId : undefined;
};

export function gameRegistrations(deps: GameDeps): Registration[] {
  const nameOf = deps.playerName;
  const balances = createBalanceVersions(deps.contentStore);
  /** The balance version of the game a command targets, from the state decide will see. */
  const balanceOf = async (current: (id: string) => Promise<Loaded<GameSessionState>>, sessionId: string) => balances.ofGame((await current(sessionId)).state);
  /** Process managers act for a player named in the command; clients act for themselves. */
  const actor = (requested: string | undefined, metadata: CommandMetadata) =>
    requested && (isSystem(metadata) || isAdmin(metadata)) ? requested : caller(metadata);

  /**
   * What every game-session registration shares: the aggregate, its id, an authenticated caller,
   * and the answer: the committed state's view (plus what `extra` adds).
   */
  const onSession = <Data extends object, O extends SessionAnswer, D extends GameSessionCommand>(
    type: CommandType<Data, O>,
    prepare: (command: Command<string, Data>, metadata: CommandMetadata, current: (id: string) => Promise<Loaded<GameSessionState>>) => D | Promise<D>,
    options: { retryOnConflict?: boolean; extra?: (prepared: D, answer: SessionAnswer, committed: HandledCommand) => O } = {},
  ): AggregateRegistration<Command<string, Data>, GameSessionState, GameSessionEvent, D, O> => ({
    commandType: type.type,
    aggregate: gameSessionAggregate,
    aggregateId: (c) => c.data.sessionId,
    authorize: authenticatedOnly,
    retryOnConflict: options.retryOnConflict ?? false,
    prepare,
    output: (prepared, committed) => {
      const gameSession = gameSessionView(committed.state, committed.version);
      if (!gameSession) throw new NotFoundError(`Game session ${committed.aggregateId} not found`);
      // Commands without `extra` answer exactly SessionAnswer (O defaults to it).
      return options.extra ? options.extra(prepared, { gameSession }, committed) : ({ gameSession } as O);
    },
  });
  /** The same for the match queue of one difficulty. Queue commands always retry: they decide on fresh state. */
  const onQueue = <Data extends object, D extends MatchQueueCommand>(
    type: CommandType<Data>,
    prepare: (command: Command<string, Data>, metadata: CommandMetadata) => D | Promise<D>,
  ): AggregateRegistration<Command<string, Data>, MatchQueueState, MatchQueueEvent, D> => ({
    commandType: type.type,
    aggregate: matchQueueAggregate,
    aggregateId: (c) => c.data.difficulty,
    authorize: authenticatedOnly,
    retryOnConflict: true,
    prepare,
  });

  const create = onSession(gameCommands.createGameSession, async ({ data }, metadata): Promise<CreateGameSession> => {
    const balance = await deps.balance();
    const map = resolveMap(balance, data.mapId);
    if (!map) throw ValidationError.field('map', `Unknown map "${data.mapId ?? ''}"; maps: ${Object.keys(balance.maps).join(', ')}`);
    const hostId = actor(data.hostId, metadata);
    return {
      type: 'CreateGameSession',
      data: {
        // With an idempotency key, the same id on every retry: a retry finds the game its first attempt created.
        sessionId: data.sessionId ?? idempotentNewId(metadata) ?? deps.newId(),
        hostId,
        hostName: await nameOf(hostId),
        difficulty: data.difficulty,
        maxPlayers: data.maxPlayers,
        map,
        // Stored before the event that refers to it is appended (a dry run appends nothing, so stores nothing).
        balance: metadata.dryRun ? balances.preview(snapshotBalance(balance)) : await balances.store(snapshotBalance(balance)),
        at: metadata.timestamp,
      },
    };
  });
  const join = onSession(
    gameCommands.joinGameSession,
    async ({ data }, metadata, current): Promise<JoinGameSession> => {
      const playerId = actor(data.playerId, metadata);
      const [playerName, balance] = await Promise.all([nameOf(playerId), balanceOf(current, data.sessionId)]);
      return { type: 'JoinGameSession', data: { sessionId: data.sessionId, playerId, playerName, balance, at: metadata.timestamp } };
    },
    { retryOnConflict: true },
  );
  // Safe to retry: the decision is re-made on fresh state (the cell may be taken, the gold spent by then).
  const placeTower = onSession(
    gameCommands.placeTower,
    async ({ data }, metadata, current): Promise<PlaceTower> => ({
      type: 'PlaceTower',
      data: { ...data, playerId: caller(metadata), towerId: deps.newId(), balance: await balanceOf(current, data.sessionId), at: metadata.timestamp },
    }),
    // The tower the committed event placed: a replayed retry (idempotency key) was prepared with a new id, the answer is the first one's.
    { retryOnConflict: true, extra: (prepared, answer, committed) => ({ ...answer, tower: towerOf(answer.gameSession, placedTowerId(committed) ?? prepared.data.towerId) }) },
  );
  const startWave = onSession(gameCommands.startWave, async ({ data }, metadata, current): Promise<StartWave> => ({
    type: 'StartWave',
    data: { sessionId: data.sessionId, playerId: caller(metadata), balance: await balanceOf(current, data.sessionId), at: metadata.timestamp },
  }));
  // The reason is its writer's free text (personal data): checked, then sealed with their key.
  const endGame = onSession(gameCommands.endGame, async ({ data }, metadata): Promise<EndGame> => {
    const playerId = caller(metadata);
    const text = endGameReason(data.reason);
    const reason = text === null ? null : await deps.sealPersonal(playerId, text);
    return { type: 'EndGame', data: { sessionId: data.sessionId, playerId, isAdmin: isAdmin(metadata), reason, at: metadata.timestamp } };
  });
  const requestMatch = onQueue(gameCommands.requestMatch, async ({ data }, metadata): Promise<RequestMatch> => {
    const userId = caller(metadata);
    return { type: 'RequestMatch', data: { difficulty: data.difficulty, userId, username: await nameOf(userId), at: metadata.timestamp } };
  });
  const cancelMatch = onQueue(gameCommands.cancelMatchRequest, async ({ data }, metadata): Promise<CancelMatchRequest> => {
    const userId = caller(metadata);
    // Without a difficulty, cancel whichever queue the caller waits in.
    const difficulty = data.difficulty ?? (await deps.readStore.get<{ difficulty: Difficulty; status: string }>(MATCH_REQUESTS, userId))?.difficulty;
    if (!difficulty) throw ValidationError.field('difficulty', 'You are not waiting for a match');
    return { type: 'CancelMatchRequest', data: { difficulty, userId, at: metadata.timestamp } };
  });
  return [create, join, placeTower, startWave, endGame, requestMatch, cancelMatch];
}
