/**
 * The composition root: config → Redis (or the embedded store) → stores → dispatcher and every
 * context's registrations → projections and process managers → scheduler jobs → GraphQL. It only
 * wires: every behaviour lives in the module that owns it. One build, three roles (config.roles,
 * docs/deployment.md): `api` adds Yoga + graphql-ws + HTTP (createServer), `worker` starts the
 * projections and process managers, `scheduler` competes for the scheduler lease and runs the
 * cluster-wide timers while it holds it. `main.ts` and `worker.ts` call `startNode`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { newId } from './core/ids.js';
import { bootstrapAdmin, createAuthenticator, credentialsWatch, sessionCache, type SessionCache } from './auth/access.js';
import { signingKeysFrom } from './auth/keys.js';
import { logMailer, type Mailer } from './auth/mail.js';
import { createPasswordHasher } from './auth/passwords.js';
import { activeSessionsOf, authProjection, loginsBetween, registrationsBetween, usernames } from './auth/projections.js';
import { authRegistrations } from './auth/commands.js';
import { userLegacyRedaction } from './auth/legacyRedaction.js';
import { createTokenService } from './auth/tokens.js';
import { aggregateConfig, type Config, type Role } from './config.js';
import { Dispatcher } from './core/commands/dispatcher.js';
import { idempotencyMiddleware } from './core/commands/idempotency.js';
import { storageFailureMiddleware } from './core/commands/storageFailures.js';
import { publishWithRetry } from './core/projections/eventBus.js';
import { ProjectionManager } from './core/projections/manager.js';
import type { ProjectionRuntime } from './core/projections/ports.js';
import { startScheduler, type ScheduledJob, type Scheduler } from './core/scheduler.js';
import { repositoryRegistry } from './core/commands/repository.js';
import { createHistory } from './core/commands/history.js';
import { loadBalance } from './game/balanceSchema.js';
import { gameRegistrations, gameSessionReader, gameSessionTimeTravel } from './game/commands.js';
import { gameLegacyRedaction } from './game/legacyRedaction.js';
import { gameProcessManagers, internalGameRegistrations, matchmakingJob } from './game/processManagers.js';
import { gameProjection, gamesCreatedBetween } from './game/projections.js';
import { gameUpcasts } from './game/upcasters.js';
import type { AppServices } from './graphql/context.js';
import { contextFactory } from './graphql/context.js';
import { httpListener } from './graphql/httpServer.js';
import { createReplays } from './graphql/replays.js';
import { createArchiveReader } from './ops/archiveReader.js';
import { sessionGuardPlugin } from './graphql/sessionGuard.js';
import { sharedExecutionPlugin } from './graphql/sharedExecution.js';
import { slowSubscriberPlugin } from './graphql/slowSubscribers.js';
import { buildSchema } from './schema.js';
import { createYogaServer, persistedAllowListOf, type Yoga } from './graphql/yoga.js';
import { LiveFanOut } from './graphql/liveFanOut.js';
import { createInfrastructure, createReadModels, type Infrastructure, type ReadModels } from './infrastructure/index.js';
import { createLogger, type Logger } from './logger.js';
import { createOpsMetrics, instrumentDispatcher, opsProjections, snapshotTarget, startOps, type OpsRuntime } from './ops/index.js';
import { readinessCheck, type ReadinessReport } from './ops/readiness.js';
import { createRuntimeSettings } from './ops/runtimeSettings.js';
import { retentionJob } from './ops/schedules.js';
import { statusServer } from './ops/statusServer.js';
import { commandSpans, operationSpans, tracedConsumer, tracedRepositories } from './ops/tracing.js';
import type { Tracer } from '@opentelemetry/api';

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
  /** This process's roles (config.roles). */
  readonly roles: readonly Role[];
  /** Starts what the roles ask for: projections and process managers (worker), the scheduler (scheduler). */
  start(): Promise<void>;
  /** The scheduler, once started (scheduler role only). */
  scheduler(): Scheduler | null;
  /** /ready of this process, by role; `shuttingDown` comes from whoever serves it. */
  readiness(shuttingDown: () => boolean): () => Promise<ReadinessReport>;
  /** The session check's cache (null when `auth.sessionCache.entries` is 0). */
  readonly sessions: SessionCache | null;
  /** Stops timers, the scheduler (releasing its lease) and projections, then closes connections. */
  stop(): Promise<void>;
}

