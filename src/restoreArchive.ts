/**
 * Puts compacted events back into their aggregate streams:
 *
 *   npm run archive:restore -- <archive.jsonl.gz> [more archives…]
 *
 * It reads the same configuration as the server (configs/cqrs.yaml, REDIS_URL, REDIS_KEY_PREFIX,
 * DA__… overrides), so run it with the environment of the deployment whose archives these are.
 * Each archive's entries are re-added byte for byte with their original ids `0-<version>`, only
 * where missing, in one atomic step per archive; restoring twice is harmless. Partition-log
 * archives (archiveDir/partitions/) are a record of trimmed log entries and are not restored.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from './config.js';
import { redisMaintenanceStore } from './infrastructure/index.js';
import { closeRedis, createRedis } from './infrastructure/redis/connection.js';
import { createKeys } from './infrastructure/redis/keys.js';
import { createUpcasters } from './infrastructure/serialization/upcasters.js';
import { restoreFromArchive } from './ops/maintenance.js';

export async function main(files: readonly string[], out: (line: string) => void = console.log, config: Config = loadConfig()): Promise<number> {
  if (files.length === 0) {
    out('usage: npm run archive:restore -- <archive.jsonl.gz> [more archives…]');
    return 2;
  }
  const target = config.redis.clusterNodes.length > 0 ? config.redis.clusterNodes : config.redis.url;
  if (!target) {
    out('No Redis configured (REDIS_URL): there is nothing to restore into.');
    return 2;
  }
  const redis = createRedis(target, { cluster: config.redis.clusterNodes.length > 0, connectionName: 'da:archive-restore', maxRetriesPerRequest: 3 });
  try {
    const store = redisMaintenanceStore(config, redis, createKeys(config.redis.keyPrefix, config.eventStore.partitions), createUpcasters());
    let failed = 0;
    for (const file of files) {
      try {
        const { ref, restored, alreadyPresent } = await restoreFromArchive(store, file);
        out(`${file}: ${ref.aggregateType}:${ref.aggregateId} — restored ${restored} event(s), ${alreadyPresent} already present`);
      } catch (error) {
        failed++;
        out(`${file}: FAILED — ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await closeRedis(redis);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2).filter((a) => a !== '--')).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
