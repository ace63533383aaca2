/**
 * The per-process state cache (cachedRepository): bounded in count AND idle time, so finished
 * aggregates leave it instead of filling it (the soak's heap grew with every game played).
 * The inner repository is the real one on memory storage; only reads that reach it are counted.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cachedRepository, createRepository, type Repository } from '../../src/core/commands/repository.js';
import { createMemoryStorage } from '../../src/infrastructure/storage.js';
import { counter, type CounterState } from './counter.js';

const setup = (maxEntries: number, idleMs: number) => {
  const storage = createMemoryStorage({ prefix: `sc${randomUUID().slice(0, 6)}:`, partitions: 4 });
  const inner = createRepository(counter(), 'event_sourced', storage, 0);
  let reads = 0;
  const counted: Repository<CounterState> = { load: (id) => (reads++, inner.load(id)), save: (...args) => inner.save(...args) };
  let clock = 1_000_000;
  const repo = cachedRepository(counted, maxEntries, idleMs, () => clock);
  const add = async (id: string) => {
    const loaded = await repo.load(id, { cached: true });
    await repo.save(id, loaded, { total: loaded.state.total + 1, applied: loaded.state.applied + 1 }, [{ eventId: randomUUID(), type: 'Added', data: { amount: 1 }, schemaVersion: 1, metadata: { correlationId: randomUUID(), causationId: randomUUID(), timestamp: new Date(clock).toISOString() }, createdAt: new Date(clock).toISOString() }], new Date(clock).toISOString());
  };
  return { repo, add, reads: () => reads, tick: (ms: number) => (clock += ms) };
};

describe('state cache', () => {
  it('serves a command on an aggregate it just wrote without a read, while it is in use', async () => {
    const { repo, add, reads, tick } = setup(10, 60_000);
    await add('a');
    expect(reads()).toBe(1);
    tick(59_000);
    expect((await repo.load('a', { cached: true })).version).toBe(1);
    tick(59_000); // used 59 s ago: still there (each use renews it)
    await add('a');
    expect(reads()).toBe(1);
  });

  it('drops an entry unused for longer than the idle time: the next command reads the store', async () => {
    const { repo, add, reads, tick } = setup(10, 60_000);
    await add('a');
    tick(60_001);
    const loaded = await repo.load('a', { cached: true });
    expect(loaded.version).toBe(1);
    expect(loaded.cached).toBeUndefined();
    expect(reads()).toBe(2);
  });

  it('forgets idle entries as others are used, so finished aggregates do not pile up to the count bound', async () => {
    const { repo, add, reads, tick } = setup(1_000, 60_000);
    for (let i = 0; i < 50; i++) await add(`old-${i}`);
    tick(61_000);
    await add('new'); // any use sweeps the idle ones
    const before = reads();
    for (let i = 0; i < 50; i++) await repo.load(`old-${i}`, { cached: true });
    expect(reads() - before).toBe(50);
  });

  it('keeps at most maxEntries, least recently used out first', async () => {
    const { repo, add, reads } = setup(3, 60_000);
    for (const id of ['a', 'b', 'c']) await add(id);
    await repo.load('a', { cached: true }); // a is now the most recent
    await add('d'); // b goes
    const before = reads();
    for (const id of ['a', 'c', 'd']) await repo.load(id, { cached: true });
    expect(reads()).toBe(before);
    await repo.load('b', { cached: true });
    expect(reads()).toBe(before + 1);
  });
});
