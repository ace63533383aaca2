/**
 * graphql-ws (graphql-transport-ws) on the API's HTTP server and GraphQL path, executing through
 * Yoga's envelope so plugins, context and guard rails are the same as over HTTP.
 */
import type { Server as HttpServer } from 'node:http';
import { GraphQLError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';
import { isAppError, UnauthenticatedError } from '../core/errors.js';
import type { Viewer } from './context.js';
import { isGraphQLError, toGraphQLError } from './errors.js';
import { bearer, type PersistedAllowList, type Yoga } from './yoga.js';

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

/** A header out of a loosely typed map (`Authorization` or `authorization`). */
const headerIn = (headers: unknown, name: string): unknown => {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (headers as Record<string, unknown>)[key];
};

/**
 * graphql-ws (graphql-transport-ws) on the same path. The token comes from `connectionParams`
 * (`{ authorization: 'Bearer …' }`, checked once at connection) or per operation from
 * `extensions.headers` (what GraphiQL sends from its Headers tab, with an empty
 * `connection_init`); the operation's own header wins. Either way the same checks apply: a bad,
 * expired or revoked token is refused, and the socket closes (4401) when a token it uses expires.
 */
export function attachWebSocket(
  yoga: Yoga,
  httpServer: HttpServer,
  log: Logger,
  authenticate: (token: string) => Promise<Viewer>,
  maxPayload: number,
  keepAliveMs = 12_000,
  /** `graphql.persistedOperationsOnly`: only these documents run over graphql-ws too. */
  allowList: PersistedAllowList | null = null,
) {
  // The same size limit as HTTP bodies (ws would take 100 MiB messages by default).
  const wss = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint, maxPayload });
  const closeAtExpiry = (socket: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): unknown }, token: string) => {
    const exp = tokenExpiry(token);
    if (exp === null) return;
    const timer = setTimeout(() => socket.close(4401, 'Access token expired'), Math.max(0, exp - Date.now()));
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
  const server = useServer(
    {
      // A bad token closes the connection (4403) instead of failing every operation on it, and a
      // good one only lasts as long as the token: the socket closes (4401) when it expires.
      onConnect: async (ctx) => {
        const header = headerIn(ctx.connectionParams, 'authorization');
        if (header === undefined) return true;
        const token = bearer(header);
        if (!token) return false;
        try {
          await authenticate(token);
        } catch {
          return false;
        }
        closeAtExpiry(ctx.extra.socket, token);
        return true;
      },
      // Yoga's enveloped execute/subscribe travel in rootValue (see onSubscribe).
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const operationHeader = headerIn(params.extensions?.headers, 'authorization');
        const { authorization: _a, Authorization: _A, ...rest } = ctx.connectionParams ?? {};
        const header = operationHeader ?? headerIn(ctx.connectionParams, 'authorization');
        const connectionParams = header === undefined ? rest : { ...rest, authorization: header };
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          connectionParams,
        });
        let document;
        let contextValue;
        try {
          // Persisted-operations-only: a subscribe must name a listed document or send one verbatim.
          const query = allowList ? allowList.documentFor(params as typeof params & { documentId?: unknown }) : params.query;
          if (query === null) {
            return [new GraphQLError('Only persisted operations may run on this server (graphql.persistedOperationsOnly)', { extensions: { code: 'PERSISTED_QUERY_ONLY' } })];
          }
          document = parse(query);
          // Verifies the token (signature, expiry, live session) like every HTTP request.
          contextValue = await contextFactory();
        } catch (error) {
          // The socket's own credentials (connection_init) have ended (logout, revocation, expiry):
          // the socket is done, as it would have been closed at expiry, so close it with 4401.
          const unauthenticated = error instanceof UnauthenticatedError || (isGraphQLError(error) && error.extensions?.code === 'UNAUTHENTICATED');
          if (unauthenticated && operationHeader === undefined && header !== undefined) {
            ctx.extra.socket.close(4401, (error as Error).message);
          }
          if (isAppError(error)) return [toGraphQLError(error)];
          if (isGraphQLError(error)) return [error];
          throw error;
        }
        if (operationHeader !== undefined) {
          const token = bearer(operationHeader);
          if (token) closeAtExpiry(ctx.extra.socket, token);
        }
        const args = { schema, operationName: params.operationName, document, variableValues: params.variables, contextValue, rootValue: { execute, subscribe } };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
      onError: (_ctx, _id, _payload, errors) => {
        log.debug({ errors: errors.map((e) => e.message) }, 'graphql-ws operation error');
      },
    },
    wss,
    // A client that answers no ping by the next one is dropped (1006); 0 turns pings off.
    keepAliveMs,
  );
  return { dispose: () => server.dispose(), wss };
}
