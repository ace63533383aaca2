/**
 * GameSession (hybrid aggregate): lobby → active → ended.
 *
 * Everything a game needs to replay identically travels in its events: the map is copied into
 * GameSessionCreated with the id of the immutable balance version the game plays, waves are
 * resolved by the pure formula in waves.ts, and time comes from the commands.
 *
 * The balance by reference: the state keeps only `balanceId`, so neither the stream nor the
 * hybrid state (rewritten on every command) carries the ~1 KB of values. The commands that need
 * them (join, place, start a wave) carry the version, which the registration's prepare resolves
 * from the game's state (commands.ts); `evolve` never needs a value, so folding stays pure and
 * I/O-free. The decider checks that the version is the game's own. Rules live in gameSessionRules.ts, the commands,
 * events and state in gameSessionMessages.ts (re-exported here).
 */
import type { Command, Decider } from '../../core/messages.js';
import type { GameSessionCommand, GameSessionEvent, GameSessionState } from './gameSessionMessages.js';
import { createGame, endGame, joinGame, placeTower, startWave } from './gameSessionRules.js';

export * from './gameSessionMessages.js';

// ── decider ─────────────────────────────────────────────────────────────────────────────────

export const initialState = (): GameSessionState => ({ status: 'None' });

export const decide = (command: GameSessionCommand, state: GameSessionState): GameSessionEvent[] => {
  switch (command.type) {
    case 'CreateGameSession':
      return createGame(command.data, state);
    case 'JoinGameSession':
      return [joinGame(command.data, state)];
    case 'PlaceTower':
      return [placeTower(command.data, state)];
    case 'StartWave':
      return startWave(command.data, state);
    case 'EndGame':
      return [endGame(command.data, state)];
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${String((unreachable as Command).type)}`);
    }
  }
};

/** Folds facts; an event that does not fit the state (it cannot happen) leaves the state as it is. */
export const evolve = (state: GameSessionState, event: GameSessionEvent): GameSessionState => {
  switch (event.type) {
    case 'GameSessionCreated': {
      if (state.status !== 'None') return state;
      const { sessionId, hostId, difficulty, maxPlayers, map, balanceId, totalWaves, embeddedBalance, lives, at } = event.data;
      return {
        status: 'Lobby',
        sessionId,
        hostId,
        difficulty,
        maxPlayers,
        map,
        balanceId,
        totalWaves,
        ...(embeddedBalance ? { embeddedBalance } : {}),
        players: [],
        towers: [],
        currentWave: 0,
        lives,
        score: 0,
        createdAt: at,
      };
    }
    case 'PlayerJoined': {
      if (state.status !== 'Lobby' || state.players.some((p) => p.playerId === event.data.playerId)) return state;
      const { playerId, playerName, gold, at } = event.data;
      return { ...state, players: [...state.players, { playerId, playerName, gold, towersPlaced: 0, joinedAt: at }] };
    }
    case 'TowerPlaced': {
      if (state.status !== 'Lobby' && state.status !== 'Active') return state;
      const { playerId, towerId, towerType, cell, cost } = event.data;
      return {
        ...state,
        towers: [...state.towers, { towerId, towerType, x: cell.x, y: cell.y, ownerId: playerId }],
        players: state.players.map((p) => (p.playerId === playerId ? { ...p, gold: p.gold - cost, towersPlaced: p.towersPlaced + 1 } : p)),
      };
    }
    case 'WaveStarted': {
      if (state.status === 'Lobby') return { ...state, status: 'Active', startedAt: event.data.at, currentWave: event.data.wave };
      if (state.status === 'Active') return { ...state, currentWave: event.data.wave };
      return state;
    }
    case 'WaveCompleted': {
      if (state.status !== 'Active') return state;
      const { wave, enemies, kills, leaked, goldEarned, scoreGained, rewards } = event.data;
      const reward = new Map(rewards.map((r) => [r.playerId, r.gold]));
      return {
        ...state,
        lives: event.data.livesLeft,
        score: event.data.score,
        players: state.players.map((p) => ({ ...p, gold: p.gold + (reward.get(p.playerId) ?? 0) })),
        lastWave: { wave, enemies, kills, leaked, goldEarned, scoreGained },
      };
    }
    case 'GameEnded': {
      if (state.status !== 'Lobby' && state.status !== 'Active') return state;
      const { result, reason, at } = event.data;
      return { ...state, status: 'Ended', result, reason, startedAt: state.status === 'Active' ? state.startedAt : null, endedAt: at };
    }
    default: {
      // Exhaustive at compile time; at run time an unknown event type (a newer writer) is skipped.
      const _unknown: never = event;
      return state;
    }
  }
};

export const gameSessionDecider: Decider<GameSessionCommand, GameSessionEvent, GameSessionState> = { decide, evolve, initialState };
