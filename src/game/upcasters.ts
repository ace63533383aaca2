/**
 * How the game's old stored events read as the current schema (registered with the serializer's
 * upcasters in the composition root). Pure: no I/O, no clock.
 */
import { contentId } from '../core/contentId.js';
import type { UpcastStep } from '../core/messages.js';

/**
 * GameSessionCreated v1 embedded the whole balance snapshot; v2 refers to it by id. The id is the
 * content hash of the embedded values (the id the store would give them), and the values stay on
 * the event as `embeddedBalance`: the store may never have held them, and the game must go on
 * with exactly the balance it was created with.
 */
const gameSessionCreatedV1: UpcastStep = {
  eventType: 'GameSessionCreated',
  fromSchemaVersion: 1,
  upcast: ({ balance, ...data }) => {
    const waves = (balance as { game?: { waves?: unknown } } | undefined)?.game?.waves;
    if (typeof waves !== 'number') throw new Error('GameSessionCreated v1 without an embedded balance');
    return { ...data, balanceId: contentId(balance), totalWaves: waves, embeddedBalance: balance };
  },
};

/**
 * TowerPlaced v1 had the flat `x` and `y`; v2 adds the `cell` ({ x, y }, the shape of the map's
 * path) that the decider and projections read. Derived from the stored fields alone; `x` and `y`
 * stay (deprecated) so a v1 event reads exactly like a v2 one.
 */
const towerPlacedV1: UpcastStep = {
  eventType: 'TowerPlaced',
  fromSchemaVersion: 1,
  upcast: (data) => {
    const { x, y } = data;
    if (typeof x !== 'number' || typeof y !== 'number') throw new Error('TowerPlaced v1 without numeric x and y');
    return { ...data, cell: { x, y } };
  },
};

export const gameUpcasts: readonly UpcastStep[] = [gameSessionCreatedV1, towerPlacedV1];
