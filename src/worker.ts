/**
 * `npm run worker`: the same process as `npm start` with ROLES=worker — projections and process
 * managers only, plus /health, /ready and /metrics on PORT. Start as many as needed: they share
 * the partitions through leases and consumer groups, and a dead one's partitions (with their
 * pending entries) are taken over after eventBus.claimIdleMs. Needs Redis. Process managers
 * dispatch commands, so the worker composes the command side too.
 */
import { startNode } from './compose.js';
import { createLogger } from './logger.js';
import { tracingFromEnv } from './ops/tracing.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';

runMain(async () => {
  const config = loadConfigOrExit({ roles: ['worker'] });
  const log = createLogger(config.server.logLevel, { roles: 'worker' });
  const tracing = tracingFromEnv(process.env, 'worker');
  const node = await startNode(config, log, tracing?.tracer);
  stopOnSignals(log, 'worker', async () => {
    await node.close();
    await tracing?.shutdown();
  });
});
