/**
 * Game process managers. They consume the durable partition logs (at-least-once, so every step
 * is idempotent: ids are derived from the triggering event, and "already done" answers are
 * success) and act only through commands carrying the event's correlation id and, as causation,
 * the event id.
 *  - matchmaking: MatchRequested → FormMatch when a group is due; MatchFormed → CreateGameSession
 *    (host = first in queue) + JoinGameSession for the others. A timer forms matches whose oldest
 *    request waited past the limit.
 *  - player stats: GameEnded → RecordGameResult for every player.
 */
import { createHash } from 'node:crypto';
import type { AggregateRegistration, Dispatcher, Registration } from '../core/commands/dispatcher.js';
import { SYSTEM_USER, systemOnly } from '../core/commands/callers.js';
import { RuleBrokenError } from '../core/errors.js';
import type { Command, CommandMetadata, EventEnvelope } from '../core/messages.js';
import type { EventHandler } from '../core/projections/ports.js';
import type { ScheduledJob } from '../core/scheduler.js';
import { DIFFICULTIES, type Balance, type Difficulty } from './domain/balance.js';
import type { GameEnded } from './domain/gameSession.js';
import { matchesDue, type FormMatch, type MatchFormed, type MatchQueueEvent, type MatchQueueState } from './domain/match.js';
import type { PlayerStatsEvent, PlayerStatsState, RecordGameResult } from './domain/playerStats.js';
import { matchQueueAggregate, playerStatsAggregate } from './commands.js';


/** A stable UUID-shaped id derived from an event (and a discriminator): redelivery yields the same id. */
export const derivedId = (...parts: string[]): string => {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};


/** Commands only process managers send. */
export const internalGameRegistrations = (balance: () => Promise<Balance>): Registration[] => {
  const formMatch: AggregateRegistration<Command<'FormMatch', { difficulty: Difficulty; matchId: string; sessionId: string }>, MatchQueueState, MatchQueueEvent, FormMatch> = {
    commandType: 'FormMatch',
    aggregate: matchQueueAggregate,
    aggregateId: (c) => c.data.difficulty,
    authorize: systemOnly,
    retryOnConflict: true,
    prepare: async ({ data }, metadata) => ({ type: 'FormMatch', data: { ...data, policy: (await balance()).matchmaking, at: metadata.timestamp } }),
  };
  const record: AggregateRegistration<RecordGameResult, PlayerStatsState, PlayerStatsEvent> = {
    commandType: 'RecordGameResult',
    aggregate: playerStatsAggregate,
    aggregateId: (c) => c.data.userId,
    authorize: systemOnly,
    retryOnConflict: true,
  };
  return [formMatch, record];
};

/** Rule answers that mean "this step already happened" (redelivery) or "nothing to do". */
const settledCodes = new Set(['ALREADY_EXISTS', 'ALREADY_JOINED', 'ALREADY_RECORDED', 'NO_MATCH_DUE', 'GAME_NOT_IN_LOBBY']);
const tolerate = async (step: () => Promise<unknown>) => {
  try {
    await step();
  } catch (error) {
    if (error instanceof RuleBrokenError && settledCodes.has(error.code)) return;
    throw error;
  }
};

const causedBy = (event: EventEnvelope, discriminator: string): Partial<CommandMetadata> => ({
  commandId: derivedId(event.eventId, discriminator),
  correlationId: event.metadata.correlationId,
  causationId: event.eventId,
  userId: SYSTEM_USER,
  roles: ['SYSTEM'],
});

export function gameProcessManagers(dispatcher: Dispatcher): EventHandler[] {
  const matchmaking: EventHandler = {
    name: 'matchmaking',
    kind: 'process_manager',
    handles: ['MatchRequested', 'MatchFormed'],
    async handle(event) {
      if (event.eventType === 'MatchRequested') {
        const difficulty = event.aggregateId as Difficulty;
        await tolerate(() =>
          dispatcher.dispatch(
            { type: 'FormMatch', data: { difficulty, matchId: derivedId(event.eventId, 'match'), sessionId: derivedId(event.eventId, 'session') } },
            causedBy(event, 'form'),
          ),
        );
        return;
      }
      const { players, sessionId, difficulty } = (event as EventEnvelope<MatchFormed>).data;
      const [host, ...guests] = players;
      if (!host) return;
      await tolerate(() =>
        dispatcher.dispatch(
          { type: 'CreateGameSession', data: { sessionId, hostId: host.userId, difficulty, maxPlayers: Math.max(players.length, 1) } },
          causedBy(event, 'create'),
        ),
      );
      for (const guest of guests) {
        await tolerate(() => dispatcher.dispatch({ type: 'JoinGameSession', data: { sessionId, playerId: guest.userId } }, causedBy(event, `join:${guest.userId}`)));
      }
    },
  };

  const playerStats: EventHandler = {
    name: 'player-stats',
    kind: 'process_manager',
    handles: ['GameEnded'],
    async handle(event) {
      const ended = (event as EventEnvelope<GameEnded>).data;
      for (const player of ended.players) {
        const command: RecordGameResult = {
          type: 'RecordGameResult',
          data: {
            userId: player.playerId,
            username: player.playerName,
            sessionId: ended.sessionId,
            result: ended.result,
            waveReached: ended.finalWave,
            towersPlaced: player.towersPlaced,
            score: ended.score,
            at: ended.at,
          },
        };
        await tolerate(() => dispatcher.dispatch(command, causedBy(event, `stats:${player.playerId}`)));
      }
    },
  };
  return [matchmaking, playerStats];
}

/**
 * Forms matches whose oldest request has waited past the limit (no event announces that moment):
 * a scheduler job (core/scheduler.ts), so one process ticks at a time. A deposed scheduler's last
 * tick may still overlap the new one's first: FormMatch is decided on fresh state under
 * optimistic locking, so a queue is never matched twice.
 */
export function matchmakingJob(dispatcher: Dispatcher, balance: () => Promise<Balance>, everyMs: number): ScheduledJob {
  return {
    name: 'matchmaking',
    everyMs,
    async run() {
      const policy = (await balance()).matchmaking;
      for (const difficulty of DIFFICULTIES) {
        const { state } = await dispatcher.load(matchQueueAggregate, difficulty);
        if (matchesDue(state, new Date().toISOString(), policy).length === 0) continue;
        const seed = `${difficulty}:${Date.now()}`;
        await tolerate(() =>
          dispatcher.dispatch(
            { type: 'FormMatch', data: { difficulty, matchId: derivedId(seed, 'match'), sessionId: derivedId(seed, 'session') } },
            { userId: SYSTEM_USER, roles: ['SYSTEM'] },
          ),
        );
      }
    },
  };
}
