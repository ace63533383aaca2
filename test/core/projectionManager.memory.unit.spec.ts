import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../src/core/projections/projection.js';
import { MemoryDatabase } from '../../src/infrastructure/memory/database.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/eventStore.js';
import { MemoryPartitionLog } from '../../src/infrastructure/memory/partitionLog.js';
import { MemoryProjectionRuntime } from '../../src/infrastructure/memory/projectionRuntime.js';
import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';
import { type ProjectionEnv, projectionManagerContract } from './projectionManager.contract.js';

describe('retryDelay', () => {
  it('follows the strategy and caps at maxDelayMs', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 5 };
    expect([1, 2, 3].map((n) => retryDelay({ ...policy, strategy: 'fixed' }, n))).toEqual([100, 100, 100]);
    expect([1, 2, 3, 20].map((n) => retryDelay({ ...policy, strategy: 'linear' }, n))).toEqual([100, 200, 300, 1000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay({ ...policy, strategy: 'exponential' }, n))).toEqual([100, 200, 400, 800, 1000]);
  });
});

// One database and read store per test (setup() is called once per test); every worker shares them.
projectionManagerContract('memory', () => {
  const database = new MemoryDatabase({ partitions: 4 });
  const log = new MemoryPartitionLog({ database });
  const store = new MemoryReadStore();
  // Workers of one process share the in-memory runtime (it holds the groups and leases).
  const runtime = new MemoryProjectionRuntime({ log, store, pollMs: 5 });
  const env: ProjectionEnv = {
    eventStore: new MemoryEventStore({ database }),
    store,
    partitions: 4,
    runtime: () => runtime,
  };
  return env;
});