/** Adapters a deployment (or a test) plugs in instead of the defaults. */
export interface Adapters {
  /** How mail reaches people (email verification); default: logged, not sent. */
  readonly mailer?: Mailer;
  /** OpenTelemetry spans for commands, loads, appends and projections (ops/tracing.ts); none when absent. */
  readonly tracer?: Tracer;
}

export async function compose(config: Config, log: Logger, adapters: Adapters = {}): Promise<Composition> {
  const roles = config.roles;
  const nodeId = `${hostname()}-${process.pid}-${newId().slice(-6)}`;
  const tracer = adapters.tracer;
  const infrastructure = await createInfrastructure(config, log);
  if (infrastructure.kind === 'memory' && !(roles.includes('api') && roles.includes('worker'))) {
    await infrastructure.close();
    // Development falls back to the embedded store when Redis is unreachable; split roles cannot share it.
    throw new Error(`ROLES=${roles.join(',')} needs Redis (REDIS_URL is not reachable): the embedded in-memory store lives inside one process and cannot be shared`);
  }
  for (const step of gameUpcasts) infrastructure.upcasters.register(step.eventType, step.fromSchemaVersion, step.upcast);
  // Rebuilds read compacted events back from the archives (the cold tier of the log): see ops/archiveReader.ts.
  const readModels = createReadModels(config, infrastructure, log, createArchiveReader(config.compaction.archiveDir));
  const manager = createProjectionManager(config, readModels.runtime, log, roles.join('+'));
  const { readStore, bus } = readModels;
  const partitions = config.eventStore.partitions;

  const repositories = repositoryRegistry(infrastructure, (type) => aggregateConfig(config, type), config.performance.aggregateCacheEntries, config.performance.aggregateCacheIdleSeconds * 1000);
  const dispatcher = new Dispatcher({
    conflictRetries: config.performance.conflictRetries,
    idempotencyTtlSeconds: config.idempotency.ttlSeconds,
    repositoryFor: tracer ? tracedRepositories(tracer, repositories, infrastructure.kind) : repositories,
  });
  // First, so the command's span (and its traceparent in the metadata) wraps everything after it.
  if (tracer) dispatcher.use(commandSpans(tracer));
  const metrics = createOpsMetrics();
  instrumentDispatcher(dispatcher, metrics, log);
  dispatcher.use(storageFailureMiddleware({ classify: infrastructure.classifyFailure, durabilityRetryAfterMs: config.eventStore.replicationTimeoutMs }));
  dispatcher.use(idempotencyMiddleware(infrastructure.idempotencyStore, config.idempotency.ttlSeconds, infrastructure.durability, infrastructure.outcomeUnknown));
  // The session check's cache: this node's own session commits drop their entries before answering.
  const sessions = config.auth.sessionCache.entries > 0 ? sessionCache(dispatcher, bus, readModels.busLink, config.auth.sessionCache) : null;
  if (sessions) {
    dispatcher.onCommitted((result) => sessions.forget(result.events));
    await sessions.start();
  }
  // Live fan-out to subscribers on every node; durable consumers read the partition logs instead.
  // Retried while Redis fails over (a lost publish would leave followers short until the next event).
  let stopping = false;
  dispatcher.onCommitted((result) =>
    publishWithRetry(bus, result.events, { stopped: () => stopping }).catch((error: unknown) => log.warn({ err: error }, 'live publish failed')),
  );

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
      mailer: adapters.mailer ?? logMailer(log),
      newId,
      vault: infrastructure.vault,
      // Bound late: ops starts after the auth registrations (forgetUser only calls it at run time).
      redactLegacyPersonalData: (userId, metadata) => ops.redactPersonalData(userId, metadata),
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
      newId,
      sealPersonal: (subjectId, text) => infrastructure.vault.seal(subjectId, text),
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
    rotateDataKeys: () => infrastructure.vault.rewrapAll(),
    legacyPersonalData: [userLegacyRedaction, gameLegacyRedaction],
    reportSources: { facts: { gamesCreated: gamesCreatedBetween(readStore), logins: loginsBetween(readStore), registrations: registrationsBetween(readStore) } },
    ping: infrastructure.ping,
    eventBusMetrics: () => bus.metrics(),
    nodeId,
    newId,
  });

  // Every durable consumer of the partition logs; processes that do not run them still read their collections.
  const consumers = [authProjection, gameProjection, ...opsProjections(partitions, (type) => ['event_sourced', 'hybrid'].includes(config.aggregates[type]?.storage ?? 'state_based')), ...gameProcessManagers(dispatcher)];
  for (const consumer of consumers) if ('collections' in consumer) readStore.own(consumer.name, consumer.collections);
  manager.register(...(tracer ? consumers.map((consumer) => tracedConsumer(tracer, consumer)) : consumers));

  const history = createHistory(infrastructure, () => dispatcher.aggregates(), (type) => aggregateConfig(config, type));
  // One bus subscription per followed game on this node, bounded queues per subscriber.
  const bufferLimit = config.eventBus.bufferSize;
  const fanOut = new LiveFanOut({ bus, eventStore: infrastructure.eventStore, bufferLimit, onError: (error) => log.warn({ err: error }, 'live refill failed') });
  const services: AppServices = {
    readStore,
    eventStore: infrastructure.eventStore,
    live: { asyncIterator: (filter) => bus.asyncIterator(filter, { bufferLimit }) },
    liveStreams: fanOut,
    partitions,
    waitForProjections: (events) => manager.waitForEvents(events, config.performance.readYourWritesTimeoutMs),
    projections: manager,
    settings,
    metrics,
    gameSessions: gameSessionReader(dispatcher),
    gameSessionAt: gameSessionTimeTravel(history),
    history,
    replays: createReplays(config.replay, infrastructure.slots, (error) => log.warn({ err: error }, 'replay slot round trip failed')),
    balance,
    vault: infrastructure.vault,
  };

  // Cluster-wide timers, run by whichever scheduler process holds the lease. The metrics sampler
  // is not one of them: each process samples its own counters into its own series (ops/sampler.ts).
  const jobs: ScheduledJob[] = [matchmakingJob(dispatcher, balance, config.scheduler.matchmakingTickMs)];
  if (infrastructure.maintenanceStore && config.scheduler.retentionEveryMinutes > 0) jobs.push(retentionJob(dispatcher, config.scheduler.retentionEveryMinutes * 60_000));
  let scheduler: Scheduler | null = null;
  const startSchedulerRole = () =>
    startScheduler({
      leases: infrastructure.leases,
      holder: nodeId,
      ttlMs: config.scheduler.leaseTtlMs,
      jobs,
      onError: (error, context) => log.warn({ ...context, err: error instanceof Error ? error.message : String(error) }, 'scheduler error'),
      onChange: (change) => log.info({ token: change.token, reason: change.reason, jobs: jobs.map((j) => j.name) }, change.active ? 'scheduler active' : 'scheduler standby'),
    });
  if (roles.includes('scheduler')) metrics.attach({ schedulerActive: () => scheduler?.isActive() ?? false });

  return {
    config,
    log,
    infrastructure,
    readModels,
    dispatcher,
    projections: manager,
    services,
    ops,
    authenticate: createAuthenticator(tokens, sessions ?? dispatcher),
    sessions,
    roles,
    async start() {
      if (roles.includes('worker')) await manager.start();
      if (roles.includes('scheduler')) scheduler ??= startSchedulerRole();
    },
    scheduler: () => scheduler,
    readiness: (shuttingDown) =>
      readinessCheck({
        roles,
        storage: infrastructure.kind,
        ping: infrastructure.ping,
        shuttingDown,
        ...(roles.includes('worker') ? { projections: () => manager.states() } : {}),
        ...(roles.includes('scheduler') ? { scheduler: () => scheduler?.status() ?? null } : {}),
      }),
    async stop() {
      stopping = true;
      await scheduler?.stop();
      ops.sampler.stop();
      await sessions?.stop();
      await manager.stop();
      await fanOut.close();
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
    lingerMs: config.eventBus.lingerMs,
    onError: (error, context) => log.warn({ ...context, err: error instanceof Error ? error.message : String(error) }, 'projection error'),
  });
  manager.onStatusChange((change) => log.info({ projection: change.name, state: change.state, previous: change.previous, error: change.error }, 'projection state'));
  return manager;
};

