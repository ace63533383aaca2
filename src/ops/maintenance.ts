/**
 * Operator maintenance: the `Maintenance` port PerformMaintenance calls to DO a task, and its
 * implementation over the stores. Every task returns a JSON report of what it did, which the
 * command records in a MaintenancePerformed event.
 *
 * The rule every storage task keeps: no event leaves Redis before it sits in a verified archive
 * (see archive.ts), and no event leaves while a consumer group has yet to process it.
 */
import { NotFoundError, RuleBrokenError, ValidationError } from '../core/errors.js';
import type { ConsumerFloor, DataKeyRotation, MaintenanceStore, SnapshotStore, StreamRef } from '../core/ports.js';
import { comparePosition } from '../core/projections/projection.js';
import type { ProjectionControl } from '../core/projections/ports.js';
import type { StorageStrategy } from '../core/commands/repository.js';
import type { LegacyRedactionRule } from '../core/personalData.js';
import { readArchive, writePartitionArchive } from './archive.js';
import { redactLegacyPersonalData } from './redaction.js';
import { compactAggregateType, type SnapshotTarget } from './compaction.js';

export { snapshotTarget, type SnapshotTarget } from './compaction.js';
import type { JsonValue } from './domain/json.js';
import type { MaintenanceTask } from './domain/maintenance.js';

export interface Maintenance {
  perform(task: MaintenanceTask, target: string | null): Promise<JsonValue>;
}

export interface MaintenanceDeps {
  /** null in the embedded in-memory mode: the storage tasks then refuse. */
  readonly store: MaintenanceStore | null;
  readonly snapshotStore: SnapshotStore;
  readonly aggregates: readonly SnapshotTarget[];
  readonly aggregateConfig: (type: string) => { readonly storage: StorageStrategy; readonly snapshotEvery: number } | null;
  readonly partitions: number;
  readonly projections: ProjectionControl;
  readonly compaction: { readonly archiveDir: string; readonly keepEventsBeforeSnapshot: number };
  readonly retention: { readonly partitionLogMaxAgeHours: number };
  /** ROTATE_DATA_KEYS: rewraps every personal-data key with the current master key (PersonalDataVault.rewrapAll). */
  readonly rotateDataKeys: () => Promise<DataKeyRotation>;
  /** REDACT_PERSONAL_DATA: where each context keeps legacy plaintext personal fields. */
  readonly legacyPersonalData: readonly LegacyRedactionRule[];
  readonly now?: () => number;
}

/** Entries archived and trimmed per round, so a long log never has to fit in memory. */
const PARTITION_CHUNK = 10_000;

const minPosition = (a: string, b: string): string => (comparePosition(a, b) <= 0 ? a : b);

