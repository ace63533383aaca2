/**
 * Composition root: config → Redis (or the embedded store) → stores → dispatcher → projections →
 * Yoga + graphql-ws → listen. Everything is built here once and passed down as parameters.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { Config } from './config.js';
import { createApplication } from './application.js';
import type { Dispatcher } from './core/dispatcher.js';
import { UnauthenticatedError } from './core/errors.js';
import type { CommandMetadata } from './core/messages.js';
import { sessionAggregate } from './auth/commands.js';
import { isSessionActive } from './auth/domain/session.js';
import { startMatchmakingTimer } from './game/processManagers.js';
import type { Context, Viewer } from './graphql/context.js';
import { buildSchema } from './graphql/schema.js';
import { attachWebSocket, createYogaServer, type Yoga } from './graphql/yoga.js';
import { createInfrastructure, type Infrastructure } from './infrastructure/wiring.js';
import { createLogger, type Logger } from './logger.js';
import { createReadSide, type ReadSide } from './readSide.js';
import type { AppServices } from './services.js';

export interface ServerOptions {
  readonly config: Config;
  readonly log?: Logger;
  /** Run projections and process managers in this process (default true). */
  readonly runProjections?: boolean;
}

export interface AppServer {
  readonly config: Config;
  readonly log: Logger;
  readonly yoga: Yoga;
  readonly services: AppServices;
  readonly infrastructure: Infrastructure;
  readonly readSide: ReadSide;
  /** Starts HTTP + WebSocket on `port` (default config.server.port; 0 = any free port). */
  listen(port?: number): Promise<{ port: number; url: string }>;
  /** Graceful: readiness goes false, connections drain, subscriptions complete, Redis closes. */
  close(): Promise<void>;
}

const fingerprint = (value: unknown): string => createHash('sha256').update(JSON.stringify(value ?? null)).digest('hex');

export async function createServer(options: ServerOptions): Promise<AppServer> {
  const { config } = options;
  const log = options.log ?? createLogger(config.server.logLevel);
  const infrastructure = await createInfrastructure(config, log);
  const readSide = createReadSide({ config, log, infrastructure });
  const { dispatcher, settings, tokens, metrics, ops } = await createApplication({ config, log, infrastructure, readSide });

  const services: AppServices = {
    config,
    log,
    dispatcher,
    readStore: readSide.readStore,
    eventStore: infrastructure.eventStore,
    stateStore: infrastructure.stateStore,
    live: readSide.live,
    waitForProjections: (events, timeoutMs) => readSide.waitFor(events, timeoutMs ?? config.performance.readYourWritesTimeoutMs),
    positionsOf: (events) =>
      events.filter((e) => e.position !== undefined).map((e) => `${infrastructure.keys.partitionOf(e.aggregateType, e.aggregateId)}:${e.position}`),
    waitForPositions: (tokens, timeoutMs) => readSide.manager.waitForPosition(tokens, timeoutMs ?? config.performance.readYourWritesTimeoutMs),
    projections: readSide.manager,
    settings,
    metrics,
  };

  /** Signature and claims, then the session: logout and revocation take effect at once. */
  const authenticate = async (token: string): Promise<Viewer> => {
    const claims = await tokens.verifyAccessToken(token);
    const { state } = await dispatcher.load(sessionAggregate, claims.sessionId);
    if (!isSessionActive(state, new Date().toISOString())) throw new UnauthenticatedError('Session has ended');
    return { userId: claims.userId, sessionId: claims.sessionId, roles: claims.roles };
  };

  const createContext = (base: Pick<Context, 'viewer' | 'requestId' | 'correlationId' | 'clientAddress'>): Context => {
    const metadata = (): Partial<CommandMetadata> => ({
      correlationId: base.correlationId,
      ...(base.viewer ? { userId: base.viewer.userId, roles: base.viewer.roles, sessionId: base.viewer.sessionId } : {}),
    });
    return {
      ...base,
      services,
      positions: [],
      dispatch: (command, dispatchOptions) =>
        dispatcher.dispatch(command, {
          ...metadata(),
          ...(dispatchOptions?.idempotencyKey ? { idempotency: { key: dispatchOptions.idempotencyKey, fingerprint: fingerprint(dispatchOptions.input) } } : {}),
        }),
    };
  };

  let shuttingDown = false;
  const yoga = createYogaServer({
    schema: buildSchema(),
    config,
    log,
    authenticate,
    createContext,
    ready: async () => {
      const redis = await infrastructure.ping();
      const projections = readSide.healthy();
      return {
        ready: !shuttingDown && redis && projections,
        storage: infrastructure.kind,
        durable: infrastructure.kind === 'redis',
        ...(infrastructure.kind === 'memory' ? { warning: 'embedded in-memory store: nothing is durable' } : {}),
        redis,
        projections: projections ? 'ok' : 'faulted',
        shuttingDown,
      };
    },
    readAfter: (tokens) => services.waitForPositions(tokens),
    plugins: ops.plugins,
  });

  if (options.runProjections ?? true) await readSide.start();
  const stopMatchmaking = startMatchmakingTimer(dispatcher, settings, 2_000, (error) => log.warn({ err: error }, 'matchmaking tick failed'));
  await bootstrapAdmin(config, dispatcher, infrastructure, log);

  let http: HttpServer | null = null;
  let ws: ReturnType<typeof attachWebSocket> | null = null;

  return {
    config,
    log,
    yoga,
    services,
    infrastructure,
    readSide,
    async listen(port = config.server.port) {
      http = createHttpServer(yoga);
      ws = attachWebSocket(yoga, http, log, authenticate);
      await new Promise<void>((resolve, reject) => {
        http!.once('error', reject);
        http!.listen(port, () => resolve());
      });
      const actual = (http.address() as AddressInfo).port;
      log.info({ port: actual, storage: infrastructure.kind }, `Defense Allies server listening on http://localhost:${actual}/graphql`);
      return { port: actual, url: `http://127.0.0.1:${actual}` };
    },
    async close() {
      shuttingDown = true;
      stopMatchmaking();
      ops.sampler.stop();
      if (http) {
        const closed = new Promise((resolve) => http!.close(resolve));
        http.closeIdleConnections();
        await ws?.dispose();
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
        http.closeAllConnections();
      }
      await yoga.dispose();
      await readSide.stop();
      await infrastructure.close();
    },
  };
}

/** ADMIN_USERNAME + ADMIN_PASSWORD: create that admin at start when no such user exists. */
async function bootstrapAdmin(config: Config, dispatcher: Dispatcher, infrastructure: Infrastructure, log: Logger): Promise<void> {
  const { adminUsername, adminPassword, adminEmail } = config.auth;
  if (!adminUsername || !adminPassword) return;
  if (await infrastructure.uniqueness.lookup('username', adminUsername.toLowerCase())) return;
  try {
    await dispatcher.dispatch(
      { type: 'RegisterUser', data: { username: adminUsername, email: adminEmail ?? `${adminUsername.toLowerCase()}@admin.invalid`, password: adminPassword, roles: ['ADMIN', 'PLAYER'] } },
      { userId: 'system', roles: ['ADMIN'] },
    );
    log.info({ username: adminUsername }, 'admin user created');
  } catch (error) {
    log.error({ err: error }, 'admin bootstrap failed');
    throw error;
  }
}
