/**
 * Game registration table: GraphQL-shaped commands in, domain commands out. `prepare` does the
 * I/O the deciders must not: ids, the caller's name, the balance and map in force.
 */
import type { AggregateRegistration, Registration } from '../core/dispatcher.js';
import { UnauthenticatedError, ValidationError } from '../core/errors.js';
import type { Command, CommandMetadata } from '../core/messages.js';
import type { ReadStore } from '../core/ports.js';
import type { AggregateDefinition } from '../core/repository.js';
import type { RuntimeSettings } from '../ops/runtimeSettings.js';
import { USERS, type UserView } from '../auth/projections.js';
import { resolveMap, snapshotBalance, type Difficulty, type TowerType } from './domain/balance.js';
import {
  gameSessionDecider,
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
import { playerStatsDecider, playerStatsSnapshotVersion, type PlayerStatsCommand, type PlayerStatsEvent, type PlayerStatsState } from './domain/playerStats.js';

export const gameSessionAggregate: AggregateDefinition<GameSessionState, GameSessionCommand, GameSessionEvent> = {
  type: 'game_session',
  decider: gameSessionDecider,
  snapshotVersion: gameSessionSnapshotVersion,
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

// What clients (and the matchmaking process manager) send.
export type CreateGameSessionRequest = Command<
  'CreateGameSession',
  { difficulty: Difficulty; maxPlayers: number; mapId?: string | null; sessionId?: string; hostId?: string }
>;
export type JoinGameSessionRequest = Command<'JoinGameSession', { sessionId: string; playerId?: string }>;
export type PlaceTowerRequest = Command<'PlaceTower', { sessionId: string; towerType: TowerType; x: number; y: number }>;
export type StartWaveRequest = Command<'StartWave', { sessionId: string }>;
export type EndGameRequest = Command<'EndGame', { sessionId: string; reason?: string | null }>;
export type RequestMatchRequest = Command<'RequestMatch', { difficulty: Difficulty }>;
export type CancelMatchRequestRequest = Command<'CancelMatchRequest', { difficulty?: Difficulty | null }>;

export interface GameDeps {
  readonly readStore: ReadStore;
  readonly settings: RuntimeSettings;
  readonly newId: () => string;
}

const caller = (metadata: CommandMetadata): string => {
  if (!metadata.userId) throw new UnauthenticatedError();
  return metadata.userId;
};
const authenticated = (_command: Command, metadata: CommandMetadata) => void caller(metadata);
const isAdmin = (metadata: CommandMetadata) => metadata.roles?.includes('ADMIN') ?? false;

/** The MATCH queue the caller waits in is found through the matches read model. */
export const MATCH_REQUESTS = 'matchRequests';

export function gameRegistrations(deps: GameDeps): Registration[] {
  const nameOf = async (userId: string) => (await deps.readStore.get<UserView>(USERS, userId))?.username ?? userId.slice(0, 8);
  /** Process managers act for a player named in the command; clients act for themselves. */
  const actor = (requested: string | undefined, metadata: CommandMetadata) =>
    requested && (metadata.userId === 'system' || isAdmin(metadata)) ? requested : caller(metadata);

  /** What every game-session registration shares: the aggregate, its id, an authenticated caller. */
  const onSession = <C extends Command, D extends GameSessionCommand>(
    commandType: C['type'],
    prepare: (command: C, metadata: CommandMetadata) => D | Promise<D>,
    retryOnConflict = false,
  ): AggregateRegistration<C, GameSessionState, GameSessionEvent, D> => ({
    commandType,
    aggregate: gameSessionAggregate,
    aggregateId: (c) => c.data.sessionId,
    authorize: authenticated,
    retryOnConflict,
    prepare,
  });
  /** The same for the match queue of one difficulty. Queue commands always retry: they decide on fresh state. */
  const onQueue = <C extends Command, D extends MatchQueueCommand>(
    commandType: C['type'],
    prepare: (command: C, metadata: CommandMetadata) => D | Promise<D>,
  ): AggregateRegistration<C, MatchQueueState, MatchQueueEvent, D> => ({
    commandType,
    aggregate: matchQueueAggregate,
    aggregateId: (c) => c.data.difficulty,
    authorize: authenticated,
    retryOnConflict: true,
    prepare,
  });

  const create = onSession<CreateGameSessionRequest, CreateGameSession>('CreateGameSession', async ({ data }, metadata) => {
    const balance = await deps.settings.balance();
    const map = resolveMap(balance, data.mapId);
    if (!map) throw ValidationError.field('map', `Unknown map "${data.mapId ?? ''}"; maps: ${Object.keys(balance.maps).join(', ')}`);
    const hostId = actor(data.hostId, metadata);
    return {
      type: 'CreateGameSession',
      data: {
        sessionId: data.sessionId ?? deps.newId(),
        hostId,
        hostName: await nameOf(hostId),
        difficulty: data.difficulty,
        maxPlayers: data.maxPlayers,
        map,
        balance: snapshotBalance(balance),
        at: metadata.timestamp,
      },
    };
  });
  const join = onSession<JoinGameSessionRequest, JoinGameSession>(
    'JoinGameSession',
    async ({ data }, metadata) => {
      const playerId = actor(data.playerId, metadata);
      return { type: 'JoinGameSession', data: { sessionId: data.sessionId, playerId, playerName: await nameOf(playerId), at: metadata.timestamp } };
    },
    true,
  );
  // Safe to retry: the decision is re-made on fresh state (the cell may be taken, the gold spent by then).
  const placeTower = onSession<PlaceTowerRequest, PlaceTower>(
    'PlaceTower',
    ({ data }, metadata) => ({ type: 'PlaceTower', data: { ...data, playerId: caller(metadata), towerId: deps.newId(), at: metadata.timestamp } }),
    true,
  );
  const startWave = onSession<StartWaveRequest, StartWave>('StartWave', ({ data }, metadata) => ({
    type: 'StartWave',
    data: { sessionId: data.sessionId, playerId: caller(metadata), at: metadata.timestamp },
  }));
  const endGame = onSession<EndGameRequest, EndGame>('EndGame', ({ data }, metadata) => ({
    type: 'EndGame',
    data: { sessionId: data.sessionId, playerId: caller(metadata), isAdmin: isAdmin(metadata), reason: data.reason ?? null, at: metadata.timestamp },
  }));
  const requestMatch = onQueue<RequestMatchRequest, RequestMatch>('RequestMatch', async ({ data }, metadata) => {
    const userId = caller(metadata);
    return { type: 'RequestMatch', data: { difficulty: data.difficulty, userId, username: await nameOf(userId), at: metadata.timestamp } };
  });
  const cancelMatch = onQueue<CancelMatchRequestRequest, CancelMatchRequest>('CancelMatchRequest', async ({ data }, metadata) => {
    const userId = caller(metadata);
    // Without a difficulty, cancel whichever queue the caller waits in.
    const difficulty = data.difficulty ?? (await deps.readStore.get<{ difficulty: Difficulty; status: string }>(MATCH_REQUESTS, userId))?.difficulty;
    if (!difficulty) throw ValidationError.field('difficulty', 'You are not waiting for a match');
    return { type: 'CancelMatchRequest', data: { difficulty, userId, at: metadata.timestamp } };
  });
  return [create, join, placeTower, startWave, endGame, requestMatch, cancelMatch];
}