export function createMaintenance(deps: MaintenanceDeps): Maintenance {
  const now = deps.now ?? Date.now;
  const storeOrRefuse = (): MaintenanceStore => {
    if (!deps.store) throw new RuleBrokenError('NOT_SUPPORTED_IN_MEMORY_MODE', 'This task needs Redis; the embedded in-memory store keeps nothing to maintain');
    return deps.store;
  };
  const targetOf = (type: string): SnapshotTarget => {
    const found = deps.aggregates.find((a) => a.type === type);
    if (!found) throw ValidationError.field('target', `Unknown aggregate type ${type}; one of ${deps.aggregates.map((a) => a.type).join(', ')}`);
    return found;
  };
  /** Snapshots are used on load only where the type is event-sourced or hybrid with snapshotEvery > 0. */
  const snapshotsUsed = (type: string): boolean => {
    const config = deps.aggregateConfig(type);
    return config !== null && config.storage !== 'state_based' && config.snapshotEvery > 0;
  };

  const snapshotAggregates = async (target: string | null): Promise<JsonValue> => {
    const store = storeOrRefuse();
    const types = target ? [targetOf(target)] : deps.aggregates.filter((a) => snapshotsUsed(a.type));
    const report: Record<string, JsonValue> = {};
    for (const type of types) {
      if (!snapshotsUsed(type.type)) throw new RuleBrokenError('SNAPSHOTS_DISABLED', `${type.type} does not use snapshots (state-based or snapshotEvery 0)`);
      let aggregates = 0;
      let taken = 0;
      let upToDate = 0;
      for await (const id of store.listAggregateIds(type.type)) {
        aggregates++;
        const ref = { aggregateType: type.type, aggregateId: id };
        const loaded = await type.load(id);
        const existing = await deps.snapshotStore.load(ref);
        // Never replace a newer snapshot with an older one: compaction may rely on the newer one.
        if (loaded.version === 0 || (existing && existing.schema === type.snapshotVersion && existing.version >= loaded.version)) {
          upToDate++;
          continue;
        }
        await deps.snapshotStore.save(ref, { version: loaded.version, schema: type.snapshotVersion, state: loaded.state, takenAt: new Date(now()).toISOString() });
        taken++;
      }
      report[type.type] = { aggregates, snapshotsTaken: taken, upToDate };
    }
    return { aggregateTypes: report };
  };

  /** Archives then trims every partition log below `limitFor(floor)`; partitions without consumers are left alone. */
  const trimPartitions = async (limitFor: (floor: ConsumerFloor & { trimBelow: string }) => string): Promise<JsonValue> => {
    const store = storeOrRefuse();
    const partitions: JsonValue[] = [];
    let removed = 0;
    const archives: string[] = [];
    for (let p = 0; p < deps.partitions; p++) {
      const floor = await store.partitionFloor(p);
      if (floor.trimBelow === null) {
        partitions.push({ partition: p, removed: 0, skipped: floor.head === null ? 'EMPTY' : 'NO_CONSUMER_GROUPS' });
        continue;
      }
      const below = limitFor({ ...floor, trimBelow: floor.trimBelow });
      let removedHere = 0;
      for (;;) {
        const entries = await store.readPartitionBelow(p, below, PARTITION_CHUNK);
        const last = entries.at(-1);
        if (!last) break;
        archives.push(await writePartitionArchive(deps.compaction.archiveDir, p, entries));
        // Exactly the archived entries: everything up to and including `last`.
        const [ms = '0', seq = '0'] = last.position.split('-');
        removedHere += await store.trimPartitionBelow(p, `${ms}-${BigInt(seq) + 1n}`);
        if (entries.length < PARTITION_CHUNK) break;
      }
      removed += removedHere;
      partitions.push({ partition: p, removed: removedHere, trimmedBelow: below, consumerGroups: floor.groups });
    }
    return { removed, archives, archiveDir: deps.compaction.archiveDir, partitions };
  };

  const projection = (name: string | null): string => {
    if (!name || !deps.projections.names().includes(name)) {
      throw new NotFoundError(`Unknown projection ${name ?? ''}; one of ${deps.projections.names().join(', ')}`);
    }
    return name;
  };
  const statusOf = async (name: string): Promise<JsonValue> => {
    const s = (await deps.projections.status()).find((x) => x.name === name);
    return s ? { state: s.state, generation: s.generation, rebuild: s.rebuild ? { ...s.rebuild, lag: { ...s.rebuild.lag } } : null, deadLetters: s.deadLetters } : null;
  };

  return {
    async perform(task, target) {
      switch (task) {
        case 'SNAPSHOT_AGGREGATES':
          return snapshotAggregates(target === 'all' ? null : target);
        case 'COMPACT_EVENTS': {
          const type = targetOf(target ?? '');
          if (!snapshotsUsed(type.type)) throw new RuleBrokenError('SNAPSHOTS_DISABLED', `${type.type} loads without snapshots, so its events cannot be compacted`);
          return compactAggregateType({ ...deps, store: storeOrRefuse() }, type);
        }
        case 'APPLY_RETENTION': {
          const cutoff = now() - deps.retention.partitionLogMaxAgeHours * 3_600_000;
          const result = await trimPartitions((floor) => minPosition(floor.trimBelow, `${cutoff}-0`));
          return { cutoff: new Date(cutoff).toISOString(), ...(result as Record<string, JsonValue>) };
        }
        case 'TRIM_PARTITION_LOGS':
          return trimPartitions((floor) => floor.trimBelow);
        case 'REDACT_PERSONAL_DATA':
          // Meant for forgotten users (forgetUser runs it); on anyone else it removes what they could still read.
          return redactLegacyPersonalData({ store: storeOrRefuse(), archiveDir: deps.compaction.archiveDir, rules: deps.legacyPersonalData }, target ?? '');
        case 'ROTATE_DATA_KEYS': {
          // Safe to repeat and to run beside live traffic: each key is replaced by compare-and-set.
          const { masterKeyId, scanned, rewrapped, alreadyCurrent, forgotten, failed } = await deps.rotateDataKeys();
          return { masterKeyId, scanned, rewrapped, alreadyCurrent, forgotten, failed: [...failed], complete: failed.length === 0 };
        }
        case 'RESET_PROJECTION':
        case 'REBUILD_PROJECTION': {
          const name = projection(target);
          await (task === 'RESET_PROJECTION' ? deps.projections.reset(name) : deps.projections.rebuild(name));
          return { projection: name, ...((await statusOf(name)) as Record<string, JsonValue>) };
        }
        case 'RETRY_DEAD_LETTERS':
        case 'SKIP_DEAD_LETTERS': {
          const name = projection(target);
          const before = await deps.projections.status().then((all) => all.find((s) => s.name === name)?.deadLetters ?? 0);
          if (task === 'SKIP_DEAD_LETTERS') return { projection: name, deadLettersBefore: before, skipped: await deps.projections.skipDeadLetters(name) };
          const retried = await deps.projections.retryDeadLetters(name);
          return { projection: name, deadLettersBefore: before, retried, stillFailing: Math.max(0, before - retried) };
        }
        default: {
          const unreachable: never = task;
          throw ValidationError.field('task', `Unknown task ${String(unreachable)}`);
        }
      }
    },
  };
}

/** `npm run archive:restore -- <file>`: puts an archive's events back into their stream. */
export async function restoreFromArchive(store: MaintenanceStore, path: string): Promise<{ ref: StreamRef; restored: number; alreadyPresent: number }> {
  const { ref, events } = await readArchive(path);
  return { ref, ...(await store.restoreStream(ref, events)) };
}
