/**
 * configs/cqrs.yaml + environment → a validated, typed Config.
 * Errors name the offending key and value, e.g.
 *   Invalid configuration: eventStore.partitions: Too small: expected number to be >=1 (got 0)
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const storage = z.enum(['event_sourced', 'state_based', 'hybrid']);
const aggregate = z.union([
  storage.transform((s) => ({ storage: s, snapshotEvery: 0 })),
  z.strictObject({ storage, snapshotEvery: z.int().min(0).default(0) }),
]);

/** `auto` = on unless `server.env` is production. */
const switchable = z.union([z.boolean(), z.literal('auto')]).default('auto');
/** An origin (`https://app.example.com`), an origin with any port (`http://localhost:*`), or `*`. */
const origin = z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'must be an origin like https://app.example.com, http://localhost:* or *');

/** What one process of the build does (SPEC §7 "Roles of one build"); docs/deployment.md. */
export const ROLES = ['api', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];
const role = z.enum(ROLES, { error: (issue) => `unknown role ${JSON.stringify(issue.input)}: each role is one of ${ROLES.join(', ')}` });

const baseSchema = z.strictObject({
  /** ROLES=api,worker,scheduler (the default: everything in one process). */
  roles: z
    .array(role)
    .min(1, `needs at least one role (${ROLES.join(', ')})`)
    .transform((roles) => ROLES.filter((r) => roles.includes(r))),
  /** The process that holds the scheduler lease runs the cluster-wide timers. */
  scheduler: z.strictObject({
    /** The lease's time to live; renewed every third of it. A standby takes over about this long after the holder dies. */
    leaseTtlMs: z.int().min(300),
    /** How often the matchmaker looks for requests that waited past matchmaking.maxWaitSeconds. */
    matchmakingTickMs: z.int().min(100),
    /** Scheduled APPLY_RETENTION maintenance (archives, then trims old partition-log entries); 0 = only by hand. */
    retentionEveryMinutes: z.number().min(0),
  }),
  server: z.strictObject({
    port: z.coerce.number().int().min(0).max(65535),
    env: z.enum(['development', 'production', 'test']),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Take the client address from X-Forwarded-For (only behind a proxy you control). */
    trustProxy: z.boolean().default(false),
    /** How many trusted proxies append to X-Forwarded-For (the client address is that many entries from the right). */
    proxyHops: z.int().min(1).max(10).default(1),
  }),
  redis: z.strictObject({
    url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').nullable(),
    clusterNodes: z.array(z.string().regex(/^[^:]+:\d+$/, 'must be host:port')).default([]),
    keyPrefix: z.string().max(64),
    connectTimeoutMs: z.int().positive(),
    commandTimeoutMs: z.int().positive(),
    maxRetriesPerRequest: z.int().min(0),
    pool: z.strictObject({ consumers: z.int().min(1).max(64) }),
  }),
  eventStore: z.strictObject({
    partitions: z.int().min(1).max(1024),
    /** primary: acknowledged once the primary applied an append; replicated: once `replicas` replicas confirmed it (WAIT). */
    durability: z.enum(['primary', 'replicated']).default('primary'),
    replicas: z.int().min(1).max(16).default(1),
    replicationTimeoutMs: z.int().min(1).default(1000),
  }),
  aggregates: z.record(z.string(), aggregate),
  compaction: z.strictObject({ archiveDir: z.string().min(1), keepEventsBeforeSnapshot: z.int().min(0) }),
  retention: z.strictObject({ partitionLogMaxAgeHours: z.number().positive(), deadLettersMax: z.int().positive() }),
  eventBus: z.strictObject({
    batchSize: z.int().min(1).max(10_000),
    blockMs: z.int().min(1),
    lingerMs: z.int().min(0).max(1_000),
    bufferSize: z.int().min(1),
    workers: z.int().min(1).max(64),
    retry: z.strictObject({
      strategy: z.enum(['fixed', 'linear', 'exponential']),
      baseDelayMs: z.int().min(0),
      maxDelayMs: z.int().min(0),
      maxAttempts: z.int().min(1),
    }),
    claimIdleMs: z.int().min(100),
  }),
  serialization: z.strictObject({
    events: z.enum(['json', 'msgpack']),
    snapshots: z.enum(['json', 'msgpack']),
    compression: z.strictObject({ algorithm: z.enum(['none', 'gzip', 'brotli']), thresholdBytes: z.int().min(0) }),
  }),
  performance: z.strictObject({
    conflictRetries: z.int().min(0).max(100),
    autoPipelining: z.boolean(),
    readYourWritesTimeoutMs: z.int().min(0),
    aggregateCacheEntries: z.int().min(0),
    aggregateCacheIdleSeconds: z.number().positive(),
  }),
  auth: z.strictObject({
    issuer: z.string().min(1),
    audience: z.string().min(1),
    accessTokenTtlSeconds: z.int().min(10),
    refreshTokenTtlSeconds: z.int().min(60),
    /** Absolute lifetime of a session: refreshing never extends it past this many seconds from login. */
    sessionMaxLifetimeSeconds: z.int().min(60),
    /** How long the token mailed to verify a new account's email works. */
    emailVerificationTtlSeconds: z.int().min(60),
    refreshReuseGraceSeconds: z.int().min(0),
    sessionCache: z.strictObject({ entries: z.int().min(0), maxAgeMs: z.int().min(0) }),
    scrypt: z.strictObject({ log2N: z.int().min(4).max(22), r: z.int().min(1), p: z.int().min(1) }),
    login: z.strictObject({ maxFailures: z.int().min(1), lockSeconds: z.int().min(1), perAddressPerMinute: z.int().min(1) }),
    register: z.strictObject({ perAddressPerMinute: z.int().min(1) }),
    jwtSecret: z.string().min(32, 'must be at least 32 characters').optional(),
    jwtPrivateKeyFile: z.string().optional(),
    jwtPublicKeyFiles: z.array(z.string()).default([]),
    /** Secrets that signed tokens still in circulation (HS256 rotation). */
    jwtPreviousSecrets: z.array(z.string().min(32, 'must be at least 32 characters')).default([]),
    adminUsername: z.string().optional(),
    adminPassword: z.string().optional(),
    adminEmail: z.string().optional(),
  }),
  idempotency: z.strictObject({ ttlSeconds: z.int().min(1), secret: z.string().min(32, 'must be at least 32 characters').optional() }),
  /** Crypto-shredding (docs/privacy.md): the master key that wraps every person's data key. */
  privacy: z
    .strictObject({
      masterKey: z.string().min(32, 'must be at least 32 characters').optional(),
      /** Master keys of before a rotation: still open data keys wrapped by them until ROTATE_DATA_KEYS rewraps those. */
      previousMasterKeys: z.array(z.string().min(32, 'must be at least 32 characters')).default([]),
    })
    .default({ previousMasterKeys: [] }),
  graphql: z.strictObject({
    maxDepth: z.int().min(1),
    maxCost: z.int().min(1),
    maxAliases: z.int().min(0),
    maxTokens: z.int().min(1),
    maxDirectives: z.int().min(0),
    maxBodyBytes: z.int().min(1024),
    /** graphql-ws pings every this many ms and drops a client that has not answered by the next one (0 = off). */
    wsKeepAliveMs: z.int().min(0).default(12_000),
    introspection: switchable,
    graphiql: switchable,
    persistedOperationsOnly: z.boolean(),
    /** JSON map of sha256 hash → document (GraphQL Codegen's persisted-documents.json). */
    persistedDocumentsFile: z.string().min(1).nullable().default(null),
  }),
  http: z.strictObject({
    /** Browser origins allowed to call the API (CORS, with credentials); null = by server.env (localhost in development/test, none in production). */
    corsOrigins: z.array(origin).nullable().default(null),
    /** Refuse browser "simple" requests (GET, form posts) that lack a preflight-forcing header. */
    csrfPrevention: z.boolean().default(true),
  }),
  replay: z
    .strictObject({
      /** Replays (subscription replayGame) one user may run at once, counted across every API node (Redis). */
      maxConcurrentPerUser: z.int().min(1).max(100).default(2),
      /** Longest pause between two replayed events, after dividing by the speed (an idle lobby need not stall a replay). 0 = no cap. */
      maxGapMs: z.int().min(0).default(10_000),
      /** Lease of one replay's slot, renewed every third of it while the replay runs: how long a crashed node's replays keep counting. */
      slotLeaseMs: z.int().min(1_000).max(600_000).default(30_000),
    })
    .default({ maxConcurrentPerUser: 2, maxGapMs: 10_000, slotLeaseMs: 30_000 }),
  metrics: z.strictObject({
    sampleIntervalSeconds: z.int().min(1),
    /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
    token: z.string().min(16, 'must be at least 16 characters').nullable().default(null),
  }),
});

