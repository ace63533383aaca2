/**
 * Every projection of a process reads the same new partition-log entries through its own consumer
 * group; the runtime's one resolver reads each event from its stream and decodes it once, and the
 * other consumers get the decoded event (partitionEntries.ts, DecodedEvents).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ProjectionManager } from '../../src/core/projections/manager.js';
import { RedisEventStore } from '../../src/infrastructure/redis/eventStore.js';
import { createKeys, createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { DecodedEvents } from '../../src/infrastructure/redis/partitionEntries.js';
import { RedisProjectionRuntime } from '../../src/infrastructure/redis/projectionRuntime.js';
import { RedisReadStore } from '../../src/infrastructure/redis/readStore.js';
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { useTestRedis } from '../support/testRedis.js';
import { type ProjectionEnv, append, counting, counts, eventually, managerOptions, newEvent } from '../core/projectionManager.contract.js';

const shared = useTestRedis();
const PARTITIONS = 4;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A connection that counts the stream reads the resolver pipelines (XRANGE of one event each). */
const countingRedis = () => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  const reads = { xrange: 0 };
  const pipeline = redis.pipeline.bind(redis);
  redis.pipeline = ((...args: Parameters<typeof pipeline>) => {
    const p = pipeline(...args);
    const xrangeBuffer = p.xrangeBuffer.bind(p);
    p.xrangeBuffer = ((...a: Parameters<typeof xrangeBuffer>) => (reads.xrange++, xrangeBuffer(...a))) as typeof p.xrangeBuffer;
    return p;
  }) as typeof redis.pipeline;
  return { redis, reads };
};

const run = async (decodedEvents: DecodedEvents) => {
  const prefix = `${shared.prefix}${randomUUID().slice(0, 6)}:`;
  const keys = createKeys(prefix, PARTITIONS);
  const readModelKeys = createReadModelKeys(prefix);
  const { redis, reads } = countingRedis();
  const runtime = new RedisProjectionRuntime({ redis, keys, readModelKeys, store: new RedisReadStore({ redis, keys: readModelKeys }), serializer: jsonSerializer, deadLettersMax: 100, blockMs: 50, decodedEvents });
  const env: ProjectionEnv = { eventStore: new RedisEventStore({ redis: shared.redis, keys, serializer: jsonSerializer }), store: new RedisReadStore({ redis: shared.redis, keys: readModelKeys }), partitions: PARTITIONS, runtime: () => runtime };
  const manager = new ProjectionManager(managerOptions(runtime)).register(counting(env, 'first')).register(counting(env, 'second')).register(counting(env, 'third'));
  cleanups.push(async () => {
    await manager.stop();
    await runtime.close();
    redis.disconnect();
  });
  await manager.start();
  const events = 40;
  for (let i = 0; i < events; i++) await append(env, `agg${i % 8}`, newEvent('Ticked', { i }));
  await eventually(async () => (await Promise.all(['first', 'second', 'third'].map(async (n) => (await counts(env, `${n}_apps`)).length))).every((n) => n === events));
  for (const name of ['first', 'second', 'third']) expect((await counts(env, `${name}_apps`)).every((c) => c === 1)).toBe(true);
  return { events, reads: reads.xrange };
};

describe('decoded events shared by the consumers of one process', () => {
  it('reads each event from its stream once for three projections (and three times without the cache)', async () => {
    const cached = await run(new DecodedEvents());
    expect(cached.reads).toBeGreaterThanOrEqual(cached.events);
    expect(cached.reads).toBeLessThan(cached.events * 1.5);
    const uncached = await run(new DecodedEvents(0));
    expect(uncached.reads).toBeGreaterThanOrEqual(uncached.events * 3);
  });

  it('forgets entries past their age and beyond its size, oldest first', () => {
    let now = 0;
    const cache = new DecodedEvents(2, 1_000, () => now);
    const event = (id: string) => ({ eventId: id }) as never;
    cache.set(0, '1-0', event('a'));
    cache.set(0, '2-0', event('b'));
    cache.set(1, '2-0', event('c'));
    expect(cache.size).toBe(2);
    expect(cache.get(0, '1-0')).toBeUndefined();
    expect(cache.get(0, '2-0')).toEqual({ eventId: 'b' });
    expect(cache.get(1, '2-0')).toEqual({ eventId: 'c' });
    now = 1_001;
    expect(cache.get(0, '2-0')).toBeUndefined();
  });
});
