/**
 * Matchmaking: one MatchQueue aggregate per difficulty (id = the difficulty).
 *
 * Players queue with RequestMatch and leave with CancelMatchRequest. A process manager watches
 * the queue and, when `matchesDue` says a group is ready, sends FormMatch; the MatchFormed event
 * then makes it create the game session (host = first player) and join the others. FormMatch
 * re-runs `matchesDue` on the state it is decided on, so a match is always formed from who is
 * queued *now*, whatever the process manager saw a moment earlier.
 *
 * Codes: ALREADY_QUEUED, NOT_QUEUED, NO_MATCH_DUE. A user queued for another difficulty is that
 * other queue's business: the caller checks it (a read-model lookup) before queueing.
 */
import { RuleBrokenError, ValidationError } from '../../core/errors.js';
import { event, type Command, type Decider, type Event } from '../../core/messages.js';
import { isDifficulty, type Difficulty, type MatchmakingSettings } from './balance.js';
import { MAX_PLAYERS } from './gameSessionRules.js';
import { requireTimestamp } from './time.js';

export const matchQueueSnapshotVersion = 'match_queue.v1';

/** The `matchmaking` section of the balance (configs/balance.yaml). */
export type MatchPolicy = MatchmakingSettings;

export const defaultMatchPolicy: MatchPolicy = { playersPerMatch: 2, maxWaitSeconds: 30 };

export interface QueuedPlayer {
  readonly userId: string;
  readonly username: string;
  readonly requestedAt: string;
}

export type RequestMatch = Command<'RequestMatch', { difficulty: Difficulty; userId: string; username: string; at: string }>;
export type CancelMatchRequest = Command<'CancelMatchRequest', { difficulty: Difficulty; userId: string; at: string }>;
/** `matchId` and `sessionId` are chosen by the process manager (derived from its trigger, so a retry reuses them). */
export type FormMatch = Command<'FormMatch', { difficulty: Difficulty; matchId: string; sessionId: string; policy: MatchPolicy; at: string }>;
export type MatchQueueCommand = RequestMatch | CancelMatchRequest | FormMatch;

export type MatchRequested = Event<'MatchRequested', { difficulty: Difficulty; userId: string; username: string; at: string }>;
export type MatchRequestCancelled = Event<'MatchRequestCancelled', { difficulty: Difficulty; userId: string; at: string }>;
/** `players` in queue order: the first one hosts the game. */
export type MatchFormed = Event<'MatchFormed', { difficulty: Difficulty; matchId: string; sessionId: string; players: QueuedPlayer[]; at: string }>;
export type MatchQueueEvent = MatchRequested | MatchRequestCancelled | MatchFormed;

export type MatchQueueState =
  | { readonly status: 'New' }
  | {
      readonly status: 'Open';
      readonly difficulty: Difficulty;
      /** Oldest request first. */
      readonly waiting: readonly QueuedPlayer[];
      /** The last few formed match ids: a redelivered FormMatch is a no-op, and the queue stays small. */
      readonly recentMatchIds: readonly string[];
    };

const RECENT_MATCHES = 20;

const policyProblems = (policy: MatchPolicy): string[] => [
  ...(Number.isInteger(policy?.playersPerMatch) && policy.playersPerMatch >= 1 && policy.playersPerMatch <= MAX_PLAYERS
    ? []
    : [`playersPerMatch must be an integer from 1 to ${MAX_PLAYERS}`]),
  ...(Number.isInteger(policy?.maxWaitSeconds) && policy.maxWaitSeconds >= 0 ? [] : ['maxWaitSeconds must be a non-negative integer']),
];

/**
 * The groups that should become matches at `now`, in order: full groups of `playersPerMatch`
 * first; then the remaining players as one smaller group, but only once the oldest of them has
 * waited `maxWaitSeconds` (nobody waits forever for a partner who never comes).
 */
export const matchesDue = (state: MatchQueueState, now: string, policy: MatchPolicy = defaultMatchPolicy): QueuedPlayer[][] => {
  if (state.status !== 'Open') return [];
  const size = policy.playersPerMatch;
  const groups: QueuedPlayer[][] = [];
  let i = 0;
  for (; i + size <= state.waiting.length; i += size) groups.push(state.waiting.slice(i, i + size));
  const rest = state.waiting.slice(i);
  const oldest = rest[0];
  if (oldest && requireTimestamp(now, 'now') - requireTimestamp(oldest.requestedAt, 'requestedAt') >= policy.maxWaitSeconds * 1000) groups.push(rest);
  return groups;
};

