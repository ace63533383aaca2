/** `npm start`: load configuration, compose the API server, listen, and shut down gracefully on signals. */
import { createServer } from './compose.js';
import { createLogger } from './logger.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const log = createLogger(config.server.logLevel);
  const server = await createServer({ config, log });
  await server.listen();
  stopOnSignals(log, 'server', () => server.close());
});
