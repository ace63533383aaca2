/**
 * A whole server for end-to-end tests: real Redis (the run's own redis-server from globalSetup),
 * a unique key prefix per app, cheap password hashing, a fixed JWT secret so several instances
 * share tokens, logs captured for the secrets audit. Requests go through yoga.fetch (no port) unless `listen` is asked.
 */
import { randomUUID } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createServer, type AppServer } from '../../src/compose.js';
import type { Logger } from '../../src/logger.js';
import { outboxMailer } from '../../src/auth/mail.js';
import { auditedLogger } from './audit.js';
import { GraphQLClient } from './graphqlClient.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

export interface TestApp {
  readonly server: AppServer;
  readonly config: Config;
  /** Anonymous client over yoga.fetch. */
  readonly client: GraphQLClient;
  readonly prefix: string;
  /** Every mail the server sent (email verification, registration notices). */
  readonly mail: ReturnType<typeof outboxMailer>;
  close(): Promise<void>;
}

export const testPrefix = (): string => `e2e:${randomUUID().slice(0, 8)}:`;

export async function startTestApp(
  options: {
    prefix?: string;
    overrides?: Record<string, unknown>;
    runProjections?: boolean;
    /** Instead of the audited debug logger (to assert on log lines). */ log?: Logger;
    /** OpenTelemetry tracer (e.g. over an in-memory exporter). */ tracer?: Tracer;
  } = {},
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
  // By default the server logs at debug level into the run's audit folder (test/support/audit.ts).
  const mail = outboxMailer();
  const server = await createServer({
    config,
    log: options.log ?? auditedLogger(),
    runProjections: options.runProjections ?? true,
    mailer: mail,
    ...(options.tracer ? { tracer: options.tracer } : {}),
  });
  const fetchFn = (input: string, init?: RequestInit) => server.yoga.fetch(input, init ?? {});
  return {
    server,
    config,
    prefix,
    mail,
    client: new GraphQLClient(fetchFn),
    close: () => server.close(),
  };
}
