import { describe } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { eventStoreContract } from './eventStore.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();

describe('RedisEventStore', () => eventStoreContract(() => redisFixture('redis', () => test.redis, () => test.prefix)));
