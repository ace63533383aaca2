/**
 * `npm run worker`: projections and process managers only, no API. Start as many as needed: they
 * share the partitions through leases and consumer groups, and a dead one's partitions (with
 * their pending entries) are taken over after eventBus.claimIdleMs. Needs Redis: the embedded
 * in-memory store lives inside the API process and cannot be shared. Process managers dispatch
 * commands, so the worker composes the command side too (no HTTP).
 */
import { compose } from './compose.js';
import { createLogger } from './logger.js';
import { tracingFromEnv } from './ops/tracing.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const log = createLogger(config.server.logLevel, { role: 'worker' });
  const tracing = tracingFromEnv(process.env, 'worker');
  const app = await compose(config, log, 'worker', tracing?.tracer);
  if (app.infrastructure.kind !== 'redis') {
    log.error('a separate worker needs Redis (set REDIS_URL); with the embedded store, projections run inside the API process');
    await app.stop();
    process.exit(2);
  }
  await app.startProjections();
  log.info({ projections: app.projections.names() }, 'projection worker started');
  // Graceful: current batches finish and partitions are released for the other workers.
  stopOnSignals(log, 'worker', async () => {
    await app.stop();
    await tracing?.shutdown();
  });
});
