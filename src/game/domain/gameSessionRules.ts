/**
 * The GameSession rules, one function per command. Guard clauses throw the typed errors of
 * core/errors.ts; each RuleBrokenError code is stable (clients switch on it):
 *
 *   ALREADY_EXISTS, GAME_ENDED, GAME_NOT_IN_LOBBY, GAME_FULL, ALREADY_JOINED, NOT_A_MEMBER,
 *   UNKNOWN_TOWER_TYPE, OUT_OF_BOUNDS, CELL_ON_PATH, CELL_OCCUPIED, INSUFFICIENT_GOLD, DUPLICATE_TOWER_ID
 *
 * A missing session is a NotFoundError and ending a game one does not host (without being an
 * admin) a ForbiddenError: both have their own GraphQL error types, which clients expect for
 * "no such thing" and "not allowed" rather than a DomainError code.
 */
import { ForbiddenError, NotFoundError, RuleBrokenError, ValidationError, type FieldError } from '../../core/errors.js';
import { event } from '../../core/messages.js';
import { inBounds, isDifficulty, mapProblems, onPath, towerSpec, type BalanceSnapshot, type BalanceVersion } from './balance.js';
import type {
  Active,
  CreateGameSession,
  EndGame,
  GameEnded,
  GameSessionCreated,
  GameSessionEvent,
  GameSessionState,
  JoinGameSession,
  Lobby,
  PlaceTower,
  PlayerJoined,
  StartWave,
  TowerPlaced,
  WaveCompleted,
  WaveStarted,
} from './gameSessionMessages.js';
import { looksSealed } from '../../core/personalData.js';
import { requireTimestamp } from './time.js';
import { resolveWave } from './waves.js';

export const MIN_PLAYERS = 1;
export const MAX_PLAYERS = 4;
const MAX_NAME = 64;
const MAX_REASON = 200;

const textProblem = (field: string, value: unknown, max = MAX_NAME): FieldError[] =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max ? [] : [{ field, message: `${field} must be 1–${max} characters` }];

const failIfAny = (fieldErrors: FieldError[]): void => {
  if (fieldErrors.length > 0) throw new ValidationError(fieldErrors.map((e) => e.message).join('; '), fieldErrors);
};

/** The session exists and is still running (lobby or active). */
const running = (state: GameSessionState, sessionId: string): Lobby | Active => {
  if (state.status === 'None') throw new NotFoundError(`Game session ${sessionId} not found`);
  if (state.status === 'Ended') throw new RuleBrokenError('GAME_ENDED', `Game session ${state.sessionId} has ended (${state.result})`);
  return state;
};

/** The game's balance values, from the version its command carries (prepare resolved it by the game's balanceId). */
const valuesOf = (game: Lobby | Active, balance: BalanceVersion | null): BalanceSnapshot => {
  // Not a rule a player can break: prepare handed over another game's balance (a bug).
  if (!balance || balance.id !== game.balanceId) throw new Error(`Game session ${game.sessionId} plays balance ${game.balanceId}, the command carries ${balance?.id ?? 'none'}`);
  return balance.values;
};

const member = (state: Lobby | Active, playerId: string) => {
  const player = state.players.find((p) => p.playerId === playerId);
  if (!player) throw new RuleBrokenError('NOT_A_MEMBER', `Player ${playerId} has not joined game session ${state.sessionId}`);
  return player;
};

export const createGame = (data: CreateGameSession['data'], state: GameSessionState): GameSessionEvent[] => {
  if (state.status !== 'None') throw new RuleBrokenError('ALREADY_EXISTS', `Game session ${data.sessionId} already exists`);
  const mapIssues = data.map && Array.isArray(data.map.path) ? mapProblems(data.map) : ['a map needs width, height and a path'];
  failIfAny([
    ...textProblem('sessionId', data.sessionId),
    ...textProblem('hostId', data.hostId),
    ...textProblem('hostName', data.hostName),
    ...(isDifficulty(data.difficulty) ? [] : [{ field: 'difficulty', message: 'difficulty must be EASY, NORMAL or HARD' }]),
    ...(Number.isInteger(data.maxPlayers) && data.maxPlayers >= MIN_PLAYERS && data.maxPlayers <= MAX_PLAYERS
      ? []
      : [{ field: 'maxPlayers', message: `maxPlayers must be an integer from ${MIN_PLAYERS} to ${MAX_PLAYERS}` }]),
    ...mapIssues.map((message) => ({ field: 'map', message })),
  ]);
  requireTimestamp(data.at);
  const { sessionId, hostId, hostName, difficulty, maxPlayers, map, at } = data;
  const { id: balanceId, values } = data.balance;
  return [
    event<GameSessionCreated>('GameSessionCreated', {
      sessionId,
      hostId,
      difficulty,
      maxPlayers,
      map,
      balanceId,
      totalWaves: values.game.waves,
      lives: values.game.startingLives,
      at,
    }),
    event<PlayerJoined>('PlayerJoined', { sessionId, playerId: hostId, playerName: hostName, gold: values.game.startingGold, at }),
  ];
};

export const joinGame = (data: JoinGameSession['data'], state: GameSessionState): PlayerJoined => {
  const game = running(state, data.sessionId);
  failIfAny([...textProblem('playerId', data.playerId), ...textProblem('playerName', data.playerName)]);
  requireTimestamp(data.at);
  if (game.status !== 'Lobby') throw new RuleBrokenError('GAME_NOT_IN_LOBBY', `Game session ${game.sessionId} has started: no more joins`);
  if (game.players.some((p) => p.playerId === data.playerId)) throw new RuleBrokenError('ALREADY_JOINED', `Player ${data.playerId} has already joined`);
  if (game.players.length >= game.maxPlayers) throw new RuleBrokenError('GAME_FULL', `Game session ${game.sessionId} is full (${game.maxPlayers} players)`);
  const { sessionId, playerId, playerName, at } = data;
  return event<PlayerJoined>('PlayerJoined', { sessionId, playerId, playerName, gold: valuesOf(game, data.balance).game.startingGold, at });
};