/** Origins a development server answers CORS for when `http.corsOrigins` is not set. */
export const DEVELOPMENT_CORS_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*', 'https://localhost:*'];

/** The master key development and tests use when none is configured (never in production: see loadConfig). */
export const DEVELOPMENT_PRIVACY_MASTER_KEY = 'development-only-privacy-master-key-not-a-secret';

/** Settings that depend on others (`auto`, null defaults) resolved to plain values. */
const configSchema = baseSchema.transform((c) => {
  const production = c.server.env === 'production';
  const resolve = (value: boolean | 'auto') => (value === 'auto' ? !production : value);
  return {
    ...c,
    graphql: { ...c.graphql, introspection: resolve(c.graphql.introspection), graphiql: resolve(c.graphql.graphiql) },
    http: { ...c.http, corsOrigins: c.http.corsOrigins ?? (production ? [] : DEVELOPMENT_CORS_ORIGINS) },
    // Configured (production refuses to start without one: loadConfig); else (development, tests) a
    // fixed, public key that protects nothing, announced by a warning at start.
    privacy: {
      masterKey: c.privacy.masterKey ?? (production ? undefined : DEVELOPMENT_PRIVACY_MASTER_KEY),
      masterKeySource: c.privacy.masterKey ? ('configured' as const) : ('development' as const),
      previousMasterKeys: c.privacy.previousMasterKeys,
    },
  };
});

