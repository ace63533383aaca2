import { describe } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { stateStoreContract } from './stateStore.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();

describe('RedisStateStore', () => stateStoreContract(() => redisFixture('redis', () => test.redis, () => test.prefix)));
