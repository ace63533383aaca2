/**
 * given / when / then for deciders:
 *   given(created(), joined(alice)).when(placeTower(alice, 'ARROW', 2, 3)).then(towerPlaced(...))
 */
import { expect } from 'vitest';
import type { Command, Decider, Event } from '../../src/core/messages.js';

type ErrorClass = abstract new (...args: never[]) => Error;

export const deciderSpec =
  <C extends Command, E extends Event, S>(decider: Decider<C, E, S>) =>
  (...given: E[]) => ({
    when: (command: C) => {
      const run = (): E[] => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then: (...expected: E[]) => {
          // "Decides nothing" is said with thenNothingHappened(), so an empty then() is a slip.
          if (expected.length === 0) throw new Error('then() needs the expected events; use thenNothingHappened() for none');
          expect(run()).toEqual(expected);
        },
        /** The command is accepted and changes nothing (an idempotent repeat): no events, no error. */
        thenNothingHappened: () => expect(run(), 'decide should have decided no events').toEqual([]),
        /** For events carrying computed data: assert on them with a callback. */
        thenMatches: (check: (events: E[]) => void) => check(run()),
        thenThrows: (errorClass: ErrorClass, details?: Record<string, unknown>) => {
          let thrown: unknown;
          try {
            run();
          } catch (e) {
            thrown = e;
          }
          expect(thrown, 'decide should have thrown').toBeInstanceOf(errorClass);
          if (details) expect(thrown).toMatchObject(details);
        },
      };
    },
    /** The state after folding the given events (for evolve specs). */
    state: (): S => given.reduce(decider.evolve, decider.initialState()),
  });
