import { describe } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { idempotencyStoreContract } from './idempotencyStore.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();

describe('RedisIdempotencyStore', () => idempotencyStoreContract(() => redisFixture('redis', () => test.redis, () => test.prefix)));
