/**
 * A whole co-op game through the client kit: two players sign up and in, the host creates a
 * game, the guest joins, both follow it live over graphql-ws and place towers, and the host
 * starts waves until the game ends. Run it against a server (`npm start` in another terminal):
 *
 *   npx tsx examples/client-kit/src/play.ts http://localhost:4000
 *   PERSISTED=1 npx tsx examples/client-kit/src/play.ts http://localhost:4000   # documentId only
 *
 * test/examples/clientKit.e2e.spec.ts runs it against a real server, dropping the WebSocket
 * midway (the `between` hook) to prove the resume.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { KitCreateGameDocument, KitJoinGameDocument, KitPlaceTowerDocument, KitRegisterDocument, KitStartWaveDocument, type KitGameFragment } from '../generated/graphql.js';
import { DefenseAlliesClient, type GameEvent, type KitOptions } from './client.js';

export interface PlayResult {
  readonly sessionId: string;
  readonly result: string | null;
  readonly score: number;
  readonly finalVersion: number;
  /** What the host's follower delivered, in order. */
  readonly events: readonly GameEvent[];
  readonly reconnects: number;
}

export interface PlayHooks {
  readonly log?: (line: string) => void;
  /** Runs after each wave (the test drops the WebSocket here). */
  readonly between?: (wave: number) => Promise<void> | void;
  /** Extra client options (fetch, headers, webSocketImpl). */
  readonly client?: Partial<KitOptions>;
}

export async function play(url: string, persisted: boolean, hooks: PlayHooks = {}): Promise<PlayResult> {
  const log = hooks.log ?? (() => undefined);
  const options: KitOptions = { url, persisted, webSocketImpl: WebSocket, ...hooks.client };
  const host = new DefenseAlliesClient(options);
  const guest = new DefenseAlliesClient(options);
  for (const [client, name] of [[host, 'host'], [guest, 'guest']] as const) {
    const username = `${name}${randomUUID().slice(0, 8)}`;
    const { registerUser } = await client.request(KitRegisterDocument, { input: { username, email: `${username}@example.com`, password: 'correct horse battery' } });
    if (registerUser.__typename !== 'RegisterUserSuccess') throw new Error(`register: ${registerUser.__typename}: ${registerUser.message}`);
    await client.login(username, 'correct horse battery');
    log(`${name} signed in as ${username}`);
  }

  const { createGameSession } = await host.request(KitCreateGameDocument, { input: { difficulty: 'EASY', maxPlayers: 2, idempotencyKey: randomUUID() } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(`create: ${createGameSession.message}`);
  const sessionId = createGameSession.gameSession.id;
  const { joinGameSession } = await guest.request(KitJoinGameDocument, { input: { sessionId } });
  if (joinGameSession.__typename !== 'JoinGameSessionSuccess') throw new Error(`join: ${joinGameSession.message}`);
  log(`game ${sessionId}: ${joinGameSession.gameSession.players.map((p) => p.username).join(' + ')}`);

  // Follow from the start (afterVersion 0 replays what happened so far, then live events).
  const events: GameEvent[] = [];
  let reconnects = 0;
  let failure: unknown = null;
  const following = host.followGame(sessionId, {
    afterVersion: 0,
    onEvent: (event) => (events.push(event), log(`  v${event.version} ${event.eventType}`)),
    onReconnect: (after, attempt) => (reconnects++, log(`  connection dropped: resuming after v${after} (attempt ${attempt})`)),
    onError: (error) => (failure = error),
  });

  let game: KitGameFragment = joinGameSession.gameSession;
  const cells = freeCells(game);
  for (const [client, cell] of [[host, cells[0]], [guest, cells[1]], [host, cells[2]], [guest, cells[3]]] as const) {
    if (!cell) break;
    const { placeTower } = await client.request(KitPlaceTowerDocument, { input: { sessionId, towerType: 'ARROW', x: cell.x, y: cell.y, idempotencyKey: randomUUID() } });
    if (placeTower.__typename === 'PlaceTowerSuccess') game = placeTower.gameSession;
    else log(`  tower at ${cell.x},${cell.y} refused: ${placeTower.__typename === 'DomainError' ? placeTower.code : placeTower.message}`);
  }

  while (game.status !== 'ENDED') {
    const { startWave } = await host.request(KitStartWaveDocument, { input: { sessionId, idempotencyKey: randomUUID() } });
    if (startWave.__typename !== 'StartWaveSuccess') throw new Error(`startWave: ${startWave.__typename === 'DomainError' ? startWave.code : startWave.message}`);
    game = startWave.gameSession;
    log(`wave ${game.currentWave}/${game.totalWaves}: lives ${game.lives}, score ${game.score}`);
    await hooks.between?.(game.currentWave);
  }

  // Every event up to the final version has arrived once the follower caught up.
  const deadline = Date.now() + 30_000;
  while (following.lastVersion() < game.version && !failure && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await following.stop();
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  log(`${game.result} with score ${game.score} at version ${game.version}`);
  return { sessionId, result: game.result ?? null, score: game.score, finalVersion: game.version, events, reconnects };
}

/** Cells next to the enemy path (towers reach it) but not on it. */
const freeCells = (game: KitGameFragment): Array<{ x: number; y: number }> => {
  const path = new Set(game.map.path.map((p) => `${p.x},${p.y}`));
  const cells: Array<{ x: number; y: number }> = [];
  for (const p of game.map.path) {
    for (const [dx, dy] of [[0, 1], [0, -1], [1, 0], [-1, 0]] as const) {
      const x = p.x + dx;
      const y = p.y + dy;
      const key = `${x},${y}`;
      if (x >= 0 && y >= 0 && x < game.map.width && y < game.map.height && !path.has(key) && !cells.some((c) => c.x === x && c.y === y)) cells.push({ x, y });
    }
  }
  return cells.filter((_, i) => i % 3 === 0);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'http://localhost:4000';
  play(url, process.env.PERSISTED === '1', { log: (line) => console.log(line) }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
