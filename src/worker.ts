/**
 * `npm run worker`: projections and process managers only, no API. Start as many as needed: they
 * share the partitions through leases and consumer groups, and a dead one's partitions (with
 * their pending entries) are taken over after eventBus.claimIdleMs. Needs Redis: the embedded
 * in-memory store lives inside the API process and cannot be shared.
 */
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createApplication } from './application.js';
import { createInfrastructure } from './infrastructure/wiring.js';
import { createReadSide } from './readSide.js';

const main = async (): Promise<void> => {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
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

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker shutting down: finishing batches, releasing partitions');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    ops.sampler.stop();
    await readSide.stop();
    await infrastructure.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
