/**
 * The projection manager on real Redis: the shared contract, plus what only a real server shows —
 * a worker dying mid-batch (its pending entries reclaimed by another), a dropped connection, and a
 * runtime failing hard.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { EventEnvelope } from '../../src/core/messages.js';
import type { ProjectionRuntime, ProjectionState } from '../../src/core/projections/ports.js';
import { ProjectionManager } from '../../src/core/projections/manager.js';
import { RedisEventStore } from '../../src/infrastructure/redis/eventStore.js';
import { type Keys, createKeys, createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { RedisProjectionRuntime } from '../../src/infrastructure/redis/projectionRuntime.js';
import { claimPendingScript, readNewScript } from '../../src/infrastructure/redis/projectionScripts.js';
import { RedisReadStore } from '../../src/infrastructure/redis/readStore.js';
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { useTestRedis } from '../support/testRedis.js';
import {
  type ProjectionEnv,
  append,
  counts,
  counting,
  eventually,
  managerOptions,
  newEvent,
  projectionManagerContract,
  tokens,
} from './projectionManager.contract.js';

const shared = useTestRedis();
const PARTITIONS = 4;
const opened: Array<{ redis: Redis; runtime: RedisProjectionRuntime }> = [];
let envs = 0;

interface RedisEnv extends ProjectionEnv {
  readonly keys: Keys;
  /** A runtime on its own connection, returned with that connection (to kill it). */
  worker(): { runtime: RedisProjectionRuntime; redis: Redis };
}

// Every test gets its own key prefix, hence its own partition logs: projections start at 0.
const setup = (): RedisEnv => {
  const prefix = `${shared.prefix}${++envs}:`;
  const keys = createKeys(prefix, PARTITIONS);
  const readModelKeys = createReadModelKeys(prefix);
  const store = new RedisReadStore({ redis: shared.redis, keys: readModelKeys });
  const worker = () => {
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined); // killed connections are part of these tests
    const runtime = new RedisProjectionRuntime({
      redis,
      keys,
      readModelKeys,
      store: new RedisReadStore({ redis, keys: readModelKeys }),
      serializer: jsonSerializer,
      deadLettersMax: 100,
      blockMs: 200,
    });
    opened.push({ redis, runtime });
    return { runtime, redis };
  };
  const eventStore = new RedisEventStore({ redis: shared.redis, keys, serializer: jsonSerializer });
  return { eventStore, store, keys, partitions: PARTITIONS, runtime: () => worker().runtime, worker };
};

afterEach(async () => {
  for (const { redis, runtime } of opened.splice(0)) {
    await runtime.close();
    redis.disconnect();
  }
});

projectionManagerContract('redis', setup);

