/**
 * OpenTelemetry tracing, off unless an OTLP endpoint is configured. When on, one trace follows a
 * command from the GraphQL request through dispatch, the aggregate's load and append, and on to
 * the projections and process managers that handle its events (asynchronously, on any node):
 *
 *   mutation PlaceTower              (SERVER; parent: the request's `traceparent`, if any)
 *   └ command PlaceTower             (the command's traceparent goes into its metadata and events)
 *     ├ load game_session            (CLIENT; db.system.name redis|memory)
 *     ├ append game_session          (CLIENT; the one atomic append script)
 *     └ project game / handle …      (CONSUMER; parent read back from the event's metadata)
 *
 * Off (the default), none of this is wired: no plugin, no middleware, no wrapper. The trace id
 * of an incoming `traceparent` still reaches command metadata, events and logs (`traceId`).
 */
import {
  context as otelContext,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context as OtelContext,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Kind, type DocumentNode, type ExecutionArgs, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Middleware } from '../core/commands/dispatcher.js';
import type { AggregateDefinition, Repository } from '../core/commands/repository.js';
import { isAppError } from '../core/errors.js';
import type { Event, EventEnvelope } from '../core/messages.js';
import type { EventHandler, Projection } from '../core/projections/ports.js';
import type { Context } from '../graphql/context.js';

export const TRACER_NAME = 'defense-allies-server';

export interface Tracing {
  readonly tracer: Tracer;
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * From the standard environment: on when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (OTLP/HTTP with JSON bodies; the exporter reads its own
 * OTEL_EXPORTER_OTLP_* settings, headers included), unless OTEL_SDK_DISABLED=true or
 * OTEL_TRACES_EXPORTER=none. OTEL_SERVICE_NAME names the service; OTEL_TRACES_SAMPLER (default
 * parentbased_always_on) is read by the SDK.
 */
export function tracingFromEnv(env: NodeJS.ProcessEnv, role: string): Tracing | null {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!url || env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return null;
  return startTracing(new BatchSpanProcessor(new OTLPTraceExporter({ url })), { serviceName: env.OTEL_SERVICE_NAME || 'defense-allies', role });
}

/** A tracer provider exporting through `processor`, registered globally (context manager and W3C propagator). */
export function startTracing(processor: SpanProcessor, options: { serviceName: string; role: string }): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName, 'service.namespace': 'defense-allies', 'da.role': options.role }),
    spanProcessors: [processor],
  });
  // AsyncLocalStorage context: a span started in a resolver is the parent of what the dispatcher starts.
  provider.register();
  return { tracer: provider.getTracer(TRACER_NAME), shutdown: () => provider.shutdown() };
}

const propagator = new W3CTraceContextPropagator();

/** The context a `traceparent` string continues (ROOT when absent or malformed). */
export const contextOf = (traceparent: string | undefined, base: OtelContext = ROOT_CONTEXT): OtelContext =>
  traceparent ? propagator.extract(base, { traceparent }, defaultTextMapGetter) : base;

/** The W3C `traceparent` of a span. */
export const traceparentOf = (span: Span): string => {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, { set: (c, k, v) => (c[k] = v) });
  return carrier.traceparent ?? '';
};

/** Runs `work` in a new span (ended, and marked as an error when `work` throws an unexpected error). */
async function inSpan<T>(tracer: Tracer, name: string, options: { kind: SpanKind; attributes: Attributes }, parent: OtelContext, work: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer.startSpan(name, options, parent);
  try {
    return await otelContext.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    // Refusals (validation, rules, auth) are answers, not faults: recorded, not marked as errors.
    if (isAppError(error)) span.setAttribute('da.outcome', error.kind);
    else {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    }
    throw error;
  } finally {
    span.end();
  }
}

/**
 * One SERVER span per GraphQL operation (`mutation PlaceTower`), child of the caller's
 * `traceparent`; resolvers, and so the commands they send, run inside it. For a subscription the
 * span covers setting it up (authorization, replay start), not its whole life.
 */
export const operationSpans = (tracer: Tracer): Plugin => {
  const wrap =
    (type: 'query' | 'subscription', run: (args: ExecutionArgs) => unknown) =>
    (args: ExecutionArgs): Promise<unknown> => {
      const ctx = args.contextValue as Partial<Context>;
      const operation = operationOf(args.document, args.operationName);
      const kind = operation?.operation ?? type;
      const name = operation?.name?.value ?? null;
      const attributes: Attributes = {
        'graphql.operation.type': kind,
        ...(name ? { 'graphql.operation.name': name } : {}),
        ...(ctx.requestId ? { 'da.request_id': ctx.requestId } : {}),
        ...(ctx.correlationId ? { 'da.correlation_id': ctx.correlationId } : {}),
        ...(ctx.viewer ? { 'enduser.id': ctx.viewer.userId } : {}),
      };
      return inSpan(tracer, name ? `${kind} ${name}` : kind, { kind: SpanKind.SERVER, attributes }, contextOf(ctx.traceparent, otelContext.active()), async (span) => {
        const result = await run(args);
        const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] } | null)?.errors;
        if (errors?.length) {
          span.setAttribute('graphql.errors', errors.length);
          const codes = errors.map((e) => String(e.extensions?.code ?? ''));
          if (codes.includes('INTERNAL_SERVER_ERROR')) span.setStatus({ code: SpanStatusCode.ERROR, message: 'unexpected error' });
        }
        return result;
      });
    };
  return {
    onExecute: ({ executeFn, setExecuteFn }) => setExecuteFn(wrap('query', executeFn) as typeof executeFn),
    onSubscribe: ({ subscribeFn, setSubscribeFn }) => setSubscribeFn(wrap('subscription', subscribeFn) as typeof subscribeFn),
  };
};