export interface ServerOptions {
  readonly config: Config;
  readonly log?: Logger;
  /** Run projections and process managers in this process (default: when config.roles has worker). */
  readonly runProjections?: boolean;
  /** How mail reaches people (email verification); default: logged, not sent. */
  readonly mailer?: Mailer;
  /** OpenTelemetry tracer (ops/tracing.ts `tracingFromEnv`); without one nothing is traced. */
  readonly tracer?: Tracer;
}

export interface AppServer extends Composition {
  readonly yoga: Yoga;
  /** Starts HTTP + WebSocket on `port` (default config.server.port; 0 = any free port). */
  listen(port?: number): Promise<{ port: number; url: string }>;
  /** Graceful: readiness goes false, connections drain, subscriptions complete, Redis closes. */
  close(): Promise<void>;
}

/** A process with the api role: the composition plus Yoga, graphql-ws and HTTP, and whatever other roles it has. */
export async function createServer(options: ServerOptions): Promise<AppServer> {
  const withoutWorker = options.runProjections === false;
  const config: Config = withoutWorker ? { ...options.config, roles: options.config.roles.filter((r) => r !== 'worker') } : options.config;
  const log = options.log ?? createLogger(config.server.logLevel);
  const app = await compose(config, log, { mailer: options.mailer, tracer: options.tracer });
  let shuttingDown = false;
  const allowList = persistedAllowListOf(config.graphql);
  const yoga = createYogaServer({
    schema: buildSchema(),
    allowList,
    config,
    log,
    authenticate: app.authenticate,
    // Without a configured secret (development only: production config requires one), fingerprints need only agree within this process.
    createContext: contextFactory(app.dispatcher, app.services, config.idempotency.secret ?? config.auth.jwtSecret ?? randomBytes(32).toString('base64url')),
    ready: app.readiness(() => shuttingDown),
    readAfter: (positions) => app.projections.waitForPosition(positions, config.performance.readYourWritesTimeoutMs),
    classifyFailure: app.infrastructure.classifyFailure,
    onUnavailable: (error) => app.services.metrics.storageFailure(error.reason),
    plugins: [
      ...(options.tracer ? [operationSpans(options.tracer)] : []),
      ...app.ops.plugins,
      sharedExecutionPlugin(),
      slowSubscriberPlugin(() => app.services.metrics.subscriberCutOff()),
      sessionGuardPlugin(credentialsWatch(app.readModels.bus, (error) => log.warn({ err: error }, 'session watch failed'))),
    ],
  });
  await app.start();
  const created = await bootstrapAdmin(config.auth, app.dispatcher, app.infrastructure.uniqueness);
  if (created === 'created') log.info({ username: config.auth.adminUsername }, 'admin user created');
  const http = httpListener(yoga, log, app.authenticate, config.graphql.maxBodyBytes, config.graphql.wsKeepAliveMs, allowList);
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

/** One running process of the build, whatever its roles. */
export interface Node {
  readonly roles: readonly Role[];
  /** The port of the API, or of the status endpoints of a process without the api role. */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * What `npm start` (and `npm run worker`, with ROLES=worker) runs: with the api role, the API
 * server on server.port; without it, the roles' work plus /health, /ready and /metrics on
 * server.port (ops/statusServer.ts).
 */
export async function startNode(config: Config, log: Logger, tracer?: Tracer): Promise<Node> {
  if (config.roles.includes('api')) {
    const server = await createServer({ config, log, ...(tracer ? { tracer } : {}) });
    const { port } = await server.listen();
    return { roles: config.roles, port, close: () => server.close() };
  }
  const app = await compose(config, log, tracer ? { tracer } : {});
  let shuttingDown = false;
  const status = statusServer({ ready: app.readiness(() => shuttingDown), metrics: app.services.metrics, metricsToken: config.metrics.token, roles: config.roles, log });
  await app.start();
  const { port } = await status.listen(config.server.port);
  log.info({ port, roles: config.roles, projections: config.roles.includes('worker') ? app.projections.names() : [] }, `${config.roles.join('+')} process started; status on http://localhost:${port}/ready`);
  return {
    roles: config.roles,
    port,
    async close() {
      shuttingDown = true;
      // Current batches finish, partitions and the scheduler lease are released for the others.
      await app.stop();
      await status.close();
    },
  };
}
