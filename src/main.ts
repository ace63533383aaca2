/** `npm start`: load configuration, build the server, listen, and shut down gracefully on signals. */
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createServer } from './server.js';

const main = async () => {
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
  const log = createLogger(config.server.logLevel);
  const server = await createServer({ config, log });
  await server.listen();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
