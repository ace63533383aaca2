/**
 * COMPACT_EVENTS: for each aggregate of one type with a usable snapshot, archive the events the
 * snapshot covers, then trim them from the aggregate stream.
 *
 * How far one aggregate may be compacted (`upTo`, inclusive) is the smallest of:
 * - snapshot version − compaction.keepEventsBeforeSnapshot (loads start from the snapshot),
 * - last version − 1 (a stream keeps its last entry, hence its last id and next version),
 * - lowest version still unprocessed by some consumer group − 1: its partition-log entry is a
 *   reference that readers resolve from the aggregate stream, so trimming it first would make
 *   projections and process managers skip it.
 * Only snapshots whose schema matches the aggregate definition count: another one is ignored on
 * load, and the aggregate would then be replayed from a stream missing its beginning.
 *
 * Compaction moves payloads to a colder tier; it never shortens the log. The partition-log
 * references stay, and a reader that finds one's event gone from Redis (a projection rebuild, a
 * new consumer group) reads it from the archive (ops/archiveReader.ts), so read models rebuilt
 * after compaction equal those before it. Refusing to compact what projections might need would
 * refuse nearly everything, and aggregate snapshots cannot rebuild cross-aggregate read models:
 * docs/operations.md ("Rebuilding projections after compaction") says why in full.
 */
import type { Dispatcher } from '../core/commands/dispatcher.js';
import type { Command, Event, EventEnvelope } from '../core/messages.js';
import { partitionOf } from '../core/partition.js';
import type { MaintenanceStore, RawEvent, SnapshotStore, StreamRef } from '../core/ports.js';
import type { AggregateDefinition, Loaded } from '../core/commands/repository.js';
import { writeArchive } from './archive.js';
import type { JsonValue } from './domain/json.js';

/** Versions archived per file, so a long stream never has to fit in memory at once. */
export const COMPACTION_CHUNK = 10_000;
/** An aggregate type that can be snapshotted: its definition's identity plus a way to load one. */
export interface SnapshotTarget {
  readonly type: string;
  readonly snapshotVersion: string;
  load(id: string): Promise<Loaded<unknown>>;
}

export const snapshotTarget = <S, C extends Command, E extends Event>(
  loader: Pick<Dispatcher, 'load'>,
  definition: AggregateDefinition<S, C, E>,
): SnapshotTarget => ({ type: definition.type, snapshotVersion: definition.snapshotVersion, load: (id) => loader.load(definition, id) });

/** Archive paths listed in the result (the count is always complete). */
const LISTED_ARCHIVES = 100;

export interface CompactionDeps {
  readonly store: MaintenanceStore;
  readonly snapshotStore: SnapshotStore;
  readonly partitions: number;
  readonly compaction: { readonly archiveDir: string; readonly keepEventsBeforeSnapshot: number };
}

export async function compactAggregateType(deps: CompactionDeps, type: SnapshotTarget): Promise<JsonValue> {
  const { store, compaction } = deps;
  // Unprocessed versions, read once per partition and only for partitions that hold candidates.
  const unconsumed = new Map<number, Map<string, number>>();
  const lowestUnconsumed = async (ref: StreamRef): Promise<number> => {
    const partition = partitionOf(ref.aggregateType, ref.aggregateId, deps.partitions);
    let map = unconsumed.get(partition);
    if (!map) {
      const floor = await store.partitionFloor(partition);
      map = await store.unconsumedVersions(partition, floor.trimBelow);
      unconsumed.set(partition, map);
    }
    return map.get(`${ref.aggregateType}\u0000${ref.aggregateId}`) ?? Number.POSITIVE_INFINITY;
  };

  const counts = { aggregates: 0, compacted: 0, eventsArchived: 0, eventsRemoved: 0, noSnapshot: 0, upToDate: 0, waitingForConsumers: 0 };
  const archives: string[] = [];
  for await (const id of store.listAggregateIds(type.type)) {
    counts.aggregates++;
    const ref: StreamRef = { aggregateType: type.type, aggregateId: id };
    const snapshot = await deps.snapshotStore.load(ref);
    if (!snapshot || snapshot.schema !== type.snapshotVersion) {
      counts.noSnapshot++;
      continue;
    }
    const bounds = await store.bounds(ref);
    if (!bounds) continue;
    const bySnapshot = Math.min(snapshot.version - compaction.keepEventsBeforeSnapshot, bounds.last - 1);
    const pending = await lowestUnconsumed(ref);
    const upTo = Math.min(bySnapshot, pending - 1);
    if (upTo < bounds.first) {
      if (bySnapshot >= bounds.first) counts.waitingForConsumers++;
      else counts.upToDate++;
      continue;
    }
    const decode = (raw: RawEvent): EventEnvelope => store.decode(ref, raw);
    for (let from = bounds.first; from <= upTo; from += COMPACTION_CHUNK) {
      const to = Math.min(upTo, from + COMPACTION_CHUNK - 1);
      const raw = await store.readRaw(ref, from, to);
      // Versions are contiguous by construction; anything else means the stream was edited by hand.
      if (raw.length !== to - from + 1 || raw.some((e, i) => e.version !== from + i)) {
        throw new Error(`${ref.aggregateType}:${ref.aggregateId}: versions ${from}-${to} are not contiguous; nothing more was compacted`);
      }
      const path = await writeArchive(compaction.archiveDir, ref, raw, decode);
      if (archives.length < LISTED_ARCHIVES) archives.push(path);
      counts.eventsArchived += raw.length;
      counts.eventsRemoved += await store.trimStreamBelow(ref, to + 1);
    }
    counts.compacted++;
  }
  return { aggregateType: type.type, ...counts, archiveDir: compaction.archiveDir, archives, archivesListed: archives.length };
}
