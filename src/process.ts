/** What every entry point (server, worker, tools) does the same way: load config or exit, stop gracefully on signals. */
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Logger } from './logger.js';

/** Loads the configuration (`overrides`: dotted paths applied last); a bad value prints the message naming the key and exits with 2. */
export const loadConfigOrExit = (overrides?: Record<string, unknown>): Config => {
  try {
    return loadConfig(overrides ? { overrides } : {});
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
};

/** SIGTERM / SIGINT run `stop` once (forced exit after 10 s), then exit 0. */
export const stopOnSignals = (log: Logger, what: string, stop: () => Promise<void>): void => {
  let stopping = false;
  const handler = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${what} shutting down`);
    setTimeout(() => process.exit(1), 10_000).unref();
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void handler('SIGTERM'));
  process.on('SIGINT', () => void handler('SIGINT'));
};

export const runMain = (main: () => Promise<void>): void => {
  main().catch((error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'EADDRINUSE') console.error(`Port ${String((error as { port?: unknown }).port ?? '')} is already in use: stop the other server or set PORT.`);
    else console.error(error);
    process.exit(1);
  });
};
