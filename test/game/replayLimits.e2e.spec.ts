/**
 * The replay bound is per user across API nodes (issue #16): two server instances share one Redis;
 * the limit holds across them, a crashed holder's token stops counting when its lease runs out,
 * and closing a replay frees its slot at once (long before any lease would).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateGameSessionDocument, EndGameDocument, ReplayGameDocument } from '../generated/graphql.js';
import type { LiveSubscription } from '../support/graphqlClient.js';
import { eventually, signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const LIMIT = 2;
const overrides = { 'replay.maxConcurrentPerUser': LIMIT, 'replay.slotLeaseMs': 60_000, 'replay.maxGapMs': 120_000 };
let nodeA: TestApp;
let nodeB: TestApp;
beforeAll(async () => {
  nodeA = await startTestApp({ overrides });
  nodeB = await startTestApp({ overrides, prefix: nodeA.prefix });
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

/** A finished game whose two events lie 1.5 s apart: at speed 0.1 a replay waits 15 s after the first one. */
const slowGame = async (host: Player): Promise<string> => {
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'NORMAL', maxPlayers: 2 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  await sleep(1_500);
  await host.client.data(EndGameDocument, { input: { sessionId: createGameSession.gameSession.id, reason: 'done' } });
  return createGameSession.gameSession.id;
};

type Replay = LiveSubscription<{ replayGame: { version: number } }>;
/** Starts a replay on a node as `player` and waits for its first frame (an event, or the refusal). */
const replayOn = async (node: TestApp, player: Player, id: string) => {
  const replay: Replay = node.client.withToken(player.token).subscribeSSE(ReplayGameDocument, { id, speed: 0.1 });
  const first = await replay.next(15_000);
  return { replay, first };
};

describe('replayGame: at most N replays per user across API nodes', () => {
  let host: Player;
  let id: string;
  const open: Replay[] = [];
  beforeAll(async () => {
    host = await signUp(nodeA);
    id = await slowGame(host);
  });
  afterAll(async () => {
    await Promise.all(open.map((r) => r.close()));
  });

  it('holds the limit over both nodes, refuses with the typed ValidationError, and frees a slot at once on unsubscribe', async () => {
    const onA = await replayOn(nodeA, host, id);
    const onB = await replayOn(nodeB, host, id);
    open.push(onA.replay, onB.replay);
    expect(onA.first?.data?.replayGame.version).toBe(1);
    expect(onB.first?.data?.replayGame.version).toBe(1);
    expect(await nodeA.server.services.replays.running(host.userId)).toBe(LIMIT);

    // One more on either node is refused: the count is the cluster's, not the node's.
    for (const node of [nodeA, nodeB]) {
      const refused = await replayOn(node, host, id);
      expect(refused.first?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'replayGame' }] });
      expect(refused.first?.data ?? null).toBeNull();
    }
    // Another user is not affected.
    const other = await signUp(nodeB);
    const otherGame = await slowGame(other);
    const theirs = await replayOn(nodeB, other, otherGame);
    open.push(theirs.replay);
    expect(theirs.first?.data?.replayGame.version).toBe(1);

    // Closing the replay on A frees its slot now, not after the 60 s lease: B can start one.
    await onA.replay.close();
    await eventually(async () => (await nodeB.server.services.replays.running(host.userId)) === LIMIT - 1, 5_000);
    const again = await replayOn(nodeB, host, id);
    open.push(again.replay);
    expect(again.first?.data?.replayGame.version).toBe(1);
  });

  it("a crashed holder's tokens stop counting when their lease runs out", async () => {
    const player = await signUp(nodeA);
    const game = await slowGame(player);
    // A node that took both slots and died: its tokens are never released nor renewed.
    const slots = nodeB.server.infrastructure.slots;
    for (const token of ['crashed-1', 'crashed-2']) expect(await slots.acquire('replay', player.userId, token, LIMIT, 1_500)).toBe(true);

    const refused = await replayOn(nodeA, player, game);
    expect(refused.first?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    await eventually(async () => (await nodeA.server.services.replays.running(player.userId)) === 0, 10_000);
    expect(await slots.renew('replay', player.userId, 'crashed-1', 1_500)).toBe(false);
    const started = await replayOn(nodeA, player, game);
    open.push(started.replay);
    expect(started.first?.data?.replayGame.version).toBe(1);
  });
});
