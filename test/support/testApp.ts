/**
 * A whole server for end-to-end tests: real Redis (the run's own redis-server from globalSetup),
 * a unique key prefix per app, cheap password hashing, a fixed JWT secret so several instances
 * share tokens, silent logs. Requests go through yoga.fetch (no port) unless `listen` is asked.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createServer, type AppServer } from '../../src/compose.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { GraphQLClient } from './graphqlClient.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

export interface TestApp {
  readonly server: AppServer;
  readonly config: Config;
  /** Anonymous client over yoga.fetch. */
  readonly client: GraphQLClient;
  readonly prefix: string;
  close(): Promise<void>;
}

export const testPrefix = (): string => `e2e:${randomUUID().slice(0, 8)}:`;

export async function startTestApp(
  options: { prefix?: string; overrides?: Record<string, unknown>; runProjections?: boolean; /** Instead of the silent logger (to assert on log lines). */ log?: Logger } = {},
): Promise<TestApp> {
  const prefix = options.prefix ?? testPrefix();
  const clusterNodes = inject('redisClusterNodes') ?? [];
  const config = loadConfig({
    env: {},
    overrides: {
      'server.env': 'test',
      'server.logLevel': process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests tell clients apart by X-Forwarded-For (yoga.fetch has no socket).
      'server.trustProxy': true,
      // REDIS_TEST_TOPOLOGY=cluster: the run's Redis Cluster (globalSetup.ts), else its single node.
      ...(clusterNodes.length > 0 ? { 'redis.url': null, 'redis.clusterNodes': [...clusterNodes] } : { 'redis.url': inject('redisUrl') }),
      'redis.keyPrefix': prefix,
      'eventStore.partitions': 4,
      'auth.jwtSecret': TEST_JWT_SECRET,
      'auth.scrypt.log2N': 10,
      'eventBus.blockMs': 50,
      ...options.overrides,
    },
  });
  const server = await createServer({ config, log: options.log ?? createLogger(config.server.logLevel), runProjections: options.runProjections ?? true });
  const fetchFn = (input: string, init?: RequestInit) => server.yoga.fetch(input, init ?? {});
  return {
    server,
    config,
    prefix,
    client: new GraphQLClient(fetchFn),
    close: () => server.close(),
  };
}
