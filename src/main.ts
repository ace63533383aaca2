/**
 * `npm start`: load configuration, start this process's roles (ROLES, default api,worker,scheduler:
 * everything in one process), and shut down gracefully on signals. docs/deployment.md.
 */
import { startNode } from './compose.js';
import { createLogger } from './logger.js';
import { tracingFromEnv } from './ops/tracing.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const log = createLogger(config.server.logLevel, { roles: config.roles.join(',') });
  // OpenTelemetry: only when an OTLP endpoint is configured (docs/operations.md, Tracing).
  const tracing = tracingFromEnv(process.env, config.roles.join('+'));
  if (tracing) log.info({ endpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'tracing on');
  const node = await startNode(config, log, tracing?.tracer);
  stopOnSignals(log, config.roles.join('+'), async () => {
    await node.close();
    await tracing?.shutdown();
  });
});