export type Config = z.infer<typeof configSchema>;
export type StorageStrategy = z.infer<typeof storage>;
export type AggregateConfig = Config['aggregates'][string];

export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** The documented variables; anything else can be set as DA__path__to__key. */
const envMap: Record<string, string> = {
  ROLES: 'roles',
  PORT: 'server.port',
  NODE_ENV: 'server.env',
  LOG_LEVEL: 'server.logLevel',
  TRUST_PROXY: 'server.trustProxy',
  REDIS_URL: 'redis.url',
  REDIS_CLUSTER_NODES: 'redis.clusterNodes',
  REDIS_KEY_PREFIX: 'redis.keyPrefix',
  JWT_SECRET: 'auth.jwtSecret',
  IDEMPOTENCY_SECRET: 'idempotency.secret',
  PRIVACY_MASTER_KEY: 'privacy.masterKey',
  PRIVACY_PREVIOUS_MASTER_KEYS: 'privacy.previousMasterKeys',
  JWT_PRIVATE_KEY_FILE: 'auth.jwtPrivateKeyFile',
  JWT_PUBLIC_KEY_FILES: 'auth.jwtPublicKeyFiles',
  JWT_PREVIOUS_SECRETS: 'auth.jwtPreviousSecrets',
  JWT_ISSUER: 'auth.issuer',
  JWT_AUDIENCE: 'auth.audience',
  ADMIN_USERNAME: 'auth.adminUsername',
  ADMIN_PASSWORD: 'auth.adminPassword',
  ADMIN_EMAIL: 'auth.adminEmail',
  CORS_ORIGINS: 'http.corsOrigins',
  CSRF_PREVENTION: 'http.csrfPrevention',
  GRAPHIQL: 'graphql.graphiql',
  GRAPHQL_INTROSPECTION: 'graphql.introspection',
  METRICS_TOKEN: 'metrics.token',
};

const listKeys = new Set(['roles', 'redis.clusterNodes', 'auth.jwtPublicKeyFiles', 'auth.jwtPreviousSecrets', 'privacy.previousMasterKeys', 'http.corsOrigins']);
/** Values that are strings whatever they look like (`myapp:` would otherwise parse as a YAML mapping). */
const stringKeys = new Set([
  'redis.url',
  'redis.keyPrefix',
  'auth.jwtSecret',
  'idempotency.secret',
  'privacy.masterKey',
  'auth.jwtPrivateKeyFile',
  'auth.issuer',
  'auth.audience',
  'auth.adminUsername',
  'auth.adminPassword',
  'auth.adminEmail',
  'compaction.archiveDir',
  'graphql.persistedDocumentsFile',
  'metrics.token',
]);

