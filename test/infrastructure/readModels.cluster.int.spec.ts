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
import { jsonSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { type ProjectionEnv, projectionManagerContract } from '../core/projectionManager.contract.js';
import { useTestCluster } from './clusterSupport.js';
import { eventBusContract } from './eventBus.contract.js';
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
