/**
 * The HTTP face of the API: graphql-yoga (POST/GET /graphql, SSE subscriptions, GraphiQL,
 * /health, /ready, the web client at / from webClient.ts); graphql-ws on the same path is in webSocket.ts. Guard rails live here: armor
 * (depth, cost, aliases, tokens, directives), a body size limit, malformed input → 4xx, request
 * errors with their real message, masked unexpected errors, CORS allow-list, CSRF prevention, an
 * optional bearer token on /metrics, and optional persisted-operations-only mode.
 */
import { timingSafeEqual } from 'node:crypto';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type Plugin, type YogaInitialContext, type YogaServerInstance } from 'graphql-yoga';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { NoSchemaIntrospectionCustomRule, stripIgnoredCharacters, type GraphQLSchema } from 'graphql';
import { newId } from '../core/ids.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { UnauthenticatedError } from '../core/errors.js';
import { parseReadAfter } from '../core/projections/projection.js';
import type { LogPosition } from '../core/projections/ports.js';
import type { Context, RequestInfo, Viewer } from './context.js';
import { maskError } from './errors.js';
import type { UnavailableError } from '../core/errors.js';
import { graphiql } from './graphiql.js';
import { webClientPlugin } from './webClient.js';

export interface YogaDeps {
  readonly schema: GraphQLSchema;
  readonly config: Config;
  readonly log: Logger;
  /** Verifies a bearer token (signature, claims, live session) or throws UnauthenticatedError. */
  readonly authenticate: (token: string) => Promise<Viewer>;
  /** Builds the rest of the context. */
  readonly createContext: (request: RequestInfo) => Context;
  /** /ready: whether this node should get traffic, plus what an operator should know (storage kind…). */
  readonly ready: () => Promise<{ readonly ready: boolean } & Record<string, unknown>>;
  /** Read-your-writes for queries: wait until the projections passed these positions. */
  readonly readAfter: (positions: readonly LogPosition[]) => Promise<void>;
  /** A storage failure outside a command (authentication, queries) as the typed UNAVAILABLE error; null for anything else. */
  readonly classifyFailure?: (error: unknown) => UnavailableError | null;
  /** Told of each such failure (counted in /metrics). */
  readonly onUnavailable?: (error: UnavailableError) => void;
  readonly plugins?: Plugin[];
  /** The built web client served at `/` (default: dist/web). */
  readonly webRoot?: string;
  /** `graphql.persistedOperationsOnly`: the documents that may run (the same list graphql-ws enforces); null = any. */
  readonly allowList?: PersistedAllowList | null;
}

type ServerContext = { req?: { socket?: { remoteAddress?: string } }; connectionParams?: Record<string, unknown> };
export type Yoga = YogaServerInstance<ServerContext, Context>;

export const bearer = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1] ?? null;
};

/**
 * Refuses oversized bodies with 413 (not a 5xx), counting bytes as they stream in so a body
 * without a declared length (chunked) cannot slip past; then hands over to Yoga's own parser.
 * A body with a valid Content-Length within the limit goes straight to the parser: Node's HTTP
 * parser delivers exactly that many bytes (and refuses Content-Length with Transfer-Encoding), so
 * counting them again would only cost a stream copy per request. This is the only body limit:
 * Yoga's own (`maxRequestBodySize`, a TransformStream and a new Request per body) is switched off.
 */
