import { describe } from 'vitest';
import { useTestRedis } from '../support/testRedis.js';
import { partitionLogContract } from './partitionLog.contract.js';
import { redisFixture } from './storageFixture.js';

const test = useTestRedis();

describe('RedisPartitionLog', () => partitionLogContract(() => redisFixture('redis', () => test.redis, () => test.prefix)));
