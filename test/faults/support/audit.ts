/**
 * What Redis holds after a fault, against what clients were told: acknowledged events lost,
 * commands applied twice, and anything half-written (an event without its partition-log entry
 * or its hybrid state, a partition-log entry without its event).
 */
import type { Cluster, Redis } from 'ioredis';
import { createKeys } from '../../../src/infrastructure/redis/keys.js';
import type { LoadReport } from './gameLoad.js';

export interface Audit {
  readonly games: number;
  /** Events clients were acknowledged (Σ highest acknowledged version per game). */
  readonly acknowledgedEvents: number;
  /** Σ max(0, acknowledged version − stored version) over games. */
  readonly lostEvents: number;
  readonly gamesWithLoss: number;
  /** Games holding more WaveStarted events than startWave keys were sent for them. */
  readonly duplicatedWaves: number;
  /** Stream entries whose id is not the next version (a gap or a repeat). */
  readonly versionGaps: number;
  /** Events without a partition-log entry, entries without an event, hybrid states behind their stream. */
  readonly halfWritten: { readonly eventsWithoutLogEntry: number; readonly logEntriesWithoutEvent: number; readonly statesBehind: number };
  readonly storedEvents: number;
}

type Fields = string[];
const field = (fields: Fields, name: string): string | undefined => fields[fields.indexOf(name) + 1];

export async function auditGames(redis: Redis | Cluster, prefix: string, partitions: number, load: Pick<LoadReport, 'ackedVersions' | 'waveKeys'>): Promise<Audit> {
  const keys = createKeys(prefix, partitions);
  // Every game the partition logs mention, with the versions they mention.
  const logged = new Map<string, Set<number>>();
  let logEntriesWithoutEvent = 0;
  const pendingChecks: Array<{ id: string; version: number }> = [];
  for (const key of keys.partitionLogs()) {
    const entries = (await redis.xrange(key, '-', '+')) as Array<[string, Fields]>;
    for (const [, fields] of entries) {
      if (field(fields, 'at') !== 'game_session') continue;
      const id = field(fields, 'ai')!;
      const version = Number(field(fields, 'av'));
      const versions = logged.get(id) ?? new Set<number>();
      versions.add(version);
      logged.set(id, versions);
      pendingChecks.push({ id, version });
    }
  }
  const ids = new Set([...load.ackedVersions.keys(), ...logged.keys()]);
  let acknowledgedEvents = 0;
  let lostEvents = 0;
  let gamesWithLoss = 0;
  let duplicatedWaves = 0;
  let versionGaps = 0;
  let eventsWithoutLogEntry = 0;
  let statesBehind = 0;
  let storedEvents = 0;
  const storedVersions = new Map<string, Set<number>>();
  for (const id of ids) {
    const ref = { aggregateType: 'game_session', aggregateId: id };
    const entries = (await redis.xrange(keys.stream(ref), '-', '+')) as Array<[string, Fields]>;
    const versions = new Set<number>();
    let expected = 1;
    let waves = 0;
    for (const [entryId, fields] of entries) {
      const version = Number(entryId.slice(2));
      if (version !== expected) versionGaps++;
      expected = version + 1;
      versions.add(version);
      if (field(fields, 't') === 'WaveStarted') waves++;
      if (!logged.get(id)?.has(version)) eventsWithoutLogEntry++;
    }
    storedVersions.set(id, versions);
    storedEvents += entries.length;
    const stored = entries.length > 0 ? Number(entries[entries.length - 1]![0].slice(2)) : 0;
    const acked = load.ackedVersions.get(id) ?? 0;
    acknowledgedEvents += acked;
    if (acked > stored) {
      lostEvents += acked - stored;
      gamesWithLoss++;
    }
    if (waves > (load.waveKeys.get(id) ?? 0)) duplicatedWaves++;
    const stateVersion = Number(await redis.hget(keys.state(ref), 'version'));
    if (entries.length > 0 && stateVersion !== stored) statesBehind++;
  }
  for (const { id, version } of pendingChecks) if (!storedVersions.get(id)?.has(version)) logEntriesWithoutEvent++;
  return {
    games: ids.size,
    acknowledgedEvents,
    lostEvents,
    gamesWithLoss,
    duplicatedWaves,
    versionGaps,
    halfWritten: { eventsWithoutLogEntry, logEntriesWithoutEvent, statesBehind },
    storedEvents,
  };
}
