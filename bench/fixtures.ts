/**
 * What the in-Redis benchmarks append and load: a realistic event (the size of a TowerPlaced with
 * full metadata) and a tiny counter decider whose every event carries the version it expects to
 * land on, so a lost or duplicated version shows up when the stream is read back.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Decider, Event, NewEvent } from '../src/core/messages.js';
import type { AggregateDefinition } from '../src/core/commands/repository.js';

export type Counted = Event<'Counted', { value: number; playerId: string; towerType: string; x: number; y: number; cost: number }>;
export type Count = { type: 'Count'; data: Record<string, never> };
export interface CounterState {
  readonly value: number;
}

const player = uuidv7();

export const counterDecider: Decider<Count, Counted, CounterState> = {
  decide: (_command, state) => [{ type: 'Counted', data: { value: state.value + 1, playerId: player, towerType: 'ARROW', x: 3, y: 4, cost: 50 } }],
  evolve: (state, event) => ({ value: event.data.value }),
  initialState: () => ({ value: 0 }),
};

export const counterAggregate: AggregateDefinition<CounterState, Count, Counted> = {
  type: 'bench_counter',
  decider: counterDecider,
  snapshotVersion: '1',
};

/** A new event as the command handler builds it: UUIDv7 id, correlation/causation ids, timestamps. */
export const toNewEvent = <E extends Event>(event: E, userId = player): NewEvent<E> => {
  const timestamp = new Date().toISOString();
  return {
    eventId: uuidv7(),
    type: event.type,
    data: event.data,
    schemaVersion: 1,
    metadata: { correlationId: uuidv7(), causationId: uuidv7(), userId, timestamp },
    createdAt: timestamp,
  };
};

/** One TowerPlaced-sized event, value = the version it should land on. */
export const countedEvent = (value: number): NewEvent => toNewEvent(counterDecider.decide({ type: 'Count', data: {} }, { value: value - 1 })[0]!);
