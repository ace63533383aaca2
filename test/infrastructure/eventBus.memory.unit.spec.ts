import { MemoryEventBus } from '../../src/infrastructure/memory/eventBus.js';
import { describe, expect, it } from 'vitest';
import { publishWithRetry } from '../../src/core/projections/eventBus.js';
import { envelope, eventBusContract } from './eventBus.contract.js';

eventBusContract('memory', async () => {
  const bus = new MemoryEventBus();
  return { publisher: bus, subscriber: bus };
});

describe('publishWithRetry', () => {
  it('retries a failing publish until the bus takes it, and gives up at once when stopped', async () => {
    let failures = 2;
    const sent: number[] = [];
    const flaky = {
      publishBatch: async (events: readonly unknown[]) => {
        if (failures-- > 0) throw new Error('node failing over');
        sent.push(events.length);
      },
    };
    await publishWithRetry(flaky, [envelope('TowerPlaced', 'game_session', 'g')], { deadlineMs: 10_000 });
    expect(sent).toEqual([1]);
    const broken = { publishBatch: async () => Promise.reject(new Error('down')) };
    await expect(publishWithRetry(broken, [], { stopped: () => true })).rejects.toThrow('down');
    await expect(publishWithRetry(broken, [], { deadlineMs: 0 })).rejects.toThrow('down');
  });
});
