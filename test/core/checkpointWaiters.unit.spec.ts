import { describe, expect, it } from 'vitest';
import { CheckpointWaiters } from '../../src/core/projections/checkpointWaiters.js';
import { TimeoutError } from '../../src/core/errors.js';

const runtime = (checkpoints: Record<string, string[]>) => {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    checkpoints: async (name: string) => {
      reads++;
      return checkpoints[name] ?? [];
    },
  };
};

describe('CheckpointWaiters (read-your-writes)', () => {
  it('resolves from what this process applied, without reading Redis', async () => {
    const rt = runtime({});
    const waiters = new CheckpointWaiters(rt, Date.now, 1_000);
    const waiting = waiters.wait(['a', 'b'], ['1:100-0'], 1_000);
    waiters.advanced('a', 1, '100-0');
    waiters.advanced('b', 1, '100-5');
    await waiting;
    expect(rt.reads).toBe(0);
  });

  it('compares stream ids numerically, not as strings', async () => {
    const waiters = new CheckpointWaiters(runtime({}), Date.now, 1_000);
    waiters.advanced('a', 0, '10-0');
    await waiters.wait(['a'], ['0:9-5'], 50); // "9-5" > "10-0" as strings, but earlier as ids
  });

  it('serves many waiters with one shared poll when another worker applies', async () => {
    const checkpoints: Record<string, string[]> = { a: ['0', '0'] };
    const rt = runtime(checkpoints);
    const waiters = new CheckpointWaiters(rt, Date.now, 10);
    const all = Promise.all(Array.from({ length: 50 }, (_, i) => waiters.wait(['a'], [`1:${i + 1}-0`], 2_000)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    checkpoints.a = ['0', '50-0'];
    await all;
    expect(rt.reads).toBeLessThan(15);
  });

  it('times out with a typed error naming the positions', async () => {
    const waiters = new CheckpointWaiters(runtime({ a: ['5-0'] }), Date.now, 10);
    await expect(waiters.wait(['a'], ['0:6-0'], 60)).rejects.toBeInstanceOf(TimeoutError);
    await expect(waiters.wait(['a'], ['0:6-0'], 30)).rejects.toThrow(/0:6-0 within 30 ms/);
  });

  it('nothing to wait for resolves at once', async () => {
    const waiters = new CheckpointWaiters(runtime({}), Date.now, 10);
    await waiters.wait([], ['0:6-0'], 10);
    await waiters.wait(['a'], [], 10);
  });
});
