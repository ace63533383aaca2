/**
 * The board as the events say it is: the client folds each `gameSessionEvents` event into the
 * `GameSession` it loaded, exactly as the server's evolve does (src/game/domain/gameSession.ts),
 * so every player and spectator sees the same board without re-querying.
 */
import type { BoardFragment, WebGameEventsSubscription } from '../gql/graphql.js';

export type Board = BoardFragment;
export type GameEvent = WebGameEventsSubscription['gameSessionEvents'];

type Data = Record<string, unknown>;
const num = (data: Data, key: string): number => (typeof data[key] === 'number' ? (data[key] as number) : 0);
const str = (data: Data, key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : '');

export type Applied = { readonly kind: 'applied'; readonly board: Board } | { readonly kind: 'duplicate' } | { readonly kind: 'gap' };

/** Applies the next event; a version already seen is a duplicate, a skipped one is a gap (re-load). */
export const applyEvent = (board: Board, event: GameEvent): Applied => {
  if (event.version <= board.version) return { kind: 'duplicate' };
  if (event.version !== board.version + 1) return { kind: 'gap' };
  const data = (event.data ?? {}) as Data;
  const next = (patch: Partial<Board>): Applied => ({ kind: 'applied', board: { ...board, ...patch, version: event.version } });
  switch (event.eventType) {
    case 'PlayerJoined': {
      const userId = str(data, 'playerId');
      if (board.players.some((p) => p.userId === userId)) return next({});
      return next({ players: [...board.players, { __typename: 'GamePlayer', userId, username: str(data, 'playerName'), gold: num(data, 'gold'), towersPlaced: 0 }] });
    }
    case 'TowerPlaced': {
      const ownerId = str(data, 'playerId');
      const cost = num(data, 'cost');
      return next({
        towers: [
          ...board.towers,
          { __typename: 'Tower', id: str(data, 'towerId'), towerType: str(data, 'towerType') as Board['towers'][number]['towerType'], x: num(data, 'x'), y: num(data, 'y'), ownerId },
        ],
        players: board.players.map((p) => (p.userId === ownerId ? { ...p, gold: p.gold - cost, towersPlaced: p.towersPlaced + 1 } : p)),
      });
    }
    case 'WaveStarted':
      return next({ status: board.status === 'LOBBY' ? 'ACTIVE' : board.status, currentWave: num(data, 'wave') });
    case 'WaveCompleted': {
      const rewards = new Map((Array.isArray(data.rewards) ? (data.rewards as Data[]) : []).map((r) => [str(r, 'playerId'), num(r, 'gold')]));
      return next({
        lives: num(data, 'livesLeft'),
        score: num(data, 'score'),
        players: board.players.map((p) => ({ ...p, gold: p.gold + (rewards.get(p.userId) ?? 0) })),
        lastWave: {
          __typename: 'WaveReport',
          wave: num(data, 'wave'),
          enemies: num(data, 'enemies'),
          kills: num(data, 'kills'),
          leaked: num(data, 'leaked'),
          goldEarned: num(data, 'goldEarned'),
          scoreGained: num(data, 'scoreGained'),
        },
      });
    }
    case 'GameEnded':
      return next({ status: 'ENDED', result: str(data, 'result') as Board['result'] });
    default:
      // GameSessionCreated (before any view exists) and event types a newer server may add.
      return next({});
  }
};

export const key = (x: number, y: number) => `${x},${y}`;

/** Why a cell cannot take a tower (null when it can). */
export const cellProblem = (board: Board, x: number, y: number): string | null => {
  if (board.map.path.some((c) => c.x === x && c.y === y)) return 'on the enemy path';
  if (board.towers.some((t) => t.x === x && t.y === y)) return 'occupied';
  return null;
};
