/**
 * The composition root: config → Redis (or the embedded store) → stores → dispatcher and every
 * context's registrations → projections and process managers → GraphQL. It only wires: every
 * behaviour lives in the module that owns it. `main.ts` (API) and `worker.ts` (projections only)
 * both start from `compose`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { bootstrapAdmin, createAuthenticator, credentialsWatch } from './auth/access.js';
import { signingKeysFrom } from './auth/keys.js';
import { createPasswordHasher } from './auth/passwords.js';
import { activeSessionsOf, authProjection, loginsBetween, registrationsBetween, usernames } from './auth/projections.js';
import { authRegistrations } from './auth/commands.js';
import { createTokenService } from './auth/tokens.js';
import { aggregateConfig, type Config } from './config.js';
import { Dispatcher } from './core/commands/dispatcher.js';
import { idempotencyMiddleware } from './core/commands/idempotency.js';
import { ProjectionManager } from './core/projections/manager.js';
import type { ProjectionRuntime } from './core/projections/ports.js';
import { repositoryRegistry } from './core/commands/repository.js';
import { loadBalance } from './game/balanceSchema.js';
import { gameRegistrations, gameSessionReader } from './game/commands.js';
import { gameProcessManagers, internalGameRegistrations, startMatchmakingTimer } from './game/processManagers.js';
import { gameProjection, gamesCreatedBetween } from './game/projections.js';
import { gameUpcasts } from './game/upcasters.js';
import type { AppServices } from './graphql/context.js';
import { contextFactory } from './graphql/context.js';
import { httpListener } from './graphql/httpServer.js';
import { sessionGuardPlugin } from './graphql/sessionGuard.js';
import { buildSchema } from './schema.js';
import { createYogaServer, type Yoga } from './graphql/yoga.js';
import { createInfrastructure, createReadModels, type Infrastructure, type ReadModels } from './infrastructure/index.js';
import { createLogger, type Logger } from './logger.js';
import { createOpsMetrics, instrumentDispatcher, opsProjections, snapshotTarget, startOps, type OpsRuntime } from './ops/index.js';
import { createRuntimeSettings } from './ops/runtimeSettings.js';

/** One process's application: shared by the API server and the standalone projection worker. */
export interface Composition {
  readonly config: Config;
  readonly log: Logger;
  readonly infrastructure: Infrastructure;
  readonly readModels: ReadModels;
  readonly dispatcher: Dispatcher;
  readonly projections: ProjectionManager;
  readonly services: AppServices;
  readonly ops: OpsRuntime;
  readonly authenticate: ReturnType<typeof createAuthenticator>;
  /** Starts the projections and process managers of this process. */
  startProjections(): Promise<void>;
  /** Stops timers and projections, then closes connections. */
  stop(): Promise<void>;
}

export async function compose(config: Config, log: Logger, role: 'api' | 'worker'): Promise<Composition> {
  const infrastructure = await createInfrastructure(config, log);
  for (const step of gameUpcasts) infrastructure.upcasters.register(step.eventType, step.fromSchemaVersion, step.upcast);
  const readModels = createReadModels(config, infrastructure, log);
  const manager = createProjectionManager(config, readModels.runtime, log, role);
  const { readStore, bus } = readModels;
  const partitions = config.eventStore.partitions;

  const dispatcher = new Dispatcher({
    conflictRetries: config.performance.conflictRetries,
    repositoryFor: repositoryRegistry(infrastructure, (type) => aggregateConfig(config, type)),
  });
  const metrics = createOpsMetrics();
  instrumentDispatcher(dispatcher, metrics, log);
  dispatcher.use(idempotencyMiddleware(infrastructure.idempotencyStore, config.idempotency.ttlSeconds));
  // Live fan-out to subscribers on every node; durable consumers read the partition logs instead.
  dispatcher.onCommitted((result) => bus.publishBatch(result.events).catch((error: unknown) => log.warn({ err: error }, 'live publish failed')));

  const baseBalance = loadBalance();
  const settings = createRuntimeSettings(readStore, config, baseBalance);
  const balance = () => settings.overlay(baseBalance);
  const tokens = createTokenService({
    keys: await signingKeysFrom(config, log),
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    accessTokenTtlSeconds: config.auth.accessTokenTtlSeconds,
  });
  dispatcher.register(
    ...authRegistrations({
      config,
      uniqueness: infrastructure.uniqueness,
      rateLimiter: infrastructure.rateLimiter,
      passwords: createPasswordHasher({ N: 2 ** config.auth.scrypt.log2N, r: config.auth.scrypt.r, p: config.auth.scrypt.p }),
      tokens,
      newId: uuidv7,
      vault: infrastructure.vault,
      activeSessions: activeSessionsOf(readStore),
      limits: async () => {
        const values = await settings.values();
        return {
          registrationsPerAddressPerMinute: values['auth.register.perAddressPerMinute'],
          loginMaxFailures: values['auth.login.maxFailures'],
          loginLockSeconds: values['auth.login.lockSeconds'],
        };
      },
    }),
    ...gameRegistrations({
      readStore,
      playerName: usernames(readStore),
      balance,
      contentStore: infrastructure.contentStore,
      newId: uuidv7,
    }),
    ...internalGameRegistrations(balance),
  );
  const ops = startOps({
    log,
    dispatcher,
    readStore,
    metrics,
    settings,
    partitions,
    maintenanceStore: infrastructure.maintenanceStore,
    snapshotStore: infrastructure.snapshotStore,
    projections: manager,
    aggregates: () => dispatcher.aggregates().map((definition) => snapshotTarget(dispatcher, definition)),
    storageOf: (type) => {
      try {
        return aggregateConfig(config, type);
      } catch {
        return null;
      }
    },
    compaction: config.compaction,
    retention: config.retention,
    reportSources: { facts: { gamesCreated: gamesCreatedBetween(readStore), logins: loginsBetween(readStore), registrations: registrationsBetween(readStore) } },
    ping: infrastructure.ping,
    eventBusMetrics: () => bus.metrics(),
    nodeId: `${hostname()}-${process.pid}-${uuidv7().slice(-6)}`,
    newId: uuidv7,
  });

  // Every durable consumer of the partition logs; processes that do not run them still read their collections.
  const consumers = [authProjection, gameProjection, ...opsProjections(partitions), ...gameProcessManagers(dispatcher)];
  for (const consumer of consumers) if ('collections' in consumer) readStore.own(consumer.name, consumer.collections);
  manager.register(...consumers);

  const services: AppServices = {
    readStore,
    eventStore: infrastructure.eventStore,
    live: bus,
    partitions,
    waitForProjections: (events) => manager.waitForEvents(events, config.performance.readYourWritesTimeoutMs),
    projections: manager,
    settings,
    metrics,
    gameSessions: gameSessionReader(dispatcher),
    vault: infrastructure.vault,
  };

  const stopMatchmaking = role === 'api' ? startMatchmakingTimer(dispatcher, balance, 2_000, (error) => log.warn({ err: error }, 'matchmaking tick failed')) : () => {};
  return {
    config,
    log,
    infrastructure,
    readModels,
    dispatcher,
    projections: manager,
    services,
    ops,
    authenticate: createAuthenticator(tokens, dispatcher),
    startProjections: () => manager.start(),
    async stop() {
      stopMatchmaking();
      ops.sampler.stop();
      await manager.stop();
      await readModels.close();
      await infrastructure.close();
    },
  };
}

