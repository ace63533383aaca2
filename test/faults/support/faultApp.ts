/**
 * A server for a fault scenario, listening on a loopback port (real HTTP, so a 5xx or a hang is
 * seen as a client sees it), on Redis the scenario started: a single node or a Cluster.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../src/config.js';
import { createServer } from '../../../src/compose.js';
import { outboxMailer } from '../../../src/auth/mail.js';
import { auditedLogger } from '../../support/audit.js';
import { GraphQLClient } from '../../support/graphqlClient.js';
import { TEST_JWT_SECRET, type TestApp } from '../../support/testApp.js';

export interface FaultApp extends TestApp {
  readonly url: string;
}

export async function startFaultApp(redis: { url: string } | { clusterNodes: readonly string[] }, overrides: Record<string, unknown> = {}): Promise<FaultApp> {
  const prefix = `faults:${randomUUID().slice(0, 8)}:`;
  const config = loadConfig({
    env: {},
    overrides: {
      'server.env': 'test',
      'server.logLevel': process.env.TEST_LOG_LEVEL ?? 'silent',
      'server.trustProxy': true,
      ...('url' in redis ? { 'redis.url': redis.url } : { 'redis.url': null, 'redis.clusterNodes': [...redis.clusterNodes] }),
      'redis.keyPrefix': prefix,
      // Short enough that a scenario sees typed errors quickly; what the docs recommend is the default 5 s.
      'redis.commandTimeoutMs': 2_000,
      'redis.connectTimeoutMs': 1_000,
      'eventStore.partitions': 8,
      'auth.jwtSecret': TEST_JWT_SECRET,
      'auth.scrypt.log2N': 10,
      'eventBus.blockMs': 50,
      // Sign-up waits for projections (read-your-writes): generous on a loaded machine.
      'performance.readYourWritesTimeoutMs': 20_000,
      ...overrides,
    },
  });
  const mail = outboxMailer();
  const server = await createServer({ config, log: auditedLogger(), mailer: mail });
  const { url } = await server.listen(0);
  const base = url.replace(/\/graphql$/, '').replace(/\/$/, '');
  return { server, config, prefix, mail, url: base, client: new GraphQLClient((input, init) => fetch(input, init), base), close: () => server.close() };
}
