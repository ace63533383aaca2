/** `npm start`: load configuration, compose the API server, listen, and shut down gracefully on signals. */
import { createServer } from './compose.js';
import { createLogger } from './logger.js';
import { tracingFromEnv } from './ops/tracing.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const log = createLogger(config.server.logLevel);
  // OpenTelemetry: only when an OTLP endpoint is configured (docs/operations.md, Tracing).
  const tracing = tracingFromEnv(process.env, 'api');
  if (tracing) log.info({ endpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'tracing on');
  const server = await createServer({ config, log, ...(tracing ? { tracer: tracing.tracer } : {}) });
  await server.listen();
  stopOnSignals(log, 'server', async () => {
    await server.close();
    await tracing?.shutdown();
  });
});
