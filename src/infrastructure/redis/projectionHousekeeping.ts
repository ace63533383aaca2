/**
 * Read-only and cleanup chores of the Redis projection runtime: how far a generation lags
 * behind the partition logs, and unlinking a retired generation's keys.
 */
import { Cluster } from 'ioredis';
import type { PartitionLag } from '../../core/projections/ports.js';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';
import { groupInfoScript } from './projectionScripts.js';

const LAG_SCAN_LIMIT = 10_000;
const msOf = (position: string): number => Number(position.split('-')[0]);

/** Unapplied entries (all partitions) of a consumer group and the time of the oldest, from its checkpoints. */
export async function measureLag(redis: RedisClient, keys: Keys, group: string, checkpoints: readonly string[]): Promise<PartitionLag> {
  const perPartition = await Promise.all(
    checkpoints.map(async (checkpoint, partition) => {
      const log = keys.partitionLog(partition);
      const [next] = (await redis.xrange(log, `(${checkpoint}`, '+', 'COUNT', 1)) as Array<[string, string[]]>;
      if (!next) return { events: 0, oldestAt: null };
      // XINFO's lag (Redis 7) + pending is O(1); count entries only when Redis cannot tell.
      const [lag = -1, pending = 0] = (await groupInfoScript.run(redis, [log], [group])) as number[];
      const events = lag >= 0 ? Math.max(1, lag + pending) : ((await redis.xrange(log, `(${checkpoint}`, '+', 'COUNT', LAG_SCAN_LIMIT)) as unknown[]).length;
      return { events, oldestAt: msOf(next[0]) };
    }),
  );
  const oldest = perPartition.map((p) => p.oldestAt).filter((t): t is number => t !== null);
  return { events: perPartition.reduce((sum, p) => sum + p.events, 0), oldestAt: oldest.length ? Math.min(...oldest) : null };
}

/** SCAN + UNLINK on every master (a generation's keys share one slot, so one UNLINK per batch). */
export const scanUnlink = async (redis: RedisClient, pattern: string): Promise<void> => {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (found.length > 0) await node.unlink(...found);
    } while (cursor !== '0');
  }
};
