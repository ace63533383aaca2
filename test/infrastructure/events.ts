/** Test events for the storage contracts. */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/core/messages.js';
import type { StreamRef } from '../../src/core/ports.js';

let clock = Date.parse('2026-03-01T12:00:00Z');

export const newEvent = (type: string, data: Record<string, unknown> = {}, schemaVersion = 1): NewEvent => {
  clock += 1;
  const timestamp = new Date(clock).toISOString();
  return {
    eventId: randomUUID(),
    type,
    data,
    schemaVersion,
    metadata: { correlationId: randomUUID(), causationId: randomUUID(), userId: 'user-1', timestamp },
    createdAt: timestamp,
  };
};

export const numbered = (count: number, from = 1): NewEvent[] => Array.from({ length: count }, (_, i) => newEvent('Counted', { n: from + i }));

export const aggregate = (aggregateType = 'game_session'): StreamRef => ({ aggregateType, aggregateId: randomUUID() });
