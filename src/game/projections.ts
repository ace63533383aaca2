/**
 * Game read models: game sessions (with the active-sessions index, newest first), player stats
 * (with the leaderboard as a sorted index on total score) and match requests.
 */
import type { EventEnvelope } from '../core/messages.js';
import type { CollectionDefinition, ReadStore, ReadWrite } from '../core/ports.js';
import { index, patch, put } from '../core/projections/readModels.js';
import { scanByTime } from '../core/projections/timeRange.js';
import type { Projection, ReadView } from '../core/projections/ports.js';
import type { Cell, Difficulty, TowerType } from './domain/balance.js';
import type { GameResult, GameSessionEvent, GameSessionState } from './domain/gameSession.js';
import type { MatchQueueEvent } from './domain/match.js';
import type { PlayerStatsEvent, PlayerTotals } from './domain/playerStats.js';

/** Games created in `[fromMs, toMs)`, newest first (what ops reports count). */
export const gamesCreatedBetween = (store: ReadStore) => (fromMs: number, toMs: number) =>
  scanByTime<GameSessionView>(store, GAME_SESSIONS, 'createdAt', 'createdAtMs', fromMs, toMs);

export const GAME_SESSIONS = 'gameSessions';
/** The match request each user waits with (also how CancelMatchRequest finds the queue). */
export const MATCH_REQUESTS = 'matchRequests';
export const PLAYER_STATS = 'playerStats';

export type GameStatus = 'LOBBY' | 'ACTIVE' | 'ENDED';

export type GamePlayerView = { readonly userId: string; readonly username: string; readonly gold: number; readonly towersPlaced: number };
export type TowerView = { readonly id: string; readonly towerType: TowerType; readonly x: number; readonly y: number; readonly ownerId: string };
export type LastWaveView = { readonly wave: number; readonly enemies: number; readonly kills: number; readonly leaked: number; readonly goldEarned: number; readonly scoreGained: number };

export type GameSessionView = {
  readonly id: string;
  readonly status: GameStatus;
  /** 'yes' while in the lobby or active: the active-sessions index. */
  readonly active: 'yes' | 'no';
  readonly difficulty: Difficulty;
  readonly maxPlayers: number;
  readonly hostId: string;
  readonly players: readonly GamePlayerView[];
  readonly towers: readonly TowerView[];
  readonly currentWave: number;
  readonly totalWaves: number;
  readonly lives: number;
  readonly score: number;
  /** The aggregate version this view reflects. */
  readonly version: number;
  readonly createdAt: string;
  readonly createdAtMs: number;
  readonly map: { readonly id: string; readonly name: string; readonly width: number; readonly height: number; readonly path: readonly Cell[] };
  readonly result: GameResult | null;
  readonly endedAt: string | null;
  readonly lastWave: LastWaveView | null;
};

export type PlayerStatsView = { readonly [K in keyof PlayerTotals]: PlayerTotals[K] } & { readonly userId: string; readonly username: string; readonly lastPlayedAt: string };

export type MatchRequestView = {
  readonly userId: string;
  readonly difficulty: Difficulty;
  readonly status: 'WAITING' | 'MATCHED' | 'CANCELLED';
  readonly requestedAt: string;
  readonly matchId: string | null;
  readonly sessionId: string | null;
};

const STATUS = { Lobby: 'LOBBY', Active: 'ACTIVE', Ended: 'ENDED' } as const;

/**
 * The inline projection: a game's view straight from its committed (hybrid) state, so a mutation
 * answers, and `gameSession(id)` reads, the current game without waiting on the asynchronous
 * projection below. Both must produce the same document (a test replays whole games both ways).
 */
export const gameSessionView = (state: GameSessionState, version: number): GameSessionView | null => {
  if (state.status === 'None') return null;
  const ended = state.status === 'Ended';
  return {
    id: state.sessionId,
    status: STATUS[state.status],
    active: ended ? 'no' : 'yes',
    difficulty: state.difficulty,
    maxPlayers: state.maxPlayers,
    hostId: state.hostId,
    players: state.players.map((p) => ({ userId: p.playerId, username: p.playerName, gold: p.gold, towersPlaced: p.towersPlaced })),
    towers: state.towers.map((t) => ({ id: t.towerId, towerType: t.towerType, x: t.x, y: t.y, ownerId: t.ownerId })),
    currentWave: state.currentWave,
    totalWaves: state.totalWaves,
    lives: state.lives,
    score: state.score,
    version,
    createdAt: state.createdAt,
    createdAtMs: Date.parse(state.createdAt),
    map: { id: state.map.id, name: state.map.name, width: state.map.width, height: state.map.height, path: state.map.path },
    result: ended ? state.result : null,
    endedAt: ended ? state.endedAt : null,
    lastWave: state.lastWave ?? null,
  };
};

