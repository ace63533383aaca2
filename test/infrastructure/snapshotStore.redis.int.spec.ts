import { describe } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { snapshotStoreContract } from './snapshotStore.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();

describe('RedisSnapshotStore', () => snapshotStoreContract(() => redisFixture('redis', () => test.redis, () => test.prefix)));
