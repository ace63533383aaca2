import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { RedisEventBus } from '../../src/infrastructure/redis/eventBus.js';
import { createEventChannels } from '../../src/infrastructure/redis/keys.js';
import { uniquePrefix } from '../support/testRedis.js';
import { eventBusContract } from './eventBus.contract.js';

// Two nodes: each bus has its own publisher and subscriber connections. Pub/Sub ignores the DB
// index, so the channel prefix is what isolates this file from others running in parallel.
eventBusContract('redis', async () => {
  const channels = createEventChannels(uniquePrefix());
  const node = () => {
    const url = inject('redisUrl');
    return new RedisEventBus({ publisher: new Redis(url), subscriber: new Redis(url), channels });
  };
  return { publisher: node(), subscriber: node() };
});