describe('ProjectionManager on Redis: crashes and faults', () => {
  const managers: ProjectionManager[] = [];
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.stop()));
  });
  const manage = (env: RedisEnv, runtime: ProjectionRuntime, name: string, slow?: (e: EventEnvelope) => Promise<void>) => {
    const manager = new ProjectionManager(managerOptions(runtime, { batchSize: 10 })).register(counting(env, name, slow ? { slow } : {}));
    managers.push(manager);
    return manager;
  };

  it('converges without double application when a worker dies in the middle of a batch', async () => {
    const env = setup();
    const name = `crash${randomUUID().slice(0, 6)}`;
    const written: string[] = [];
    for (let i = 0; i < 40; i++) written.push(...tokens(env, 'one', await append(env, 'one', newEvent('Ticked', { n: i }))));

    // Worker A dies (its connection cut) while projecting the 6th event of its first batch: five
    // entries are applied, none acknowledged, ten left pending under A's name.
    const a = env.worker();
    let seen = 0;
    const dead = manage(env, a.runtime, name, async () => {
      if (++seen === 6) a.redis.disconnect();
    });
    await dead.start();
    await eventually(() => seen >= 6);
    const log = env.keys.partitionLog(env.keys.partitionOf('counter', 'one'));
    const [pendingCount] = (await shared.redis.xpending(log, `${name}:g1`)) as [number];
    expect(pendingCount).toBe(10);

    // Worker B (new consumer name) takes the partition once A's lease expires and claims A's entries.
    const b = manage(env, env.worker().runtime, name);
    await b.start();
    await b.waitForPosition(written, 10_000);
    const applied = await counts(env, `${name}_apps`);
    expect(applied).toHaveLength(40);
    expect(applied.every((c) => c === 1)).toBe(true);
    const [status] = await b.status();
    expect(status!.processedEvents).toBeLessThan(40); // A's five applied entries were skipped, not redone
    expect(status!.lag.events).toBe(0);
  });

  it('costs one read and one apply per event: acknowledgements ride on the next read, and release sends the rest', async () => {
    const env = setup();
    const name = `acks${randomUUID().slice(0, 6)}`;
    const w = env.worker();
    // Every command the worker's connection sends (reads, applies, lease renewals), by name.
    const sent: string[] = [];
    const send = w.redis.sendCommand.bind(w.redis);
    w.redis.sendCommand = ((command: Parameters<Redis['sendCommand']>[0], ...rest: unknown[]) => {
      const [first] = command.args;
      const sha = typeof first === 'string' ? first : first instanceof Buffer ? first.toString() : '';
      sent.push(command.name === 'evalsha' || command.name === 'eval' ? (sha === readNewScript.sha ? 'read' : sha === claimPendingScript.sha ? 'claim' : 'script') : command.name);
      return (send as (...a: unknown[]) => ReturnType<Redis['sendCommand']>)(command, ...rest);
    }) as Redis['sendCommand'];
    const log = env.keys.partitionLog(env.keys.partitionOf('counter', 'one'));
    const pending = async () => ((await shared.redis.xpending(log, `${name}:g1`)) as [number])[0];

    const manager = manage(env, w.runtime, name);
    await manager.start();
    await manager.waitForPosition(tokens(env, 'one', await append(env, 'one', newEvent('Ticked', { n: 0 }))), 10_000);
    // Applied and checkpointed; the acknowledgement waits (up to 100 ms) for a read to ride on, and
    // an idle partition then sends it on its own.
    await eventually(async () => (await pending()) === 0);

    sent.length = 0;
    for (let i = 1; i <= 5; i++) {
      await manager.waitForPosition(tokens(env, 'one', await append(env, 'one', newEvent('Ticked', { n: i }))), 10_000);
      expect(await pending()).toBeLessThanOrEqual(1);
    }
    const count = (what: string) => sent.filter((c) => c === what).length;
    // One read per event (no empty read after it), plus one per idle-period claim should the lease
    // timer have run out between appends; reads and claims are scripts (an XACK is sent on its own
    // only when no read came within 100 ms).
    expect(count('read') - count('claim')).toBe(5);
    expect(sent.filter((c) => ['xreadgroup', 'xpending', 'xclaim', 'xautoclaim'].includes(c))).toEqual([]);
    expect(count('xack')).toBeLessThanOrEqual(5);
    expect(await counts(env, `${name}_apps`)).toEqual([1, 1, 1, 1, 1, 1]);

    await manager.stop();
    expect(await pending()).toBe(0); // released with its last acknowledgement, if still deferred
  });

  it('reports faulted while the runtime fails hard, and recovers', async () => {
    const env = setup();
    const name = `fault${randomUUID().slice(0, 6)}`;
    const real = env.runtime();
    let broken = false;
    const flaky = new Proxy(real, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || property === 'close' || property === 'onAppend') return value;
        return (...args: unknown[]) => (broken ? Promise.reject(new Error('Connection is closed.')) : (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
    const manager = manage(env, flaky, name);
    const states: ProjectionState[] = [];
    manager.onStatusChange((c) => states.push(c.state));
    await manager.start();
    await eventually(() => manager.states()[0]!.state === 'running');
    broken = true;
    await eventually(() => manager.states()[0]!.state === 'faulted');
    expect(manager.states()[0]!.error).toContain('Connection is closed');
    const written = tokens(env, 'f', await append(env, 'f', newEvent('Ticked', { n: 1 })));
    broken = false;
    await manager.waitForPosition(written, 5000);
    await eventually(() => manager.states()[0]!.state === 'running');
    expect(states).toEqual(expect.arrayContaining(['catching_up', 'running', 'faulted']));
    expect(await counts(env, `${name}_apps`)).toEqual([1]);
  });

  it('keeps projecting after its Redis connection is killed', async () => {
    const env = setup();
    const name = `kill${randomUUID().slice(0, 6)}`;
    const worker = env.worker();
    const manager = manage(env, worker.runtime, name);
    await manager.start();
    const before = tokens(env, 'k', await append(env, 'k', newEvent('Ticked', { n: 1 })));
    await manager.waitForPosition(before, 5000);
    const id = (await worker.redis.client('ID')) as number;
    await shared.redis.client('KILL', 'ID', String(id));
    const after = tokens(env, 'k', await append(env, 'k', newEvent('Ticked', { n: 2 })));
    await manager.waitForPosition(after, 10_000);
    expect(await counts(env, `${name}_apps`)).toEqual([1, 1]);
  });
});