const bodyLimit = (maxBytes: number): Plugin => ({
  onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
    if (request.method !== 'POST' || !requestParser) return;
    const tooLarge = () =>
      new fetchAPI.Response(JSON.stringify({ errors: [{ message: `Request body exceeds ${maxBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }), {
        status: 413,
        headers: { 'content-type': 'application/json' },
      });
    setRequestParser(async (req) => {
      const declared = req.headers.get('content-length');
      if (Number(declared ?? '0') > maxBytes) return tooLarge();
      if (!req.body || (declared !== null && /^\d+$/.test(declared))) return requestParser(req);
      const reader = req.body.getReader();
      const chunks: Uint8Array[] = [];
      let seen = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen += value.byteLength;
        if (seen > maxBytes) {
          await reader.cancel();
          return tooLarge();
        }
        chunks.push(value);
      }
      return requestParser(new fetchAPI.Request(req.url, { method: 'POST', headers: req.headers, body: Buffer.concat(chunks) }));
    });
  },
});

/** Headers that make a browser preflight a request; one of them lets a GET through CSRF prevention. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight'];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `https://app.example.com` exactly; `http://localhost:*` with or without any port. */
const originPattern = (origin: string): RegExp => {
  const anyPort = origin.endsWith(':*');
  const base = escapeRegExp((anyPort ? origin.slice(0, -2) : origin).toLowerCase());
  return new RegExp(`^${base}${anyPort ? '(:\\d+)?' : ''}$`);
};

/**
 * CORS from the allow-list: a listed origin gets its own origin back with credentials, `*` lets
 * any other origin in without credentials, anything else gets no CORS headers (the browser then
 * refuses to hand the response to the page).
 */
export const corsPolicy = (origins: readonly string[]) => {
  const anyOrigin = origins.includes('*');
  const listed = origins.filter((o) => o !== '*').map(originPattern);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin) return false as const;
    const allowed = listed.some((pattern) => pattern.test(origin.toLowerCase()));
    if (!allowed && !anyOrigin) return false as const;
    return {
      origin: [origin],
      credentials: allowed,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['accept', 'authorization', 'content-type', 'x-read-after', 'x-request-id', 'x-correlation-id', 'traceparent', 'tracestate', ...CSRF_HEADERS],
      maxAge: 600,
    };
  };
};

/** `metrics.token`: GET /metrics only with `Authorization: Bearer <token>` (compared in constant time). */
const metricsGuard = (token: string, path = '/metrics'): Plugin => {
  const expected = Buffer.from(`Bearer ${token}`, 'utf8');
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path) return;
      const given = Buffer.from(request.headers.get('authorization') ?? '', 'utf8');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return;
      endResponse(new fetchAPI.Response('Unauthorized', { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain' } }));
    },
  };
};

export function createYogaServer(deps: YogaDeps): Yoga {
  const { config, log } = deps;
  const limits = config.graphql;
  const ui = limits.graphiql ? graphiql({ title: 'Defense Allies' }) : null;
  // Errors maskError has already logged at the right level: Yoga's own error log of them is skipped
  // (it would log a client's mistake as an incident, with the offending variable values).
  const reported = new WeakSet<object>();
  return createYoga<ServerContext, Context>({
    schema: deps.schema,
    graphqlEndpoint: '/graphql',
    // Our bodyLimit plugin (below) counts the bytes of every body, chunked ones included, and answers
    // 413 PAYLOAD_TOO_LARGE. Yoga's own 25 MB limit would pipe every body through a second
    // TransformStream (a stream pipeline, an AbortController and a DOMException per request: ~4% of
    // a query's CPU in the profile) to enforce a looser bound.
    maxRequestBodySize: false,
    landingPage: false,
    graphiql: ui ? ui.options : false,
    ...(ui ? { renderGraphiQL: ui.render } : {}),
    cors: corsPolicy(config.http.corsOrigins),
    healthCheckEndpoint: '/health',
    logging: {
      debug: (...args) => log.debug({ args }, 'yoga'),
      info: (...args) => log.info({ args }, 'yoga'),
      warn: (...args) => log.warn({ args }, 'yoga'),
      error: (...args) => {
        if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null && reported.has(args[0])) return;
        log.error({ args }, 'yoga');
      },
    },
    maskedErrors: {
      maskError: (error, message) => {
        const result = maskError(error, message, {
          schema: deps.schema,
          onClientError: (e) => log.info({ code: e.extensions?.code ?? null, error: e.message, ...(e.path ? { path: e.path.join('.') } : {}) }, 'request error'),
          onUnexpected: (e) => log.error({ err: e }, 'unexpected error'),
          ...(deps.classifyFailure ? { classify: deps.classifyFailure, onUnavailable: (e: UnavailableError, raw: unknown) => (deps.onUnavailable?.(e), log.warn({ reason: e.reason, err: raw instanceof Error ? raw.message : String(raw) }, 'request failed: storage unavailable')) } : {}),
        });
        if (typeof error === 'object' && error !== null) reported.add(error);
        return result;
      },
    },
    context: async (init: YogaInitialContext & ServerContext): Promise<Context> => {
      const header = init.connectionParams
        ? (init.connectionParams.authorization ?? init.connectionParams.Authorization)
        : init.request.headers.get('authorization');
      const token = bearer(header);
      // Client-chosen ids travel into every event's metadata: only short, plain ones are kept.
      const requestId = traceId(init.request?.headers.get('x-request-id')) ?? newId();
      const correlationId = traceId(init.request?.headers.get('x-correlation-id')) ?? requestId;
      const traceparent = traceContext(init.request?.headers.get('traceparent') ?? init.connectionParams?.traceparent);
      const forwarded = config.server.trustProxy ? proxiedAddress(init.request?.headers.get('x-forwarded-for'), config.server.proxyHops) : undefined;
      const clientAddress = forwarded || init.req?.socket?.remoteAddress || 'unknown';
      // A bad token is refused outright rather than silently downgraded to anonymous.
      const viewer = token ? await deps.authenticate(token) : header ? raise(new UnauthenticatedError('Malformed Authorization header')) : null;
      // Read-your-writes: a client that got `extensions.readAfter` from a mutation sends it back as
      // `X-Read-After` and is answered only once the read models include its writes (or TIMEOUT).
      // Only signed-in callers wait: an anonymous request cannot hold a connection open with a
      // forged far-away position (it is answered at once, from the read models as they are).
      const readAfter = init.request?.headers.get('x-read-after') ?? (typeof init.connectionParams?.readAfter === 'string' ? init.connectionParams.readAfter : null);
      if (readAfter) {
        const positions = parseReadAfter(readAfter);
        if (viewer) await deps.readAfter(positions);
      }
      return deps.createContext({ viewer, requestId, correlationId, clientAddress, ...(traceparent ? { traceparent } : {}) });
    },
    plugins: [
      ...(ui ? [ui.plugin] : []),
      webClientPlugin(deps.webRoot),
      ...(config.metrics.token ? [metricsGuard(config.metrics.token)] : []),
      ...(config.http.csrfPrevention ? [useCSRFPrevention({ requestHeaders: CSRF_HEADERS })] : []),
      bodyLimit(limits.maxBodyBytes),
      readAfterExtension,
      EnvelopArmorPlugin({
        maxDepth: { n: limits.maxDepth },
        costLimit: { maxCost: limits.maxCost },
        maxAliases: { n: limits.maxAliases },
        maxTokens: { n: limits.maxTokens },
        maxDirectives: { n: limits.maxDirectives },
        blockFieldSuggestion: { enabled: !limits.introspection },
      }),
      {
        // /ready: Redis reachable and no projection faulted.
        onRequest: async ({ request, endResponse, fetchAPI }) => {
          if (new URL(request.url).pathname !== '/ready') return;
          const report = await deps.ready().catch(() => ({ ready: false }));
          endResponse(new fetchAPI.Response(JSON.stringify(report), { status: report.ready ? 200 : 503, headers: { 'content-type': 'application/json' } }));
        },
      },
      ...(limits.introspection ? [] : [noIntrospection]),
      ...(deps.allowList ? [persistedOnly(deps.allowList)] : []),
      ...(deps.plugins ?? []),
    ],
  });
}

/** `graphql.introspection: false`: schema introspection is refused at validation. */
const noIntrospection: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
};

/** GraphQL-over-HTTP `documentId` (what codegen clients send) or Apollo's APQ extension. */
const persistedOperationId = (params: { extensions?: unknown; documentId?: unknown }): string | null => {
  if (typeof params.documentId === 'string') return params.documentId;
  const apq = (params.extensions as { persistedQuery?: { version?: number; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return apq?.version === 1 && typeof apq.sha256Hash === 'string' ? apq.sha256Hash : null;
};

/** The documents `graphql.persistedOperationsOnly` lets run: the allow-list file (hash → document), read once per server. */
export interface PersistedAllowList {
  readonly documents: Readonly<Record<string, string>>;
  /**
   * The document an operation may run, or null: the listed document its id names, or its own
   * text when that text is a listed document verbatim (graphql-ws subscribe messages carry text).
   */
  documentFor(params: { query?: string | null; extensions?: unknown; documentId?: unknown }): string | null;
}

export const persistedAllowListOf = (graphql: Config['graphql']): PersistedAllowList | null =>
  graphql.persistedOperationsOnly && graphql.persistedDocumentsFile ? persistedAllowList(graphql.persistedDocumentsFile) : null;

const persistedAllowList = (file: string): PersistedAllowList => {
  const documents = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  // Compared without ignored characters: a client may send a listed document pretty-printed.
  const minified = (text: string): string | null => {
    try {
      return stripIgnoredCharacters(text);
    } catch {
      return null; // not even lexable: certainly not listed
    }
  };
  const texts = new Set(Object.values(documents).map(minified));
  return {
    documents,
    documentFor: (params) => {
      const id = persistedOperationId(params);
      if (id !== null) return documents[id] ?? null;
      if (!params.query) return null;
      const text = minified(params.query);
      return text !== null && texts.has(text) ? params.query : null;
    },
  };
};

/** `graphql.persistedOperationsOnly`: only documents from the allow-list file run (HTTP; graphql-ws checks in webSocket.ts). */
const persistedOnly = (allowList: PersistedAllowList): Plugin =>
  usePersistedOperations({
    getPersistedOperation: (hash) => allowList.documents[hash] ?? null,
    allowArbitraryOperations: false,
    extractPersistedOperationId: (params) => persistedOperationId(params as { extensions?: unknown; documentId?: unknown }),
  });

/** Hands the read-your-writes tokens of a request's mutations back in `extensions.readAfter`. */
const readAfterExtension: Plugin = {
  onExecute: ({ args }) => ({
    onExecuteDone: ({ result, setResult }) => {
      const positions = (args.contextValue as Partial<Context>).positions;
      if (!positions?.length || Symbol.asyncIterator in result) return;
      setResult({ ...result, extensions: { ...result.extensions, readAfter: positions.join(',') } });
    },
  }),
};

/** An X-Request-Id / X-Correlation-Id worth keeping: 1–128 of [A-Za-z0-9._:-]; anything else is replaced by our own. */
const traceId = (value: string | null | undefined): string | null => (value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : null);

/**
 * A W3C `traceparent` worth continuing: version 00, a non-zero trace id and parent id, lower-case
 * hex (https://www.w3.org/TR/trace-context/#traceparent-header). Anything else starts a new trace.
 */
export const traceContext = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(value.trim());
  return match && !/^0+$/.test(match[1] ?? '') && !/^0+$/.test(match[2] ?? '') ? value.trim() : null;
};

/** The trace id in a traceparent (what logs show as `traceId`). */
export const traceIdOf = (traceparent: string | undefined): string | undefined => traceparent?.slice(3, 35);

/**
 * The client address as our trusted proxies saw it. X-Forwarded-For is client-controlled except
 * for what the proxies appended: with `hops` trusted proxies, the entry `hops` from the right was
 * written by the first of them. The leftmost entry is whatever the client wanted it to be.
 */
export const proxiedAddress = (header: string | null | undefined, hops: number): string | undefined => {
  const entries = (header ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  return entries.length === 0 ? undefined : entries[Math.max(0, entries.length - hops)];
};

const raise = (error: Error): never => {
  throw error;
};