/** Env values are strings: turn them into what YAML would have given. */
const coerce = (path: string, raw: string): unknown => {
  if (path === 'http.corsOrigins' && raw.trim() === 'none') return [];
  if (listKeys.has(path)) return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (path === 'redis.url' && (raw === '' || raw === 'none' || raw === 'memory')) return null;
  if (stringKeys.has(path)) return raw;
  try {
    return parseYaml(raw) as unknown;
  } catch {
    return raw;
  }
};

const setPath = (target: Record<string, unknown>, path: string, value: unknown): void => {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
};

const getPath = (source: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined), source);

export interface LoadConfigOptions {
  file?: string | URL;
  env?: NodeJS.ProcessEnv;
  /** Applied last (tests). Dotted paths. */
  overrides?: Record<string, unknown>;
}

export const defaultConfigFile = new URL('../configs/cqrs.yaml', import.meta.url);

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const file = options.file ?? defaultConfigFile;
  const env = options.env ?? process.env;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([`${String(file)}: ${(e as Error).message}`]);
  }
  if (typeof raw !== 'object' || raw === null) throw new ConfigError([`${String(file)}: expected a mapping at the top level`]);
  const doc = structuredClone(raw) as Record<string, unknown>;

  for (const [name, path] of Object.entries(envMap)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(doc, path, coerce(path, value));
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('DA__') || value === undefined) continue;
    const path = name.slice(4).split('__').join('.');
    setPath(doc, path, coerce(path, value));
  }
  for (const [path, value] of Object.entries(options.overrides ?? {})) setPath(doc, path, value);

  const parsed = configSchema.safeParse(doc);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.map(String).join('.') || '(root)';
        const got = getPath(doc, issue.path);
        // Never echo a secret, even a wrong one: error output ends up in logs and CI transcripts.
        const shown = /secret|password|token|key/i.test(key) ? '[redacted]' : JSON.stringify(got);
        return `${key}: ${issue.message}${got === undefined ? '' : ` (got ${shown})`}`;
      }),
    );
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.server.env === 'production') {
    if (!config.redis.url && config.redis.clusterNodes.length === 0) problems.push('redis.url: production needs Redis (set REDIS_URL)');
    if (!config.auth.jwtSecret && !config.auth.jwtPrivateKeyFile) problems.push('auth.jwtSecret: production needs JWT_SECRET (≥32 chars) or JWT_PRIVATE_KEY_FILE');
    // Every node must fingerprint idempotency keys alike, or a retry on another node is refused.
    // Like JWT_SECRET: no derived or default key in production, where losing or leaking it is losing every person's data.
    if (!config.privacy.masterKey) problems.push('privacy.masterKey: production needs PRIVACY_MASTER_KEY (≥32 chars): it wraps every person\'s data key (docs/privacy.md)');
    if (!config.idempotency.secret && !config.auth.jwtSecret) problems.push('idempotency.secret: production with key files needs IDEMPOTENCY_SECRET (≥32 chars)');
  }
  if (config.eventStore.durability === 'replicated' && config.eventStore.replicationTimeoutMs >= config.redis.commandTimeoutMs) {
    // WAIT must give up before the client does, or a slow replica reads as an unreachable Redis.
    problems.push(`eventStore.replicationTimeoutMs: must be below redis.commandTimeoutMs (${config.redis.commandTimeoutMs})`);
  }
  if (config.graphql.persistedOperationsOnly && !config.graphql.persistedDocumentsFile) {
    problems.push('graphql.persistedDocumentsFile: persisted-operations-only mode needs the file of allowed documents');
  }
  if ((config.auth.adminUsername === undefined) !== (config.auth.adminPassword === undefined)) {
    problems.push('auth.adminUsername: ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  const embedded = !config.redis.url && config.redis.clusterNodes.length === 0;
  if (embedded && !(config.roles.includes('api') && config.roles.includes('worker'))) {
    problems.push(`roles: ROLES=${config.roles.join(',')} splits the server across processes, which share nothing but Redis: set REDIS_URL (the embedded store runs every role in one process)`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** Storage settings for an aggregate type; unknown types are a programming error caught at start. */
export const aggregateConfig = (config: Config, aggregateType: string): AggregateConfig => {
  const found = config.aggregates[aggregateType];
  if (!found) throw new ConfigError([`aggregates.${aggregateType}: no storage strategy configured for this aggregate type`]);
  return found;
};
