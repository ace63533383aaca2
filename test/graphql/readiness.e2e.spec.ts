/**
 * /ready follows Redis: 200 while it answers, 503 (and /health still 200) while it is down.
 * Uses a redis-server of its own so it can be stopped.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type AppServer } from '../../src/compose.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { TEST_JWT_SECRET } from '../support/testApp.js';

let redis: RedisServer;
let server: AppServer;

beforeAll(async () => {
  redis = await startRedisServer();
  const config = loadConfig({
    env: {},
    overrides: { 'server.env': 'test', 'server.logLevel': 'silent', 'redis.url': redis.url, 'redis.commandTimeoutMs': 500, 'redis.maxRetriesPerRequest': 0, 'auth.jwtSecret': TEST_JWT_SECRET, 'auth.scrypt.log2N': 10 },
  });
  server = await createServer({ config, log: createLogger('silent') });
});
afterAll(async () => {
  // Closing with Redis gone waits on reconnect attempts; a process exits anyway 10 s after a
  // signal (process.ts), so the test bounds it the same way instead of hitting the hook timeout.
  await Promise.race([server?.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await redis?.stop();
});

const ready = async () => {
  const response = await server.yoga.fetch('http://localhost/ready');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

it('is ready with Redis and not ready without it, while /health stays up', async () => {
  expect(await ready()).toMatchObject({ status: 200, body: { ready: true, redis: true } });
  await redis.stop();
  const down = await ready();
  expect(down).toMatchObject({ status: 503, body: { ready: false, redis: false } });
  expect((await server.yoga.fetch('http://localhost/health')).status).toBe(200);
});
