import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { createRedisDataKeyStore } from '../../src/infrastructure/redis/dataKeyStore.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { useTestRedis } from '../support/testRedis.js';
import { vaultContract } from './vault.contract.js';

const test = useTestRedis();

// A prefix per store: each test sees only its own keys (rotation rewraps everything it finds).
describe('vault over the Redis data-key store', () => vaultContract(() => createRedisDataKeyStore(test.redis, createKeys(`${test.prefix}${randomUUID()}:`, 2))));
