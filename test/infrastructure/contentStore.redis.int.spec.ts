import { describe } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { contentStoreContract } from './contentStore.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();

describe('RedisContentStore', () => contentStoreContract(() => redisFixture('redis', () => test.redis, () => test.prefix)));
