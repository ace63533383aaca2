/**
 * Redis connections: a single node from a URL, or Redis Cluster from several seed nodes, a
 * `redis+cluster://h1:p1,h2:p2` URL, or `cluster: true`. Every store takes the result as a
 * parameter (`RedisClient`), so one process can hold several connections (commands, blocking
 * consumers, pub/sub) without module-level singletons.
 */
import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisConnectionOptions {
  /** Force cluster mode (also implied by several nodes or a `redis+cluster://` URL). */
  readonly cluster?: boolean;
  readonly connectTimeoutMs?: number;
  /** Fails a command that got no reply in time instead of letting a request hang. */
  readonly commandTimeoutMs?: number;
  /**
   * Retries of a command while reconnecting; then it fails (the caller maps it to a 5xx).
   * `null` retries forever: for dedicated blocking connections (XREADGROUP BLOCK).
   */
  readonly maxRetriesPerRequest?: number | null;
  /**
   * Batches commands issued in the same tick into one pipeline: many concurrent GraphQL requests
   * become few round trips. Default true.
   */
  readonly autoPipelining?: boolean;
  /** Shown by CLIENT LIST: which component holds the connection. */
  readonly connectionName?: string;
  /** Do not connect before the first command. */
  readonly lazyConnect?: boolean;
  /**
   * Send commands that were in flight when the connection dropped again after reconnecting
   * (ioredis' default). Off for command connections: the caller was already told the command
   * failed (a typed UNAVAILABLE), so a write sent again later would be applied behind its back.
   */
  readonly resendAfterReconnect?: boolean;
}

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\//;

/** Reconnect with a capped linear backoff: quick after a blip, gentle during an outage. */
const retryStrategy = (times: number): number => Math.min(times * 100, 2_000);

const nodeOptions = (options: RedisConnectionOptions): RedisOptions => ({
  connectTimeout: options.connectTimeoutMs ?? 5_000,
  commandTimeout: options.commandTimeoutMs,
  maxRetriesPerRequest: options.maxRetriesPerRequest === undefined ? 3 : options.maxRetriesPerRequest,
  connectionName: options.connectionName,
  lazyConnect: options.lazyConnect ?? false,
  autoResendUnfulfilledCommands: options.resendAfterReconnect ?? true,
  retryStrategy,
  enableReadyCheck: true,
});

const parseNode = (node: string): ClusterNode => {
  const url = new URL(node.includes('://') ? node : `redis://${node}`);
  return { host: url.hostname, port: Number(url.port || 6379) };
};

/** `redis+cluster://user:pass@h1:p1,h2:p2` → seeds and credentials (URL cannot parse several hosts). */
const parseClusterUrl = (url: string): { nodes: ClusterNode[]; tls: boolean; username?: string; password?: string } => {
  const scheme = CLUSTER_SCHEME.exec(url)?.[1] ?? 'redis';
  const rest = url.replace(CLUSTER_SCHEME, '');
  const at = rest.lastIndexOf('@');
  const auth = at >= 0 ? rest.slice(0, at) : '';
  const hosts = (at >= 0 ? rest.slice(at + 1) : rest).split('/')[0] ?? '';
  const [user, pass] = auth.includes(':') ? auth.split(':', 2) : [undefined, auth || undefined];
  return {
    nodes: hosts.split(',').filter(Boolean).map(parseNode),
    tls: scheme === 'rediss',
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(pass ? { password: decodeURIComponent(pass) } : {}),
  };
};

/**
 * `target` is a URL (`redis://…`, `rediss://…`, `redis+cluster://…`) or a list of cluster seeds
 * (`host:port` or URLs).
 */
export const createRedis = (target: string | readonly string[], options: RedisConnectionOptions = {}): RedisClient => {
  const autoPipelining = options.autoPipelining ?? true;
  const list = typeof target === 'string' ? null : target;
  const single = typeof target === 'string' ? target : target[0];
  if (single === undefined) throw new Error('createRedis: no Redis URL or cluster node given');

  const clusterUrl = typeof target === 'string' && CLUSTER_SCHEME.test(target);
  if (!options.cluster && !clusterUrl && (list === null || list.length === 1)) {
    return new Redis(single, { ...nodeOptions(options), enableAutoPipelining: autoPipelining });
  }

  const parsed = clusterUrl ? parseClusterUrl(single) : { nodes: (list ?? [single]).map(parseNode), tls: single.startsWith('rediss://') };
  const auth = clusterUrl ? parsed : typeof target === 'string' ? new URL(target) : null;
  return new Cluster(parsed.nodes, {
    enableAutoPipelining: autoPipelining,
    clusterRetryStrategy: retryStrategy,
    // Writes and the reads that must see them (read-your-writes) go to masters.
    scaleReads: 'master',
    slotsRefreshTimeout: 2_000,
    redisOptions: {
      ...nodeOptions(options),
      ...(parsed.tls ? { tls: {} } : {}),
      ...(auth?.username ? { username: decodeURIComponent(auth.username) } : {}),
      ...(auth?.password ? { password: decodeURIComponent(auth.password) } : {}),
    },
  });
};

/**
 * Closes politely (QUIT waits for pending replies); falls back to a hard disconnect. A connection
 * that is not ready (Redis down, reconnecting) is disconnected at once: a QUIT queued offline
 * would wait for a Redis that may never come back, and shutdown with it.
 */
export const closeRedis = async (redis: RedisClient): Promise<void> => {
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
};