/** Projections and process managers of this process, tuned by configs/cqrs.yaml (eventBus.*). */
const createProjectionManager = (config: Config, runtime: ProjectionRuntime, log: Logger, role: string): ProjectionManager => {
  const manager = new ProjectionManager({
    runtime,
    // Unique per process: workers and API nodes share the partitions as different consumers.
    consumer: `${role}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    batchSize: config.eventBus.batchSize,
    retry: config.eventBus.retry,
    claimIdleMs: config.eventBus.claimIdleMs,
    blockMs: config.eventBus.blockMs,
    onError: (error, context) => log.warn({ ...context, err: error instanceof Error ? error.message : String(error) }, 'projection error'),
  });
  manager.onStatusChange((change) => log.info({ projection: change.name, state: change.state, previous: change.previous, error: change.error }, 'projection state'));
  return manager;
};

export interface ServerOptions {
  readonly config: Config;
  readonly log?: Logger;
  /** Run projections and process managers in this process (default true). */
  readonly runProjections?: boolean;
}

export interface AppServer extends Composition {
  readonly yoga: Yoga;
  /** Starts HTTP + WebSocket on `port` (default config.server.port; 0 = any free port). */
  listen(port?: number): Promise<{ port: number; url: string }>;
  /** Graceful: readiness goes false, connections drain, subscriptions complete, Redis closes. */
  close(): Promise<void>;
}

/** The API process: the composition plus Yoga, graphql-ws and HTTP. */
export async function createServer(options: ServerOptions): Promise<AppServer> {
  const { config } = options;
  const log = options.log ?? createLogger(config.server.logLevel);
  const app = await compose(config, log, 'api');
  const runProjections = options.runProjections ?? true;
  let shuttingDown = false;
  const yoga = createYogaServer({
    schema: buildSchema(),
    config,
    log,
    authenticate: app.authenticate,
    // Without a configured secret (development only: production config requires one), fingerprints need only agree within this process.
    createContext: contextFactory(app.dispatcher, app.services, config.idempotency.secret ?? config.auth.jwtSecret ?? randomBytes(32).toString('base64url')),
    ready: async () => {
      const redis = await app.infrastructure.ping();
      const projections = !runProjections || app.projections.states().every((s) => s.state !== 'faulted');
      const memory = app.infrastructure.kind === 'memory';
      return {
        ready: !shuttingDown && redis && projections,
        storage: app.infrastructure.kind,
        durable: !memory,
        ...(memory ? { warning: 'embedded in-memory store: nothing is durable' } : {}),
        redis,
        projections: projections ? 'ok' : 'faulted',
        shuttingDown,
      };
    },
    readAfter: (positions) => app.projections.waitForPosition(positions, config.performance.readYourWritesTimeoutMs),
    plugins: [...app.ops.plugins, sessionGuardPlugin(credentialsWatch(app.readModels.bus, (error) => log.warn({ err: error }, 'session watch failed')))],
  });
  if (runProjections) await app.startProjections();
  const created = await bootstrapAdmin(config.auth, app.dispatcher, app.infrastructure.uniqueness);
  if (created === 'created') log.info({ username: config.auth.adminUsername }, 'admin user created');
  const http = httpListener(yoga, log, app.authenticate, config.graphql.maxBodyBytes);
  return {
    ...app,
    yoga,
    listen: (port = config.server.port) => http.listen(port),
    async close() {
      shuttingDown = true;
      await http.close();
      await yoga.dispose();
      await app.stop();
    },
  };
}
