import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEVELOPMENT_PRIVACY_MASTER_KEY } from '../../src/config.js';

const load = (env: Record<string, string> = {}, overrides: Record<string, unknown> = {}) => loadConfig({ env, overrides });
const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('has durability modes: primary by default, replicated with a WAIT that gives up before the Redis client does', () => {
    expect(load().eventStore).toMatchObject({ durability: 'primary', replicas: 1, replicationTimeoutMs: 1000 });
    expect(load({ DA__eventStore__durability: 'replicated', DA__eventStore__replicas: '2' }).eventStore).toMatchObject({ durability: 'replicated', replicas: 2 });
    expect(errorOf(() => load({}, { 'eventStore.durability': 'quorum' })).message).toContain('eventStore.durability');
    expect(errorOf(() => load({}, { 'eventStore.durability': 'replicated', 'eventStore.replicationTimeoutMs': 5000 })).issues).toEqual([
      'eventStore.replicationTimeoutMs: must be below redis.commandTimeoutMs (5000)',
    ]);
  });

  it('loads configs/cqrs.yaml with the storage strategy per aggregate', () => {
    const config = load();
    expect(config.aggregates.user).toEqual({ storage: 'event_sourced', snapshotEvery: 50 });
    expect(config.aggregates.session?.storage).toBe('state_based');
    expect(config.aggregates.game_session?.storage).toBe('hybrid');
    expect(config.server.port).toBe(4000);
  });

  it('takes the documented environment variables and DA__ paths', () => {
    const config = load({ PORT: '5001', REDIS_URL: 'redis://10.0.0.1:6380', DA__eventBus__batchSize: '250', REDIS_CLUSTER_NODES: 'a:1,b:2' });
    expect(config.server.port).toBe(5001);
    expect(config.redis.url).toBe('redis://10.0.0.1:6380');
    expect(config.eventBus.batchSize).toBe(250);
    expect(config.redis.clusterNodes).toEqual(['a:1', 'b:2']);
  });

  it('fails fast naming the bad key and value', () => {
    const error = errorOf(() => load({ DA__eventStore__partitions: '0' }));
    expect(error.message).toMatch(/eventStore\.partitions: .*>=1.*\(got 0\)/);
    expect(errorOf(() => load({ PORT: 'abc' })).message).toMatch(/server\.port/);
    expect(errorOf(() => load({}, { 'aggregates.user.storage': 'sideways' })).message).toMatch(/aggregates\.user/);
    expect(errorOf(() => load({ REDIS_URL: 'http://nope' })).message).toMatch(/redis\.url: must be a redis:\/\//);
  });

  it('roles: all three by default, ROLES picks some (in a fixed order, once each), an unknown role is named', () => {
    expect(load().roles).toEqual(['api', 'worker', 'scheduler']);
    expect(load({ ROLES: 'worker' }).roles).toEqual(['worker']);
    expect(load({ ROLES: ' scheduler , api,scheduler' }).roles).toEqual(['api', 'scheduler']);
    expect(load({}, { roles: ['worker', 'api'] }).roles).toEqual(['api', 'worker']);
    const unknown = errorOf(() => load({ ROLES: 'api,projector' })).message;
    expect(unknown).toContain('roles.1: unknown role "projector": each role is one of api, worker, scheduler (got "projector")');
    expect(errorOf(() => load({}, { roles: [] })).message).toMatch(/roles: needs at least one role/);
    expect(errorOf(() => load({ ROLES: 'worker', REDIS_URL: 'memory' })).message).toMatch(/roles: ROLES=worker splits the server .* set REDIS_URL/);
    expect(load({ REDIS_URL: 'memory' }).roles).toEqual(['api', 'worker', 'scheduler']);
    expect(load({ DA__scheduler__leaseTtlMs: '4000' }).scheduler).toEqual({ leaseTtlMs: 4000, matchmakingTickMs: 2000, retentionEveryMinutes: 60 });
    expect(errorOf(() => load({ DA__scheduler__leaseTtlMs: '10' })).message).toMatch(/scheduler\.leaseTtlMs/);
  });

  it('rejects unknown keys (typos) instead of ignoring them', () => {
    expect(errorOf(() => load({}, { 'eventBus.batchSzie': 5 })).message).toMatch(/eventBus/);
  });

  it('production requires Redis and signing keys; short secrets are refused', () => {
    expect(errorOf(() => load({ NODE_ENV: 'production' })).message).toMatch(/auth\.jwtSecret/);
    const short = errorOf(() => load({ NODE_ENV: 'production', JWT_SECRET: 'short-but-secret' })).message;
    expect(short).toMatch(/at least 32/);
    expect(short).not.toContain('short-but-secret'); // a secret is never echoed, even a wrong one
    expect(short).toContain('[redacted]');
    expect(load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PRIVACY_MASTER_KEY: 'k'.repeat(32) }).server.env).toBe('production');
    expect(errorOf(() => load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PRIVACY_MASTER_KEY: 'k'.repeat(32), REDIS_URL: 'memory' })).message).toMatch(/redis\.url/);
  });

  it('GraphiQL and introspection: auto = on except in production; CORS origins default by environment', () => {
    const dev = load();
    expect(dev.graphql).toMatchObject({ graphiql: true, introspection: true });
    expect(dev.http.corsOrigins).toContain('http://localhost:*');
    expect(dev.http.csrfPrevention).toBe(true);
    expect(dev.metrics.token).toBeNull();
    const prod = load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PRIVACY_MASTER_KEY: 'k'.repeat(32) });
    expect(prod.graphql).toMatchObject({ graphiql: false, introspection: false });
    expect(prod.http.corsOrigins).toEqual([]);
    const switched = load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PRIVACY_MASTER_KEY: 'k'.repeat(32), GRAPHIQL: 'true', GRAPHQL_INTROSPECTION: 'true' });
    expect(switched.graphql).toMatchObject({ graphiql: true, introspection: true });
  });

  it('takes the HTTP hygiene settings from the environment and checks them', () => {
    const config = load({ CORS_ORIGINS: 'https://a.example.com, http://localhost:*', CSRF_PREVENTION: 'false', METRICS_TOKEN: 'a-long-enough-token' });
    expect(config.http).toEqual({ corsOrigins: ['https://a.example.com', 'http://localhost:*'], csrfPrevention: false });
    expect(config.metrics.token).toBe('a-long-enough-token');
    expect(load({ CORS_ORIGINS: 'none' }).http.corsOrigins).toEqual([]);
    expect(errorOf(() => load({ CORS_ORIGINS: 'example.com/path' })).message).toMatch(/http\.corsOrigins\.0: must be an origin/);
    expect(errorOf(() => load({ METRICS_TOKEN: 'short' })).message).toMatch(/metrics\.token: must be at least 16/);
  });

  it('reports a malformed YAML file with its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'server: [unclosed');
    expect(errorOf(() => loadConfig({ file, env: {} })).message).toMatch(/bad\.yaml/);
  });

  it('privacy.masterKey: PRIVACY_MASTER_KEY, required in production; a public default elsewhere; previous keys for rotation', () => {
    expect(load().privacy).toEqual({ masterKey: DEVELOPMENT_PRIVACY_MASTER_KEY, masterKeySource: 'development', previousMasterKeys: [] });
    // Like JWT_SECRET: production refuses to start without it (no key derived from JWT_SECRET any more).
    expect(errorOf(() => load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).message).toMatch(/privacy\.masterKey: production needs PRIVACY_MASTER_KEY/);
    expect(load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PRIVACY_MASTER_KEY: 'k'.repeat(40) }).privacy).toEqual({ masterKey: 'k'.repeat(40), masterKeySource: 'configured', previousMasterKeys: [] });
    expect(load({ PRIVACY_MASTER_KEY: 'k'.repeat(40), PRIVACY_PREVIOUS_MASTER_KEYS: `${'a'.repeat(32)}, ${'b'.repeat(33)}` }).privacy.previousMasterKeys).toEqual(['a'.repeat(32), 'b'.repeat(33)]);
    const shortPrevious = errorOf(() => load({ PRIVACY_PREVIOUS_MASTER_KEYS: 'tiny-old-key' })).message;
    expect(shortPrevious).toMatch(/privacy\.previousMasterKeys\.0: must be at least 32 characters/);
    expect(shortPrevious).not.toContain('tiny-old-key');
    const short = errorOf(() => load({ PRIVACY_MASTER_KEY: 'short' })).message;
    expect(short).toMatch(/privacy\.masterKey: must be at least 32 characters/);
    expect(short).not.toContain('short (');
  });
});
