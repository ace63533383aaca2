/**
 * The read side on a 3-master Redis Cluster: every script and pipeline must stay inside one slot
 * (the `{rm:<projection>}` and `{pN}` hash tags), SCAN cleanup must visit every master, and the
 * wake-up watcher falls back to polling (multi-key XREAD across slots is refused).
 */
import { createEventChannels, createKeys, createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { RedisEventStore } from '../../src/infrastructure/redis/eventStore.js';
import { RedisEventBus } from '../../src/infrastructure/redis/eventBus.js';
import { RedisProjectionRuntime } from '../../src/infrastructure/redis/projectionRuntime.js';
import { RedisReadStore } from '../../src/infrastructure/redis/readStore.js';
import { createRedis } from '../../src/infrastructure/redis/connection.js';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { type ProjectionEnv, projectionManagerContract } from '../core/projectionManager.contract.js';
import { useTestCluster } from './clusterSupport.js';
import { envelope, eventBusContract } from './eventBus.contract.js';
import { readStoreContract } from './readStore.contract.js';

const test = useTestCluster();
let envs = 0;

readStoreContract('cluster', () => new RedisReadStore({ redis: test.cluster, keys: createReadModelKeys(test.prefix) }));

projectionManagerContract('cluster', (): ProjectionEnv => {
  const prefix = `${test.prefix}${++envs}:`;
  const keys = createKeys(prefix, 4);
  const readModelKeys = createReadModelKeys(prefix);
  const store = new RedisReadStore({ redis: test.cluster, keys: readModelKeys });
  return {
    eventStore: new RedisEventStore({ redis: test.cluster, keys, serializer: jsonSerializer }),
    store,
    partitions: 4,
    runtime: () =>
      new RedisProjectionRuntime({ redis: test.cluster, keys, readModelKeys, store, serializer: jsonSerializer, deadLettersMax: 100, blockMs: 100 }),
  };
});

eventBusContract('cluster', async () => {
  const channels = createEventChannels(`${test.prefix}bus${++envs}:`);
  const node = () => new RedisEventBus({ publisher: createRedis(test.nodes), subscriber: createRedis(test.nodes), channels });
  return { publisher: node(), subscriber: node() };
});

it('on Cluster, a dropped subscriber connection is replaced, subscribed again and reported (onResubscribed), then delivers again', async () => {
  const channels = createEventChannels(`${test.prefix}resub${++envs}:`);
  const publisher = new RedisEventBus({ publisher: createRedis(test.nodes), subscriber: createRedis(test.nodes), channels });
  const subscriber = new RedisEventBus({ publisher: createRedis(test.nodes), subscriber: createRedis(test.nodes), channels });
  try {
    const got: string[] = [];
    let resubscribed = 0;
    subscriber.onResubscribed(() => resubscribed++);
    await subscriber.subscribe({ aggregateType: 'game_session', aggregateId: 'g1' }, (e) => void got.push(e.eventType));
    await publisher.publish(envelope('Before', 'game_session', 'g1'));
    await expect.poll(() => got, { timeout: 10_000 }).toEqual(['Before']);
    // The first subscriber connection seen is reported too (it may already be a replacement).
    await expect.poll(() => resubscribed, { timeout: 10_000 }).toBeGreaterThan(0);
    const baseline = resubscribed;
    // What a dead node does to its Pub/Sub clients: every subscriber connection of the cluster is cut.
    const admins = test.nodes.map((node) => {
      const [host, port] = node.split(':');
      return new Redis({ host, port: Number(port), maxRetriesPerRequest: 0 });
    });
    try {
      for (const admin of admins) await admin.client('KILL', 'TYPE', 'pubsub');
      await expect.poll(() => resubscribed, { timeout: 10_000 }).toBeGreaterThan(baseline);
      // A replacement made after the first kill may land on a node killed next and be cut in turn
      // (its report already counted): publish once a subscription made after the last kill is
      // live, which the nodes' own count shows (a cut connection leaves it at once).
      const channel = channels.aggregate('game_session', 'g1');
      const subscribed = async () => {
        let total = 0;
        for (const admin of admins) total += Number(((await admin.pubsub('NUMSUB', channel)) as [string, number])[1]);
        return total;
      };
      await expect.poll(subscribed, { timeout: 10_000 }).toBeGreaterThan(0);
    } finally {
      for (const admin of admins) admin.disconnect();
    }
    await publisher.publish(envelope('After', 'game_session', 'g1'));
    await expect.poll(() => got, { timeout: 10_000 }).toEqual(['Before', 'After']);
  } finally {
    await Promise.all([publisher.close(), subscriber.close()]);
  }
});
