/** TowerPlaced v1 → v2 (docs/evolution.md): the upcaster alone, then through the serializer's registry. */
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/core/messages.js';
import { gameSessionSchemaVersions } from '../../src/game/domain/gameSession.js';
import { gameUpcasts } from '../../src/game/upcasters.js';
import { createUpcasters } from '../../src/infrastructure/serialization/upcasters.js';

const v1 = { sessionId: 'g', playerId: 'p', towerId: 't', towerType: 'ARROW', x: 2, y: 7, cost: 50, goldLeft: 150, at: '2026-01-01T00:00:00.000Z' };
const envelope = (schemaVersion: number, data: object): EventEnvelope => ({
  eventId: 'e',
  eventType: 'TowerPlaced',
  schemaVersion,
  aggregateType: 'game_session',
  aggregateId: 'g',
  aggregateVersion: 3,
  data,
  metadata: { correlationId: 'c', causationId: 'c', timestamp: v1.at },
  createdAt: v1.at,
  checksum: '',
});

describe('TowerPlaced v2', () => {
  const registry = createUpcasters();
  for (const step of gameUpcasts) registry.register(step.eventType, step.fromSchemaVersion, step.upcast);

  it('is the version new events are written with, and the registry agrees', () => {
    expect(gameSessionSchemaVersions.TowerPlaced).toBe(2);
    expect(registry.currentVersion('TowerPlaced')).toBe(2);
  });

  it('reads a v1 event with its cell, keeping every stored field', () => {
    expect(registry.upcast(envelope(1, v1))).toMatchObject({ schemaVersion: 2, data: { ...v1, cell: { x: 2, y: 7 } } });
  });

  it('leaves a v2 event as it is', () => {
    const current = envelope(2, { ...v1, cell: { x: 2, y: 7 } });
    expect(registry.upcast(current)).toBe(current);
  });

  it('refuses a v1 event without coordinates rather than inventing a cell', () => {
    const { x: _x, ...noX } = v1;
    expect(() => registry.upcast(envelope(1, noX))).toThrow(/without numeric x and y/);
  });
});
