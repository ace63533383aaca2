/** A tiny decider for exercising the core kit: a counter that refuses to go negative. */
import { RuleBrokenError } from '../../src/core/errors.js';
import type { Command, Decider, Event } from '../../src/core/messages.js';
import type { AggregateDefinition } from '../../src/core/commands/repository.js';

export type Add = Command<'Add', { amount: number }>;
export type Added = Event<'Added', { amount: number }>;
export type CounterState = { readonly total: number; readonly applied: number };

export const counterDecider: Decider<Add, Added, CounterState> = {
  initialState: () => ({ total: 0, applied: 0 }),
  decide: (command, state) => {
    if (state.total + command.data.amount < 0) throw new RuleBrokenError('NEGATIVE', 'Counter cannot go below zero');
    return command.data.amount === 0 ? [] : [{ type: 'Added', data: { amount: command.data.amount } }];
  },
  evolve: (state, event) => ({ total: state.total + event.data.amount, applied: state.applied + 1 }),
};

export const counter = (type = 'counter', snapshotVersion = 'counter/1'): AggregateDefinition<CounterState, Add, Added> => ({
  type,
  decider: counterDecider,
  snapshotVersion,
});
