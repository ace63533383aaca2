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

  const create: AggregateRegistration<CreateGameSessionRequest, GameSessionState, GameSessionEvent, CreateGameSession> = {
    commandType: 'CreateGameSession',
    aggregate: gameSessionAggregate,
    aggregateId: (c) => c.data.sessionId,
    authorize: authenticated,
    async prepare({ data }, metadata) {
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
    },
  };
  const join: AggregateRegistration<JoinGameSessionRequest, GameSessionState, GameSessionEvent, JoinGameSession> = {
    commandType: 'JoinGameSession',
    aggregate: gameSessionAggregate,
    aggregateId: (c) => c.data.sessionId,
    authorize: authenticated,
    retryOnConflict: true,
    async prepare({ data }, metadata) {
      const playerId = actor(data.playerId, metadata);
      return { type: 'JoinGameSession', data: { sessionId: data.sessionId, playerId, playerName: await nameOf(playerId), at: metadata.timestamp } };
    },
  };
  const placeTower: AggregateRegistration<PlaceTowerRequest, GameSessionState, GameSessionEvent, PlaceTower> = {
    commandType: 'PlaceTower',
    aggregate: gameSessionAggregate,
    aggregateId: (c) => c.data.sessionId,
    authorize: authenticated,
    // Safe to retry: the decision is re-made on fresh state (the cell may be taken, the gold spent by then).
    retryOnConflict: true,
    prepare: ({ data }, metadata) => ({
      type: 'PlaceTower',
      data: { ...data, playerId: caller(metadata), towerId: deps.newId(), at: metadata.timestamp },
    }),
  };
  const startWave: AggregateRegistration<StartWaveRequest, GameSessionState, GameSessionEvent, StartWave> = {
    commandType: 'StartWave',
    aggregate: gameSessionAggregate,
    aggregateId: (c) => c.data.sessionId,
    authorize: authenticated,
    prepare: ({ data }, metadata) => ({ type: 'StartWave', data: { sessionId: data.sessionId, playerId: caller(metadata), at: metadata.timestamp } }),
  };
  const endGame: AggregateRegistration<EndGameRequest, GameSessionState, GameSessionEvent, EndGame> = {
    commandType: 'EndGame',
    aggregate: gameSessionAggregate,
    aggregateId: (c) => c.data.sessionId,
    authorize: authenticated,
    prepare: ({ data }, metadata) => ({
      type: 'EndGame',
      data: { sessionId: data.sessionId, playerId: caller(metadata), isAdmin: isAdmin(metadata), reason: data.reason ?? null, at: metadata.timestamp },
    }),
  };
  const requestMatch: AggregateRegistration<RequestMatchRequest, MatchQueueState, MatchQueueEvent, RequestMatch> = {
    commandType: 'RequestMatch',
    aggregate: matchQueueAggregate,
    aggregateId: (c) => c.data.difficulty,
    authorize: authenticated,
    retryOnConflict: true,
    async prepare({ data }, metadata) {
      const userId = caller(metadata);
      return { type: 'RequestMatch', data: { difficulty: data.difficulty, userId, username: await nameOf(userId), at: metadata.timestamp } };
    },
  };
  const cancelMatch: AggregateRegistration<CancelMatchRequestRequest, MatchQueueState, MatchQueueEvent, CancelMatchRequest> = {
    commandType: 'CancelMatchRequest',
    aggregate: matchQueueAggregate,
    aggregateId: (c) => c.data.difficulty,
    authorize: authenticated,
    retryOnConflict: true,
    async prepare({ data }, metadata) {
      const userId = caller(metadata);
      // Without a difficulty, cancel whichever queue the caller waits in.
      const difficulty = data.difficulty ?? (await deps.readStore.get<{ difficulty: Difficulty; status: string }>(MATCH_REQUESTS, userId))?.difficulty;
      if (!difficulty) throw ValidationError.field('difficulty', 'You are not waiting for a match');
      return { type: 'CancelMatchRequest', data: { difficulty, userId, at: metadata.timestamp } };
    },
  };
  return [create, join, placeTower, startWave, endGame, requestMatch, cancelMatch];
}
