/**
 * REDACT_PERSONAL_DATA: the audited rewrite of one person's LEGACY plaintext personal fields
 * (written before sealing existed; docs/privacy.md). forgetUser runs it after destroying the key;
 * an operator can run it again for anyone forgotten earlier. Each context says where its fields
 * are (core/personalData.ts LegacyRedactionRule); this module does the I/O:
 *
 * - stream entries: re-encoded with the field replaced by REDACTED (a new checksum) and written
 *   back under their own ids by one Lua script per stream (MaintenanceStore.rewriteEntries):
 *   versions, ids and the partition-log references that point at them do not change;
 * - compaction archives of those aggregates: rewritten the way they were written (verified);
 * - the aggregate's current state (hybrid) and snapshot: the removed plaintexts replaced there too.
 *
 * Only fields that hold plaintext change; sealed values need nothing (their key is gone). The
 * report (recorded in MaintenancePerformed, the audit trail) names streams, versions and files —
 * never a value.
 */
import type { LegacyRedactionRule } from '../core/personalData.js';
import { REDACTED } from '../core/personalData.js';
import type { MaintenanceStore, RawEvent, StreamRef } from '../core/ports.js';
import { aggregateArchives, rewriteArchive } from './archive.js';
import type { JsonValue } from './domain/json.js';

export interface RedactionDeps {
  readonly store: MaintenanceStore;
  readonly archiveDir: string;
  readonly rules: readonly LegacyRedactionRule[];
}

/** `value` with every string in `plaintexts` replaced by REDACTED, at any depth. */
export const scrubStrings = (value: unknown, plaintexts: ReadonlySet<string>): unknown => {
  if (typeof value === 'string') return plaintexts.has(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, plaintexts));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, plaintexts)]));
  return value;
};

export async function redactLegacyPersonalData(deps: RedactionDeps, subjectId: string): Promise<JsonValue> {
  const { store } = deps;
  const streams: JsonValue[] = [];
  const archives: string[] = [];
  let eventsRedacted = 0;
  let statesRewritten = 0;

  for (const rule of deps.rules) {
    const ids: AsyncIterable<string> | readonly string[] = rule.scope === 'self' ? [subjectId] : store.listAggregateIds(rule.aggregateType);
    for await (const aggregateId of ids) {
      const ref: StreamRef = { aggregateType: rule.aggregateType, aggregateId };
      const plaintexts = new Set<string>();
      /** The entry without the subject's plaintext, or null when it holds none. */
      const redacted = (raw: RawEvent): { checksum: string; event: RawEvent } | null => {
        const stored = store.decodeStored(ref, raw);
        const out = rule.redact(stored, subjectId);
        if (!out) return null;
        for (const p of out.plaintexts) plaintexts.add(p);
        return { checksum: stored.checksum, event: store.reencode(stored, out.data) };
      };

      const bounds = await store.bounds(ref);
      const raw = bounds ? await store.readRaw(ref, rule.lastEventOnly ? bounds.last : bounds.first, bounds.last) : [];
      const entries = raw.flatMap((r) => {
        const next = redacted(r);
        return next ? [{ expectedChecksum: next.checksum, event: next.event }] : [];
      });
      const rewritten = await store.rewriteEntries(ref, entries);

      // Compaction never archives a stream's last entry, so a last-event-only field is never in an archive.
      let archived = 0;
      if (!rule.lastEventOnly) {
        for (const path of await aggregateArchives(deps.archiveDir, ref)) {
          const changed = await rewriteArchive(path, (r) => redacted(r)?.event ?? null, (r) => store.decode(ref, r));
          if (changed > 0) archives.push(path);
          archived += changed;
        }
      }
      if (plaintexts.size > 0) statesRewritten += await store.scrubStates(ref, (state) => scrubStrings(state, plaintexts));
      if (rewritten + archived > 0) {
        eventsRedacted += rewritten + archived;
        streams.push({ aggregateType: ref.aggregateType, aggregateId, versions: entries.map((e) => e.event.version), archivedEntries: archived });
      }
    }
  }
  return { subjectId, eventsRedacted, streams, archives, statesRewritten };
}
