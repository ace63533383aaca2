/**
 * Game load for the fault suite: players place towers on their own cells until their gold runs
 * out, then the host starts waves until the game ends. Every command carries an idempotency key
 * and is retried with it while the server cannot answer (Redis down, a node gone): a retry never
 * runs a command twice. What was acknowledged is recorded, to check nothing acknowledged is lost.
 */
import { randomUUID } from 'node:crypto';
import { CreateGameSessionDocument, JoinGameSessionDocument, PlaceTowerDocument, StartWaveDocument } from '../generated/graphql.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import type { Player } from '../support/players.js';

export interface Acknowledged {
  readonly sessionId: string;
  readonly version: number;
  readonly towerId?: string;
}

export interface LoadStats {
  acknowledged: Acknowledged[];
  /** Attempts answered with something other than a result (a transport error, a 5xx, an error without data). */
  failedAttempts: number;
  /** HTTP statuses ≥ 500 seen. */
  serverErrors: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createGame = async (host: Player, joiners: readonly Player[]) => {
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 4 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  for (const p of joiners) await p.client.data(JoinGameSessionDocument, { input: { sessionId: createGameSession.gameSession.id } });
  return createGameSession.gameSession;
};

type Session = Awaited<ReturnType<typeof createGame>>;

const freeCells = (session: Session) => {
  const onPath = new Set(session.map.path.map((c) => `${c.x},${c.y}`));
  return Array.from({ length: session.map.width * session.map.height }, (_, i) => ({ x: i % session.map.width, y: Math.floor(i / session.map.width) })).filter(
    (c) => !onPath.has(`${c.x},${c.y}`),
  );
};

/**
 * Sends one command until it gets an answer (a success or a typed refusal), with the same
 * idempotency key each time; bounded.
 */
const attempt = async <T>(stats: LoadStats, send: (key: string) => Promise<{ status: number; data?: T | null; errors?: readonly unknown[] }>): Promise<T | null> => {
  const key = randomUUID();
  for (let i = 0; i < 120; i++) {
    try {
      const response = await send(key);
      if (response.status >= 500) stats.serverErrors++;
      if (response.data && !response.errors?.length) return response.data;
    } catch {
      // the node is gone or the connection broke: retry
    }
    stats.failedAttempts++;
    await sleep(250);
  }
  return null;
};

/** Plays one game to its end (or `maxCommands` per player); `clientOf` picks the node per command. */
export const playGame = async (session: Session, players: readonly Player[], clientOf: (player: Player) => GraphQLClient, stats: LoadStats, maxCommands = 12) => {
  const cells = freeCells(session);
  await Promise.all(
    players.map(async (player, index) => {
      const mine = cells.filter((_, i) => i % players.length === index);
      for (let n = 0; n < maxCommands; n++) {
        const cell = mine[n % mine.length]!;
        const placed = await attempt(stats, (key) =>
          clientOf(player).execute(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'ARROW', x: cell.x, y: cell.y, idempotencyKey: key } }),
        );
        const result = placed?.placeTower;
        if (result?.__typename === 'PlaceTowerSuccess') {
          stats.acknowledged.push({ sessionId: session.id, version: result.gameSession.version, towerId: result.tower.id });
          continue;
        }
        if (index !== 0) return; // out of gold (or the game ended): only the host goes on
        const waved = await attempt(stats, (key) => clientOf(player).execute(StartWaveDocument, { input: { sessionId: session.id, idempotencyKey: key } }));
        const wave = waved?.startWave;
        if (wave?.__typename !== 'StartWaveSuccess') return;
        stats.acknowledged.push({ sessionId: session.id, version: wave.gameSession.version });
        if (wave.gameSession.status === 'ENDED') return;
      }
    }),
  );
};