export const placeTower = (data: PlaceTower['data'], state: GameSessionState): TowerPlaced => {
  const game = running(state, data.sessionId);
  const { sessionId, playerId, towerId, towerType, x, y, at } = data;
  failIfAny([
    ...textProblem('towerId', towerId),
    ...(Number.isInteger(x) ? [] : [{ field: 'x', message: 'x must be an integer' }]),
    ...(Number.isInteger(y) ? [] : [{ field: 'y', message: 'y must be an integer' }]),
  ]);
  requireTimestamp(at);
  const player = member(game, playerId);
  const spec = towerSpec(valuesOf(game, data.balance).towers, towerType);
  if (!spec) throw new RuleBrokenError('UNKNOWN_TOWER_TYPE', `Tower type ${String(towerType)} is not available in this game`);
  if (!inBounds(game.map, x, y)) throw new RuleBrokenError('OUT_OF_BOUNDS', `Cell ${x},${y} is outside the ${game.map.width}×${game.map.height} grid`);
  if (onPath(game.map, x, y)) throw new RuleBrokenError('CELL_ON_PATH', `Cell ${x},${y} is on the enemy path`);
  if (game.towers.some((t) => t.x === x && t.y === y)) throw new RuleBrokenError('CELL_OCCUPIED', `Cell ${x},${y} is occupied`);
  if (game.towers.some((t) => t.towerId === towerId)) throw new RuleBrokenError('DUPLICATE_TOWER_ID', `Tower ${towerId} already exists`);
  if (player.gold < spec.cost) throw new RuleBrokenError('INSUFFICIENT_GOLD', `${towerType} costs ${spec.cost} gold; ${player.playerName} has ${player.gold}`);
  return event<TowerPlaced>('TowerPlaced', { sessionId, playerId, towerId, towerType, cell: { x, y }, x, y, cost: spec.cost, goldLeft: player.gold - spec.cost, at });
};

/** Resolves the whole wave at once (waves.ts): [WaveStarted, WaveCompleted] and GameEnded when it decides the game. */
export const startWave = (data: StartWave['data'], state: GameSessionState): GameSessionEvent[] => {
  const game = running(state, data.sessionId);
  requireTimestamp(data.at);
  member(game, data.playerId);
  const { sessionId, at } = data;
  const r = resolveWave({
    balance: valuesOf(game, data.balance),
    difficulty: game.difficulty,
    map: game.map,
    towers: game.towers,
    playerIds: game.players.map((p) => p.playerId),
    wave: game.currentWave + 1,
    lives: game.lives,
    score: game.score,
  });
  const { wave, enemies, enemyHealth, kills, leaked, damage, livesLost, livesLeft, goldEarned, rewards, scoreGained, score } = r;
  const events: GameSessionEvent[] = [
    event<WaveStarted>('WaveStarted', { sessionId, wave, enemies, enemyHealth, at }),
    event<WaveCompleted>('WaveCompleted', { sessionId, wave, enemies, kills, leaked, damage, livesLost, livesLeft, goldEarned, rewards: [...rewards], scoreGained, score, at }),
  ];
  if (r.outcome) {
    const reason = r.outcome === 'VICTORY' ? `All ${wave} waves survived` : `No lives left after wave ${wave}`;
    events.push(gameEnded(game, { result: r.outcome, reason, finalWave: wave, score, livesLeft, endedBy: null, at }));
  }
  return events;
};

/**
 * The free text of an EndGame, checked and trimmed; null when blank. The registration calls it
 * before sealing the text with its writer's key (docs/privacy.md), decide for a text in clear.
 */
export const endGameReason = (reason: unknown): string | null => {
  if (reason == null) return null;
  if (typeof reason !== 'string' || reason.length > MAX_REASON) throw ValidationError.field('reason', `reason must be at most ${MAX_REASON} characters`);
  return reason.trim() || null;
};

/** The reason a game ended without a text of its ender's: generated, never personal data. */
export const defaultEndReason = (result: 'ABANDONED' | 'FORFEIT', wave: number): string => (result === 'ABANDONED' ? 'Abandoned in the lobby' : `Forfeited during wave ${wave}`);

/** Host or admin. Ending in the lobby abandons the game; ending it once waves have run forfeits it. */
export const endGame = (data: EndGame['data'], state: GameSessionState): GameEnded => {
  const game = running(state, data.sessionId);
  // A sealed text (personal data of its writer) is stored as it is: it was checked before sealing.
  const text = looksSealed(data.reason) ? data.reason : endGameReason(data.reason);
  requireTimestamp(data.at);
  if (data.playerId !== game.hostId && data.isAdmin !== true) throw new ForbiddenError('Only the host or an admin can end this game');
  const result = game.status === 'Lobby' ? 'ABANDONED' : 'FORFEIT';
  const reason = text ?? defaultEndReason(result, game.currentWave);
  return gameEnded(game, { result, reason, finalWave: game.currentWave, score: game.score, livesLeft: game.lives, endedBy: data.playerId, at: data.at });
};

const gameEnded = (game: Lobby | Active, fields: Omit<GameEnded['data'], 'sessionId' | 'players'>): GameEnded =>
  event<GameEnded>('GameEnded', {
    sessionId: game.sessionId,
    ...fields,
    players: game.players.map(({ playerId, playerName, towersPlaced }) => ({ playerId, playerName, towersPlaced })),
  });
