/**
 * `npm start`: load configuration, start this process's roles (ROLES, default api,worker,scheduler:
 * everything in one process), and shut down gracefully on signals. docs/deployment.md.
 */
import { startNode } from './compose.js';
import { createLogger } from './logger.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const log = createLogger(config.server.logLevel, { roles: config.roles.join(',') });
  const node = await startNode(config, log);
  stopOnSignals(log, config.roles.join('+'), () => node.close());
});
