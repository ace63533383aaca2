/**
 * Issue #11: a mutation waits for the projections to apply its events, and an idle partition loop
 * sleeps up to eventBus.blockMs unless the partition watcher wakes it. Here blockMs is 10 s, far
 * beyond every wait's timeout: a wake-up that goes missing (an append swallowed while the watcher
 * re-reads the heads, an append racing the watcher's start) turns into a TimeoutError, whatever
 * the speed of the machine.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ProjectionManager } from '../../src/core/projections/manager.js';
import type { DeliveredEntry, ProjectionRuntime } from '../../src/core/projections/ports.js';
import { RedisEventStore } from '../../src/infrastructure/redis/eventStore.js';
import { createKeys, createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { RedisProjectionRuntime } from '../../src/infrastructure/redis/projectionRuntime.js';
import { RedisReadStore } from '../../src/infrastructure/redis/readStore.js';
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { useTestRedis } from '../support/testRedis.js';
import { type ProjectionEnv, append, counting, counts, managerOptions, newEvent, tokens } from './projectionManager.contract.js';

const shared = useTestRedis();
const PARTITIONS = 8;
/** Far longer than any wait below: only a wake-up can make these tests pass. */
const BLOCK_MS = 10_000;
const WAIT_MS = 4_000;
const cleanups: Array<() => Promise<void>> = [];
let envs = 0;

const setup = (): ProjectionEnv => {
  const prefix = `${shared.prefix}${++envs}:`;
  const keys = createKeys(prefix, PARTITIONS);
  const readModelKeys = createReadModelKeys(prefix);
  const runtime = () => {
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    const rt = new RedisProjectionRuntime({ redis, keys, readModelKeys, store: new RedisReadStore({ redis, keys: readModelKeys }), serializer: jsonSerializer, deadLettersMax: 100, blockMs: BLOCK_MS });
    cleanups.push(async () => {
      await rt.close();
      redis.disconnect();
    });
    return rt;
  };
  return {
    eventStore: new RedisEventStore({ redis: shared.redis, keys, serializer: jsonSerializer }),
    store: new RedisReadStore({ redis: shared.redis, keys: readModelKeys }),
    partitions: PARTITIONS,
    runtime,
  };
};

const startManager = async (env: ProjectionEnv, name: string, options: { runtime?: ProjectionRuntime; lingerMs?: number } = {}): Promise<ProjectionManager> => {
  // claimIdleMs 60 s: the coordinator ticks every 20 s, so it cannot stand in for a wake-up either.
  const manager = new ProjectionManager(managerOptions(options.runtime ?? env.runtime(), { blockMs: BLOCK_MS, claimIdleMs: 60_000, lingerMs: options.lingerMs ?? 0 })).register(counting(env, name));
  cleanups.push(() => manager.stop());
  await manager.start();
  return manager;
};

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('projection wake-ups on Redis (blockMs 10 s)', () => {
  it('applies events landing on every partition while others are busy, long before blockMs', async () => {
    const env = setup();
    const name = `wake${randomUUID().slice(0, 6)}`;
    const manager = await startManager(env, name);
    // Writers on distinct aggregates (spread over all partitions), each waiting for its own event
    // before the next, as a mutation does: appends keep landing while the watcher handles the last one.
    const writers = 32;
    const rounds = 25;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let r = 0; r < rounds; r++) {
          const id = `agg${w}`;
          await manager.waitForPosition(tokens(env, id, await append(env, id, newEvent('Ticked', { r }))), WAIT_MS);
        }
      }),
    );
    const applied = await counts(env, `${name}_apps`);
    expect(applied).toHaveLength(writers * rounds);
    expect(applied.every((c) => c === 1)).toBe(true);
  });

  it('applies an event appended right as the manager starts', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const env = setup();
      const name = `start${randomUUID().slice(0, 6)}`;
      const starting = startManager(env, name);
      const written = await Promise.all(Array.from({ length: PARTITIONS * 2 }, (_, i) => append(env, `s${i}`, newEvent('Ticked', { i })).then((r) => tokens(env, `s${i}`, r))));
      const manager = await starting;
      await manager.waitForPosition(written.flat(), WAIT_MS);
    }
  });

  describe('eventBus.lingerMs', () => {
    /** The real runtime, recording the size of every non-empty batch a loop reads. */
    const recordingBatches = (runtime: ProjectionRuntime, sizes: number[]): ProjectionRuntime =>
      new Proxy(runtime, {
        get(target, property, receiver) {
          if (property !== 'readNew') {
            const value: unknown = Reflect.get(target, property, receiver);
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          }
          return async (...args: Parameters<ProjectionRuntime['readNew']>): Promise<DeliveredEntry[]> => {
            const batch = await target.readNew(...args);
            if (batch.length > 0) sizes.push(batch.length);
            return batch;
          };
        },
      });

    // Five appends 20 ms apart on one aggregate (one partition), each a wake-up for the idle loop.
    const appendSpaced = async (env: ProjectionEnv): Promise<string[]> => {
      const written: string[] = [];
      for (let i = 0; i < 5; i++) {
        written.push(...tokens(env, 'lingering', await append(env, 'lingering', newEvent('Ticked', { i }))));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return written;
    };

    it('a loop woken from idle waits lingerMs, so the appends meanwhile share one read', async () => {
      const env = setup();
      const sizes: number[] = [];
      const name = `linger${randomUUID().slice(0, 6)}`;
      const manager = await startManager(env, name, { runtime: recordingBatches(env.runtime(), sizes), lingerMs: 1_000 });
      // The loops' first reads at start are not wake-ups: let one event through, then let them go idle.
      await manager.waitForPosition(tokens(env, 'lingering', await append(env, 'lingering', newEvent('Ticked', { warm: true }))), WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, 200));
      sizes.length = 0;
      await manager.waitForPosition(await appendSpaced(env), WAIT_MS);
      expect(sizes).toEqual([5]);
      expect(await counts(env, `${name}_apps`)).toEqual([1, 1, 1, 1, 1, 1]);
    });

    it('without it (0) the loop reads each append as it comes', async () => {
      const env = setup();
      const sizes: number[] = [];
      const name = `nolinger${randomUUID().slice(0, 6)}`;
      const manager = await startManager(env, name, { runtime: recordingBatches(env.runtime(), sizes) });
      await manager.waitForPosition(await appendSpaced(env), WAIT_MS);
      expect(sizes.length).toBeGreaterThan(1);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(5);
    });
  });
});
