/**
 * Logs, /metrics and /ready: what a production service exposes besides its API.
 *
 * Command logs carry the command's type, ids (command, correlation, causation), user, duration
 * and outcome — never its data: passwords and refresh tokens travel in command data, and a
 * redaction list would be one forgotten field away from leaking them.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Middleware } from '../core/commands/dispatcher.js';
import { isAppError, UnavailableError } from '../core/errors.js';
import type { Context } from '../graphql/context.js';
import { traceIdOf } from '../graphql/yoga.js';
import type { Logger } from '../logger.js';
import type { OpsMetrics } from './metrics.js';

/** Commands logged at debug only: periodic internal ones that would drown the interesting lines. */
const quietCommands = new Set(['RecordMetricsSample']);

export const loggingMiddleware =
  (log: Logger): Middleware =>
  async ({ command, metadata }, next) => {
    const started = performance.now();
    const fields = {
      commandType: command.type,
      commandId: metadata.commandId,
      correlationId: metadata.correlationId,
      ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
      ...(metadata.traceparent ? { traceId: traceIdOf(metadata.traceparent) } : {}),
      userId: metadata.userId ?? null,
    };
    const quiet = quietCommands.has(command.type);
    try {
      const result = await next();
      const line = {
        ...fields,
        outcome: 'ok',
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        aggregateType: result.aggregateType,
        aggregateId: result.aggregateId,
        version: result.version,
        events: result.events.length,
      };
      if (quiet) log.debug(line, 'command handled');
      else log.info(line, 'command handled');
      return result;
    } catch (error) {
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      if (error instanceof UnavailableError) {
        // Storage trouble is an incident, but an expected one: one line, no stack, the correlation id to follow it.
        log.warn({ ...fields, outcome: error.kind, durationMs, reason: error.reason, retryAfterMs: error.retryAfterMs, err: error.message }, 'command failed: storage unavailable');
      } else if (isAppError(error)) {
        // Expected refusals (validation, conflicts, rules) are the caller's business, not an incident.
        log.info({ ...fields, outcome: error.kind, durationMs, reason: error.message }, 'command refused');
      } else {
        log.error({ ...fields, outcome: 'error', durationMs, err: error }, 'command failed');
      }
      throw error;
    }
  };

/**
 * Serves the registry at GET /metrics (Prometheus text format) from the API's HTTP server, and
 * counts open subscriptions (da_active_subscriptions) from start to end, whatever ends them.
 */
export const metricsPlugin = (metrics: OpsMetrics, path = '/metrics'): Plugin => ({
  onSubscribe() {
    return {
      onSubscribeResult({ result }) {
        if (!(Symbol.asyncIterator in result)) return; // refused before it started
        return { onEnd: metrics.subscriptionOpened() };
      },
    };
  },
  async onRequest({ request, endResponse, fetchAPI }) {
    if (new URL(request.url).pathname !== path) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      endResponse(new fetchAPI.Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
      return;
    }
    const { contentType, body } = await metrics.render();
    endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { 'content-type': contentType } }));
  },
});

/**
 * One log line per GraphQL operation, with the ids that tie it to the commands it dispatched
 * (the correlation id travels into every command and event). Variables are never logged.
 */
export const requestLoggingPlugin = (log: Logger): Plugin => ({
  onExecute({ args }) {
    const started = performance.now();
    const ctx = args.contextValue as Partial<Context>;
    return {
      onExecuteDone({ result }) {
        const errors = 'errors' in result && Array.isArray(result.errors) ? result.errors.length : 0;
        log.info(
          {
            requestId: ctx.requestId,
            correlationId: ctx.correlationId,
            ...(ctx.traceparent ? { traceId: traceIdOf(ctx.traceparent) } : {}),
            userId: ctx.viewer?.userId ?? null,
            // The document's own name when the client did not send operationName separately.
            operationName: args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value ?? null,
            durationMs: Math.round((performance.now() - started) * 1000) / 1000,
            errors,
          },
          'graphql operation',
        );
      },
    };
  },
});
