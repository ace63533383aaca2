/**
 * `npm run worker`: projections and process managers only, no API. Start as many as needed: they
 * share the partitions through leases and consumer groups, and a dead one's partitions (with
 * their pending entries) are taken over after eventBus.claimIdleMs. Needs Redis: the embedded
 * in-memory store lives inside the API process and cannot be shared.
 */
import { createLogger } from './logger.js';
import { createApplication } from './application.js';
import { createInfrastructure } from './infrastructure/wiring.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';
import { createReadSide } from './readSide.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const log = createLogger(config.server.logLevel, { role: 'worker' });
  const infrastructure = await createInfrastructure(config, log);
  if (infrastructure.kind !== 'redis') {
    log.error('a separate worker needs Redis (set REDIS_URL); with the embedded store, projections run inside the API process');
    await infrastructure.close();
    process.exit(2);
  }
  // Process managers dispatch commands, so the worker carries the command side too (no HTTP).
  const readSide = createReadSide({ config, log, infrastructure, role: 'worker' });
  const { ops } = await createApplication({ config, log, infrastructure, readSide });
  await readSide.start();
  log.info({ projections: readSide.manager.names() }, 'projection worker started');
  // Graceful: current batches finish and partitions are released for the other workers.
  stopOnSignals(log, 'worker', async () => {
    ops.sampler.stop();
    await readSide.stop();
    await infrastructure.close();
  });
});
