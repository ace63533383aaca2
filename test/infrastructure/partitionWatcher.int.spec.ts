/**
 * The partition watcher's one promise: every append is followed by a wake-up of its partition
 * (an idle partition loop otherwise sleeps up to eventBus.blockMs, issue #11). blockMs is 10 s
 * here, so only a wake-up can satisfy the 4 s waits.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { PartitionWatcher } from '../../src/infrastructure/redis/partitionWatcher.js';
import { useTestRedis } from '../support/testRedis.js';

const shared = useTestRedis();
const PARTITIONS = 8;
const watchers: PartitionWatcher[] = [];
const connections: Redis[] = [];
let envs = 0;

afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
  for (const c of connections.splice(0)) c.disconnect();
});

const eventually = async (check: () => boolean, timeoutMs = 4_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('no wake-up in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** Every XREAD reply the watcher's connection returned, held weakly (to see which are still kept). */
const replies: Array<WeakRef<object>> = [];

const setup = () => {
  const keys = createKeys(`${shared.prefix}${++envs}:`, PARTITIONS);
  /** Wake-ups seen per partition. */
  const wakes = Array.from({ length: PARTITIONS }, () => 0);
  const watcher = new PartitionWatcher({
    redis: shared.redis,
    keys,
    blockMs: 10_000,
    onAppend: (p) => wakes[p]!++,
    connect: () => {
      const c = new Redis(inject('redisUrl'));
      connections.push(c);
      const xread = c.xread.bind(c) as (...args: unknown[]) => Promise<object | null>;
      (c as unknown as { xread: typeof xread }).xread = async (...args) => {
        const reply = await xread(...args);
        if (reply) replies.push(new WeakRef(reply));
        return reply;
      };
      return c;
    },
  });
  watchers.push(watcher);
  const add = (partition: number, count = 1) => {
    const pipeline = shared.redis.pipeline();
    for (let i = 0; i < count; i++) pipeline.xadd(keys.partitionLog(partition), '*', 'n', String(i));
    return pipeline.exec();
  };
  return { wakes, watcher, add };
};

describe('PartitionWatcher (blockMs 10 s)', () => {
  it('wakes every partition once when it starts: appends racing its start are not lost', async () => {
    const { watcher, wakes } = setup();
    watcher.start();
    await eventually(() => wakes.every((n) => n >= 1));
  });

  it('wakes each partition that grows, including appends landing while it handles another', async () => {
    const { watcher, wakes, add } = setup();
    watcher.start();
    await eventually(() => wakes.every((n) => n >= 1));
    for (let round = 0; round < 20; round++) {
      const before = [...wakes];
      const grown = Array.from({ length: PARTITIONS }, (_, p) => p).filter((p) => (p + round) % 3 !== 0);
      // Spread in time: some land while the watcher is between two XREADs.
      await Promise.all(grown.map(async (p, i) => {
        await new Promise((r) => setTimeout(r, i % 3));
        await add(p);
      }));
      await eventually(() => grown.every((p) => wakes[p]! > before[p]!));
    }
  });

  it('skips a backlog to its head and still wakes for the appends after it', async () => {
    const { watcher, wakes, add } = setup();
    watcher.start();
    await eventually(() => wakes.every((n) => n >= 1));
    const before = wakes[2]!;
    await add(2, 500);
    await eventually(() => wakes[2]! > before);
    // Far fewer wake-ups than entries: the watcher jumped, it did not walk the backlog.
    await new Promise((r) => setTimeout(r, 50));
    expect(wakes[2]! - before).toBeLessThan(20);
    for (let i = 0; i < 5; i++) {
      const seen = wakes[2]!;
      await add(2);
      await eventually(() => wakes[2]! > seen);
    }
  });

  it('keeps no XREAD reply once handled (a race on a stop promise held every reply until stop: the soak heap grew ~5 MB/min)', async () => {
    const { watcher, wakes, add } = setup();
    watcher.start();
    await eventually(() => wakes.every((n) => n >= 1));
    replies.length = 0;
    for (let i = 0; i < 30; i++) {
      const seen = wakes[i % PARTITIONS]!;
      await add(i % PARTITIONS);
      await eventually(() => wakes[i % PARTITIONS]! > seen);
    }
    expect(replies.length).toBeGreaterThanOrEqual(30);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // WeakRef targets stay alive until the current job ends: collect after yielding, twice.
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setImmediate(r));
      gc();
    }
    expect(replies.filter((r) => r.deref() !== undefined).length).toBeLessThanOrEqual(2);
  });
});