const gameCollections: CollectionDefinition[] = [
  { name: GAME_SESSIONS, indexes: [index('sorted', 'createdAt', 'createdAtMs'), index('set', 'active'), index('set', 'status'), index('set', 'difficulty')] },
  { name: PLAYER_STATS, indexes: [index('sorted', 'totalScore')] },
  { name: MATCH_REQUESTS, indexes: [index('set', 'status')] },
];


async function projectGameSession(envelope: EventEnvelope, view: ReadView): Promise<ReadWrite[]> {
  const event = { type: envelope.eventType, data: envelope.data } as GameSessionEvent;
  const id = envelope.aggregateId;
  const version = envelope.aggregateVersion;
  if (event.type === 'GameSessionCreated') {
    const d = event.data;
    const doc: GameSessionView = {
      id,
      status: 'LOBBY',
      active: 'yes',
      difficulty: d.difficulty,
      maxPlayers: d.maxPlayers,
      hostId: d.hostId,
      players: [],
      towers: [],
      currentWave: 0,
      totalWaves: d.totalWaves,
      lives: d.lives,
      score: 0,
      version,
      createdAt: d.at,
      createdAtMs: Date.parse(d.at),
      map: { id: d.map.id, name: d.map.name, width: d.map.width, height: d.map.height, path: d.map.path },
      result: null,
      endedAt: null,
      lastWave: null,
    };
    return [put(GAME_SESSIONS, id, doc)];
  }
  const current = await view.get<GameSessionView>(GAME_SESSIONS, id);
  if (!current) return [];
  const next = (changes: Partial<GameSessionView>): ReadWrite[] => [put(GAME_SESSIONS, id, { ...current, ...changes, version })];
  switch (event.type) {
    case 'PlayerJoined':
      return next({ players: [...current.players, { userId: event.data.playerId, username: event.data.playerName, gold: event.data.gold, towersPlaced: 0 }] });
    case 'TowerPlaced': {
      const d = event.data;
      return next({
        towers: [...current.towers, { id: d.towerId, towerType: d.towerType, x: d.cell.x, y: d.cell.y, ownerId: d.playerId }],
        players: current.players.map((p) => (p.userId === d.playerId ? { ...p, gold: d.goldLeft, towersPlaced: p.towersPlaced + 1 } : p)),
      });
    }
    case 'WaveStarted':
      return next({ status: 'ACTIVE', currentWave: event.data.wave });
    case 'WaveCompleted': {
      const d = event.data;
      const reward = new Map(d.rewards.map((r) => [r.playerId, r.gold]));
      return next({
        lives: d.livesLeft,
        score: d.score,
        players: current.players.map((p) => ({ ...p, gold: p.gold + (reward.get(p.userId) ?? 0) })),
        lastWave: { wave: d.wave, enemies: d.enemies, kills: d.kills, leaked: d.leaked, goldEarned: d.goldEarned, scoreGained: d.scoreGained },
      });
    }
    case 'GameEnded':
      return next({ status: 'ENDED', active: 'no', result: event.data.result, endedAt: event.data.at, score: event.data.score, lives: event.data.livesLeft });
    default:
      return [];
  }
}

const projectPlayerStats = (envelope: EventEnvelope): ReadWrite[] => {
  const event = { type: envelope.eventType, data: envelope.data } as PlayerStatsEvent;
  if (event.type !== 'GameRecorded') return [];
  const d = event.data;
  const doc: PlayerStatsView = { ...d.totals, userId: d.userId, username: d.username, lastPlayedAt: d.at };
  return [put(PLAYER_STATS, d.userId, doc)];
};

const projectMatches = (envelope: EventEnvelope): ReadWrite[] => {
  const event = { type: envelope.eventType, data: envelope.data } as MatchQueueEvent;
  switch (event.type) {
    case 'MatchRequested': {
      const doc: MatchRequestView = { userId: event.data.userId, difficulty: event.data.difficulty, status: 'WAITING', requestedAt: event.data.at, matchId: null, sessionId: null };
      return [put(MATCH_REQUESTS, event.data.userId, doc)];
    }
    case 'MatchRequestCancelled':
      return [patch(MATCH_REQUESTS, event.data.userId, { status: 'CANCELLED' })];
    case 'MatchFormed':
      return event.data.players.map((p) => patch(MATCH_REQUESTS, p.userId, { status: 'MATCHED', matchId: event.data.matchId, sessionId: event.data.sessionId }));
    default:
      return [];
  }
};

export const gameProjection: Projection = {
  name: 'game',
  version: 1,
  collections: gameCollections,
  handles: [
    'GameSessionCreated',
    'PlayerJoined',
    'TowerPlaced',
    'WaveStarted',
    'WaveCompleted',
    'GameEnded',
    'GameRecorded',
    'MatchRequested',
    'MatchRequestCancelled',
    'MatchFormed',
  ],
  async project(envelope, view) {
    switch (envelope.aggregateType) {
      case 'game_session':
        return projectGameSession(envelope, view);
      case 'player_stats':
        return projectPlayerStats(envelope);
      case 'match_queue':
        return projectMatches(envelope);
      default:
        return [];
    }
  },
};
