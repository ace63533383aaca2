/** `npm start`: load configuration, build the server, listen, and shut down gracefully on signals. */
import { createLogger } from './logger.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';
import { createServer } from './server.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const log = createLogger(config.server.logLevel);
  const server = await createServer({ config, log });
  await server.listen();
  stopOnSignals(log, 'server', () => server.close());
});