/** The operation that runs: the one named `operationName`, or the document's only one. */
const operationOf = (document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!name || d.name?.value === name));

/**
 * One span per command (`command PlaceTower`) around everything the dispatcher does for it;
 * its traceparent goes into the command's metadata, and so into its events and log lines.
 * Register it before the other middleware.
 */
export const commandSpans =
  (tracer: Tracer): Middleware =>
  ({ command, metadata }, next) => {
    const active = otelContext.active();
    // A request's span is active here; a command sent outside one continues the trace in its metadata.
    const parent = trace.getSpan(active) ? active : contextOf(metadata.traceparent);
    const attributes: Attributes = {
      'da.command.type': command.type,
      'da.command.id': metadata.commandId,
      'da.correlation_id': metadata.correlationId,
      ...(metadata.causationId ? { 'da.causation_id': metadata.causationId } : {}),
      ...(metadata.userId ? { 'enduser.id': metadata.userId } : {}),
    };
    return inSpan(tracer, `command ${command.type}`, { kind: SpanKind.INTERNAL, attributes }, parent, async (span) => {
      const result = await next({ traceparent: traceparentOf(span) });
      span.setAttributes({
        'da.aggregate.type': result.aggregateType,
        'da.aggregate.id': result.aggregateId,
        'da.aggregate.version': result.version,
        'da.events': result.events.length,
        ...(result.replayed ? { 'da.idempotent_replay': true } : {}),
      });
      return result;
    });
  };

/**
 * The aggregate loads and appends of every repository, as CLIENT spans of the storage they hit
 * (`db.system.name`: redis, or memory for the embedded store). Loads and appends are the Redis
 * round trips of a command; the append is one script call, atomic.
 */
export const tracedRepositories =
  (tracer: Tracer, repositoryFor: <S>(definition: AggregateDefinition<S, never, Event>) => Repository<S>, system: string) =>
  <S>(definition: AggregateDefinition<S, never, Event>): Repository<S> => {
    const repository = repositoryFor(definition);
    const attributes = (id: string): Attributes => ({ 'db.system.name': system, 'da.aggregate.type': definition.type, 'da.aggregate.id': id });
    return {
      load: (id, options) => inSpan(tracer, `load ${definition.type}`, { kind: SpanKind.CLIENT, attributes: attributes(id) }, otelContext.active(), () => repository.load(id, options)),
      save: (id, loaded, newState, events, timestamp, command) =>
        inSpan(tracer, `append ${definition.type}`, { kind: SpanKind.CLIENT, attributes: { ...attributes(id), 'da.events': events.length, 'da.expected_version': loaded.version } }, otelContext.active(), () =>
          repository.save(id, loaded, newState, events, timestamp, command),
        ),
      ...(repository.committedBy ? { committedBy: repository.committedBy.bind(repository) } : {}),
      ...(repository.appliedCommand ? { appliedCommand: repository.appliedCommand.bind(repository) } : {}),
    };
  };

const eventAttributes = (consumer: string, event: EventEnvelope): Attributes => ({
  'da.consumer': consumer,
  'da.event.id': event.eventId,
  'da.event.type': event.eventType,
  'da.aggregate.type': event.aggregateType,
  'da.aggregate.id': event.aggregateId,
  'da.aggregate.version': event.aggregateVersion,
  'da.correlation_id': event.metadata.correlationId,
  ...(event.position ? { 'da.position': event.position } : {}),
});

/**
 * A projection or durable handler whose work on each event is a CONSUMER span in the trace of the
 * command that caused the event (its traceparent is in the event's metadata); commands a process
 * manager sends from there continue the same trace.
 */
export function tracedConsumer<T extends Projection | EventHandler>(tracer: Tracer, consumer: T): T {
  const traced = Object.create(consumer) as T & Record<string, unknown>;
  if ('project' in consumer) {
    const project = consumer.project.bind(consumer);
    (traced as Projection & Record<string, unknown>).project = (event, view) =>
      inSpan(tracer, `project ${consumer.name}`, { kind: SpanKind.CONSUMER, attributes: eventAttributes(consumer.name, event) }, contextOf(event.metadata.traceparent), async () => project(event, view));
  } else {
    const handle = consumer.handle.bind(consumer);
    (traced as EventHandler & Record<string, unknown>).handle = (event) =>
      inSpan(tracer, `handle ${consumer.name}`, { kind: SpanKind.CONSUMER, attributes: eventAttributes(consumer.name, event) }, contextOf(event.metadata.traceparent), async () => handle(event));
  }
  return traced;
}
