/**
 * The command side of one process: repositories per configured storage strategy, the dispatcher
 * with its middleware and every context's registrations, runtime settings, tokens and passwords,
 * and the durable consumers registered on the read side. Shared by the API server and the
 * standalone projection worker (whose process managers dispatch commands too).
 */
import { v7 as uuidv7 } from 'uuid';
import { aggregateConfig, type Config } from './config.js';
import { Dispatcher } from './core/dispatcher.js';
import { idempotencyMiddleware } from './core/idempotency.js';
import { createRepository, type AggregateDefinition, type Repository } from './core/repository.js';
import { authRegistrations } from './auth/commands.js';
import { signingKeysFrom } from './auth/keys.js';
import { createPasswordHasher, type PasswordHasher } from './auth/passwords.js';
import { createTokenService, type TokenService } from './auth/tokens.js';
import { loadBalance } from './game/balanceSchema.js';
import { gameRegistrations } from './game/commands.js';
import { internalGameRegistrations } from './game/processManagers.js';
import type { Infrastructure } from './infrastructure/wiring.js';
import type { Logger } from './logger.js';
import { createRuntimeSettings, type RuntimeSettings } from './ops/runtimeSettings.js';
import { registeredProjections } from './projections.js';
import type { ReadSide } from './readSide.js';
import { hostname } from 'node:os';
import { userAggregate } from './auth/commands.js';
import { gameSessionAggregate, matchQueueAggregate } from './game/commands.js';
import { createOpsMetrics, instrumentDispatcher, opsSnapshotTargets, snapshotTarget, startOps, type OpsMetrics, type OpsRuntime } from './ops/index.js';

export interface Application {
  readonly dispatcher: Dispatcher;
  readonly metrics: OpsMetrics;
  readonly ops: OpsRuntime;
  readonly settings: RuntimeSettings;
  readonly tokens: TokenService;
  readonly passwords: PasswordHasher;
}

export async function createApplication(options: { config: Config; log: Logger; infrastructure: Infrastructure; readSide: ReadSide }): Promise<Application> {
  const { config, log, infrastructure, readSide } = options;
  const repositories = new Map<string, Repository<unknown>>();
  const dispatcher = new Dispatcher({
    conflictRetries: config.performance.conflictRetries,
    repositoryFor: <S>(definition: AggregateDefinition<S, never>) => {
      let repository = repositories.get(definition.type);
      if (!repository) {
        const { storage, snapshotEvery } = aggregateConfig(config, definition.type);
        repository = createRepository(definition, storage, infrastructure, snapshotEvery) as Repository<unknown>;
        repositories.set(definition.type, repository);
      }
      return repository as Repository<S>;
    },
  });
  const metrics = createOpsMetrics();
  // Metrics and logs first, so replayed (idempotent) requests are counted and logged too.
  instrumentDispatcher(dispatcher, metrics, log);
  dispatcher.use(idempotencyMiddleware(infrastructure.idempotencyStore, config.idempotency.ttlSeconds));

  const balance = loadBalance();
  const settings = createRuntimeSettings(readSide.readStore, balance, config);
  const tokens = createTokenService({
    keys: await signingKeysFrom(config, log),
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    accessTokenTtlSeconds: config.auth.accessTokenTtlSeconds,
  });
  const passwords = createPasswordHasher({ N: 2 ** config.auth.scrypt.log2N, r: config.auth.scrypt.r, p: config.auth.scrypt.p });

  dispatcher.register(
    ...authRegistrations({
      config,
      uniqueness: infrastructure.uniqueness,
      rateLimiter: infrastructure.rateLimiter,
      passwords,
      tokens,
      newId: uuidv7,
      limits: async () => {
        const values = await settings.values();
        return {
          registrationsPerAddressPerMinute: values['auth.register.perAddressPerMinute'],
          loginMaxFailures: values['auth.login.maxFailures'],
          loginLockSeconds: values['auth.login.lockSeconds'],
        };
      },
    }),
    ...gameRegistrations({ readStore: readSide.readStore, settings, newId: uuidv7 }),
    ...internalGameRegistrations(settings),
  );
  // Live fan-out to subscribers on every node; durable consumers read the partition logs instead.
  dispatcher.onCommitted((result) => readSide.publish(result.events).catch((error: unknown) => log.warn({ err: error }, 'live publish failed')));
  const ops = startOps({
    config,
    log,
    dispatcher,
    readStore: readSide.readStore,
    metrics,
    settings,
    ping: infrastructure.ping,
    eventBusMetrics: () => readSide.bus.metrics(),
    nodeId: `${hostname()}-${process.pid}-${uuidv7().slice(-6)}`,
    newId: uuidv7,
    redis: infrastructure.redis,
    keys: infrastructure.keys,
    upcasters: infrastructure.upcasters,
    snapshotStore: infrastructure.snapshotStore,
    projections: readSide.manager,
    aggregates: [
      snapshotTarget(dispatcher, userAggregate),
      snapshotTarget(dispatcher, gameSessionAggregate),
      snapshotTarget(dispatcher, matchQueueAggregate),
      ...opsSnapshotTargets(dispatcher),
    ],
  });
  readSide.register(registeredProjections(config, dispatcher));
  return { dispatcher, settings, tokens, passwords, metrics, ops };
}
