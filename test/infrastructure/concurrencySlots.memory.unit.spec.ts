import { describe } from 'vitest';
import { createMemoryConcurrencySlots } from '../../src/infrastructure/memory/concurrencySlots.js';
import { concurrencySlotsContract } from './concurrencySlots.contract.js';

describe('in-memory concurrency slots', () => {
  let clock = 1_000;
  concurrencySlotsContract(() => ({
    slots: () => createMemoryConcurrencySlots(() => clock),
    shortMs: 300,
    elapse: async (ms) => {
      clock += ms;
    },
  }));
});