const checkQueue = (state: MatchQueueState, difficulty: Difficulty): void => {
  if (!isDifficulty(difficulty)) throw ValidationError.field('difficulty', 'difficulty must be EASY, NORMAL or HARD');
  if (state.status === 'Open' && state.difficulty !== difficulty)
    throw ValidationError.field('difficulty', `this is the ${state.difficulty} queue, not the ${difficulty} one`);
};

const queued = (state: MatchQueueState, userId: string): boolean => state.status === 'Open' && state.waiting.some((p) => p.userId === userId);

export const initialState = (): MatchQueueState => ({ status: 'New' });

export const decide = (command: MatchQueueCommand, state: MatchQueueState): MatchQueueEvent[] => {
  checkQueue(state, command.data.difficulty);
  requireTimestamp(command.data.at);
  switch (command.type) {
    case 'RequestMatch': {
      const { difficulty, userId, username, at } = command.data;
      if (typeof userId !== 'string' || userId.length === 0) throw ValidationError.field('userId', 'userId is required');
      if (typeof username !== 'string' || username.length === 0) throw ValidationError.field('username', 'username is required');
      if (queued(state, userId)) throw new RuleBrokenError('ALREADY_QUEUED', `User ${userId} is already waiting for a ${difficulty} match`);
      return [event<MatchRequested>('MatchRequested', { difficulty, userId, username, at })];
    }
    case 'CancelMatchRequest': {
      const { difficulty, userId, at } = command.data;
      if (!queued(state, userId)) throw new RuleBrokenError('NOT_QUEUED', `User ${userId} is not waiting for a ${difficulty} match`);
      return [event<MatchRequestCancelled>('MatchRequestCancelled', { difficulty, userId, at })];
    }
    case 'FormMatch': {
      const { difficulty, matchId, sessionId, policy, at } = command.data;
      if (typeof matchId !== 'string' || matchId.length === 0) throw ValidationError.field('matchId', 'matchId is required');
      if (typeof sessionId !== 'string' || sessionId.length === 0) throw ValidationError.field('sessionId', 'sessionId is required');
      const problems = policyProblems(policy);
      if (problems.length > 0) throw new ValidationError(problems.join('; '), problems.map((message) => ({ field: 'policy', message })));
      if (state.status === 'Open' && state.recentMatchIds.includes(matchId)) return [];
      const [players] = matchesDue(state, at, policy);
      if (!players) throw new RuleBrokenError('NO_MATCH_DUE', `No ${difficulty} match is due: too few players and nobody has waited ${policy.maxWaitSeconds}s`);
      return [event<MatchFormed>('MatchFormed', { difficulty, matchId, sessionId, players, at })];
    }
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${String((unreachable as Command).type)}`);
    }
  }
};

export const evolve = (state: MatchQueueState, e: MatchQueueEvent): MatchQueueState => {
  const open =
    state.status === 'Open' ? state : ({ status: 'Open', difficulty: e.data.difficulty, waiting: [], recentMatchIds: [] } as const);
  switch (e.type) {
    case 'MatchRequested': {
      const { userId, username, at } = e.data;
      if (open.waiting.some((p) => p.userId === userId)) return open;
      return { ...open, waiting: [...open.waiting, { userId, username, requestedAt: at }] };
    }
    case 'MatchRequestCancelled':
      return { ...open, waiting: open.waiting.filter((p) => p.userId !== e.data.userId) };
    case 'MatchFormed': {
      const matched = new Set(e.data.players.map((p) => p.userId));
      return {
        ...open,
        waiting: open.waiting.filter((p) => !matched.has(p.userId)),
        recentMatchIds: [...open.recentMatchIds, e.data.matchId].slice(-RECENT_MATCHES),
      };
    }
    default: {
      const _unknown: never = e;
      return state;
    }
  }
};

export const matchQueueDecider: Decider<MatchQueueCommand, MatchQueueEvent, MatchQueueState> = { decide, evolve, initialState };
