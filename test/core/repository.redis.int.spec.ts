import { createRedisStorage } from '../../src/infrastructure/storage.js';
import { useTestRedis } from '../support/testRedis.js';
import { repositoryContract } from './repository.contract.js';

const redis = useTestRedis();
repositoryContract('redis', () => createRedisStorage(redis.redis, { prefix: redis.prefix, partitions: 4 }));
