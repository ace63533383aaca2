import { createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { RedisReadStore } from '../../src/infrastructure/redis/readStore.js';
import { useTestRedis } from '../support/testRedis.js';
import { readStoreContract } from './readStore.contract.js';

const redis = useTestRedis();

readStoreContract('redis', () => new RedisReadStore({ redis: redis.redis, keys: createReadModelKeys(redis.prefix) }));
