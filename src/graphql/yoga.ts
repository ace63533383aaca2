/**
 * The HTTP + WebSocket face of the API: graphql-yoga (POST/GET /graphql, SSE subscriptions,
 * GraphiQL, /health, /ready) and graphql-ws on the same path. Guard rails live here: armor
 * (depth, cost, aliases, tokens, directives), a body size limit, malformed input → 4xx,
 * masked unexpected errors, and optional persisted-operations-only mode.
 */
import type { Server as HttpServer } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type Plugin, type YogaInitialContext, type YogaServerInstance } from 'graphql-yoga';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { NoSchemaIntrospectionCustomRule, type GraphQLSchema } from 'graphql';
import { v7 as uuidv7 } from 'uuid';
import { WebSocketServer } from 'ws';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { UnauthenticatedError } from '../core/errors.js';
import { parseReadAfter } from '../core/projections/projection.js';
import type { LogPosition } from '../core/projections/ports.js';
import type { Context, RequestInfo, Viewer } from './context.js';
import { maskError } from './errors.js';

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
  readonly plugins?: Plugin[];
}

type ServerContext = { req?: { socket?: { remoteAddress?: string } }; connectionParams?: Record<string, unknown> };
export type Yoga = YogaServerInstance<ServerContext, Context>;

const bearer = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1] ?? null;
};

/**
 * Refuses oversized bodies with 413 (not a 5xx), counting bytes as they stream in so a body
 * without a declared length (chunked) cannot slip past; then hands over to Yoga's own parser.
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
      if (Number(req.headers.get('content-length') ?? '0') > maxBytes) return tooLarge();
      if (!req.body) return requestParser(req);
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

export function createYogaServer(deps: YogaDeps): Yoga {
  const { config, log } = deps;
  const limits = config.graphql;
  return createYoga<ServerContext, Context>({
    schema: deps.schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: limits.graphiql ? { title: 'Defense Allies', subscriptionsProtocol: 'WS' } : false,
    healthCheckEndpoint: '/health',
    logging: {
      debug: (...args) => log.debug({ args }, 'yoga'),
      info: (...args) => log.info({ args }, 'yoga'),
      warn: (...args) => log.warn({ args }, 'yoga'),
      error: (...args) => log.error({ args }, 'yoga'),
    },
    maskedErrors: {
      maskError: (error, message) => maskError(error, message, (e) => log.error({ err: e }, 'unexpected error')),
    },
    context: async (init: YogaInitialContext & ServerContext): Promise<Context> => {
      const header = init.connectionParams
        ? (init.connectionParams.authorization ?? init.connectionParams.Authorization)
        : init.request.headers.get('authorization');
      const token = bearer(header);
      const requestId = init.request?.headers.get('x-request-id') ?? uuidv7();
      const correlationId = init.request?.headers.get('x-correlation-id') ?? requestId;
      // X-Forwarded-For is client-controlled: only believed behind a trusted proxy (server.trustProxy).
      const forwarded = config.server.trustProxy ? init.request?.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
      const clientAddress = forwarded || init.req?.socket?.remoteAddress || 'unknown';
      // A bad token is refused outright rather than silently downgraded to anonymous.
      const viewer = token ? await deps.authenticate(token) : header ? raise(new UnauthenticatedError('Malformed Authorization header')) : null;
      // Read-your-writes: a client that got `extensions.readAfter` from a mutation sends it back as
      // `X-Read-After` and is answered only once the read models include its writes (or TIMEOUT).
      const readAfter = init.request?.headers.get('x-read-after') ?? (typeof init.connectionParams?.readAfter === 'string' ? init.connectionParams.readAfter : null);
      if (readAfter) await deps.readAfter(parseReadAfter(readAfter));
      return deps.createContext({ viewer, requestId, correlationId, clientAddress });
    },
    plugins: [
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
      ...(limits.persistedOperationsOnly && limits.persistedDocumentsFile ? [persistedOnly(limits.persistedDocumentsFile)] : []),
      ...(deps.plugins ?? []),
    ],
  });
}

/** `graphql.introspection: false`: schema introspection is refused at validation. */
const noIntrospection: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
};

/** `graphql.persistedOperationsOnly`: only documents from the allow-list file run. */
const persistedOnly = (file: string): Plugin => {
  const documents = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return usePersistedOperations({
    getPersistedOperation: (hash) => documents[hash] ?? null,
    allowArbitraryOperations: false,
    // GraphQL-over-HTTP `documentId` (what codegen clients send) or Apollo's APQ extension.
    extractPersistedOperationId: (params) => {
      const documentId = (params as { documentId?: unknown }).documentId;
      if (typeof documentId === 'string') return documentId;
      const apq = (params.extensions as { persistedQuery?: { version?: number; sha256Hash?: unknown } } | undefined)?.persistedQuery;
      return apq?.version === 1 && typeof apq.sha256Hash === 'string' ? apq.sha256Hash : null;
    },
  });
};

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

const raise = (error: Error): never => {
  throw error;
};

/** `exp` of an already verified JWT, in epoch ms. */
const tokenExpiry = (token: string): number | null => {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
};

type EnvelopedRoot = { execute: NonNullable<ServerOptions['execute']>; subscribe: NonNullable<ServerOptions['subscribe']> };

/** graphql-ws (graphql-transport-ws) on the same path; auth from connectionParams. */
export function attachWebSocket(yoga: Yoga, httpServer: HttpServer, log: Logger, authenticate: (token: string) => Promise<Viewer>) {
  const wss = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  const server = useServer(
    {
      // A bad token closes the connection (4403) instead of failing every operation on it, and a
      // good one only lasts as long as the token: the socket closes (4401) when it expires.
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        if (header === undefined) return true;
        const token = bearer(header);
        if (!token) return false;
        try {
          await authenticate(token);
        } catch {
          return false;
        }
        const exp = tokenExpiry(token);
        if (exp !== null) {
          const timer = setTimeout(() => ctx.extra.socket.close(4401, 'Access token expired'), Math.max(0, exp - Date.now()));
          timer.unref();
          ctx.extra.socket.once('close', () => clearTimeout(timer));
        }
        return true;
      },
      // Yoga's enveloped execute/subscribe travel in rootValue (see onSubscribe).
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          connectionParams: ctx.connectionParams ?? {},
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
      onError: (_ctx, _id, _payload, errors) => {
        log.debug({ errors: errors.map((e) => e.message) }, 'graphql-ws operation error');
      },
    },
    wss,
  );
  return { dispose: () => server.dispose(), wss };
}
