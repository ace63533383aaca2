/**
 * The inline projection (a game's view from its committed state, what mutations answer and
 * `gameSession(id)` reads) must be exactly the document the asynchronous projection writes.
 * Whole games are played through the decider; after every event both views are compared.
 */
import { describe, expect, it } from 'vitest';
import { RuleBrokenError } from '../../src/core/errors.js';
import type { EventEnvelope } from '../../src/core/messages.js';
import { gameSessionDecider, type GameSessionCommand, type GameSessionState } from '../../src/game/domain/gameSession.js';
import { GAME_SESSIONS, gameProjection, gameSessionView, type GameSessionView } from '../../src/game/projections.js';
import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';
import { alice, bob, carol, create, endGame, join, lane, place, SESSION, startWave } from './gameFixtures.js';

const { decide, evolve, initialState } = gameSessionDecider;

/** Plays `commands` (skipping refused ones) and checks both views after every event; returns the final view. */
async function playBothWays(commands: readonly GameSessionCommand[]): Promise<{ view: GameSessionView | null; events: number }> {
  const store = new MemoryReadStore();
  await store.register(gameProjection.name, gameProjection.collections);
  let state: GameSessionState = initialState();
  let version = 0;
  for (const command of commands) {
    let events;
    try {
      events = decide(command, state);
    } catch (error) {
      if (error instanceof RuleBrokenError) continue; // e.g. out of gold: the game goes on
      throw error;
    }
    for (const event of events) {
      state = evolve(state, event);
      version++;
      const envelope: EventEnvelope = {
        eventId: `e${version}`,
        eventType: event.type,
        schemaVersion: 1,
        aggregateType: 'game_session',
        aggregateId: SESSION,
        aggregateVersion: version,
        data: event.data,
        metadata: { correlationId: 'c', causationId: 'c', timestamp: '2024-05-01T12:00:00.000Z' },
        createdAt: '2024-05-01T12:00:00.000Z',
        checksum: '0',
      };
      if (!gameProjection.handles || gameProjection.handles.includes(event.type)) await store.write(await gameProjection.project(envelope, store.at(gameProjection.name, null)));
      expect(gameSessionView(state, version), `after ${event.type} (v${version})`).toEqual(await store.get(GAME_SESSIONS, SESSION));
    }
  }
  return { view: gameSessionView(state, version), events: version };
}

/** Every free cell of the lane map, round-robin between players, until gold runs out. */
const towersEverywhere = (players = [alice, bob]): GameSessionCommand[] =>
  Array.from({ length: lane.width * lane.height }, (_, i) => ({ x: i % lane.width, y: Math.floor(i / lane.width) }))
    .filter((cell) => !lane.path.some((p) => p.x === cell.x && p.y === cell.y))
    .map((cell, i) => place(players[i % players.length]!, `t${i}`, i % 3 === 0 ? 'CANNON' : 'ARROW', cell.x, cell.y));

const waves = (n: number): GameSessionCommand[] => Array.from({ length: n }, (_, i) => startWave(alice, 10 + i));

describe('inline game view = asynchronous projection', () => {
  it('through a defended game to its end', async () => {
    const { view } = await playBothWays([create(), join(bob), join(carol), ...towersEverywhere([alice, bob, carol]), ...waves(10)]);
    expect(view).toMatchObject({ status: 'ENDED', active: 'no' });
    expect(view?.towers.length).toBeGreaterThan(3);
    expect(view?.lastWave).not.toBeNull();
  });

  it('through an undefended game (defeat)', async () => {
    const { view } = await playBothWays([create(), join(bob), ...waves(10)]);
    expect(view).toMatchObject({ status: 'ENDED', result: 'DEFEAT' });
  });

  it('through a game abandoned in the lobby and one forfeited mid-game', async () => {
    expect((await playBothWays([create(), join(bob), place(bob, 't1', 'ARROW', 0, 0), endGame(alice)])).view).toMatchObject({ status: 'ENDED', currentWave: 0, lastWave: null });
    expect((await playBothWays([create(), join(bob), ...towersEverywhere(), startWave(bob), endGame(alice, false, 'tired', 30)])).view).toMatchObject({
      status: 'ENDED',
      currentWave: 1,
    });
  });
});
