/**
 * Event archives: gzip JSON lines under `compaction.archiveDir`, one file per compacted range of
 * one aggregate: `<archiveDir>/<aggregateType>/<aggregateId>.<fromVersion>-<toVersion>.jsonl.gz`.
 *
 * Each line is one event: the decoded envelope (readable with `zcat | jq`) AND the entry exactly
 * as it was stored (field/value pairs, base64), so a restore puts back byte-identical entries —
 * same checksum, same packed payloads, whatever the serializer — rather than re-encoding.
 *
 * A file is written to a temporary name, fsynced, renamed, its directory fsynced, and then read
 * back and compared entry by entry: only a verified file allows the events to leave Redis.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { EventEnvelope } from '../core/messages.js';
import type { PartitionArchiveEntry, RawEvent, StreamRef } from '../core/ports.js';

export const ARCHIVE_FORMAT = 1;

export interface ArchiveLine {
  readonly format: number;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  /** Stored field/value pairs, values base64, in stored order. */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  readonly envelope: EventEnvelope;
}

export interface ArchiveFile {
  readonly ref: StreamRef;
  readonly events: RawEvent[];
}

const gzipAsync = promisify(gzip);

/** Aggregate ids are free text (setting keys, uuids): keep the file name portable. */
export const safeName = (text: string): string => encodeURIComponent(text).replace(/\./g, '%2E');

export const archivePath = (archiveDir: string, ref: StreamRef, fromVersion: number, toVersion: number): string =>
  join(archiveDir, safeName(ref.aggregateType), `${safeName(ref.aggregateId)}.${fromVersion}-${toVersion}.jsonl.gz`);

const toLine = (ref: StreamRef, raw: RawEvent, envelope: EventEnvelope): string =>
  JSON.stringify({
    format: ARCHIVE_FORMAT,
    aggregateType: ref.aggregateType,
    aggregateId: ref.aggregateId,
    aggregateVersion: raw.version,
    fields: raw.fields.map(([name, value]) => [name, value.toString('base64')]),
    envelope,
  } satisfies ArchiveLine);

const sameFields = (a: RawEvent, b: RawEvent): boolean =>
  a.version === b.version && a.fields.length === b.fields.length && a.fields.every(([name, value], i) => b.fields[i]?.[0] === name && value.equals(b.fields[i]![1]));

/**
 * Temp file → write → fsync → rename → fsync the directory → read back and compare. Throws (and
 * leaves no file behind) unless the file on disk decompresses to exactly `text`.
 */
async function writeVerified(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(await gzipAsync(Buffer.from(text, 'utf8')));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path).catch(async (error: unknown) => {
    await rm(temp, { force: true });
    throw error;
  });
  // The rename itself must survive a crash, or the synced file could vanish with its name.
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  if (gunzipSync(await readFile(path)).toString('utf8') !== text) {
    await rm(path, { force: true });
    throw new Error(`archive ${path} did not read back identical; nothing was removed`);
  }
}

/** Writes, syncs and verifies one aggregate archive; returns its path. */
export async function writeArchive(archiveDir: string, ref: StreamRef, events: readonly RawEvent[], decode: (raw: RawEvent) => EventEnvelope): Promise<string> {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) throw new Error('writeArchive: no events');
  const path = archivePath(archiveDir, ref, first.version, last.version);
  await writeVerified(path, `${events.map((e) => toLine(ref, e, decode(e))).join('\n')}\n`);
  // Belt and braces: the parser a restore will use gives back the very entries.
  const back = await readArchive(path);
  const identical =
    back.ref.aggregateType === ref.aggregateType && back.ref.aggregateId === ref.aggregateId && back.events.length === events.length && back.events.every((e, i) => sameFields(e, events[i]!));
  if (!identical) {
    await rm(path, { force: true });
    throw new Error(`archive ${path} does not parse back identical; nothing was removed`);
  }
  return path;
}

/** One partition-log entry as trimming archives it: `event` is set for inline (state-based) events. */

/**
 * Partition-log entries about to be trimmed: `<archiveDir>/partitions/p<N>.<first>-<last>.jsonl.gz`.
 * References only point at aggregate streams, but state-based aggregates' events live in the log
 * alone, so the log is archived before it is trimmed. A record to read, not to re-insert: the
 * consumer groups have moved past these entries.
 */
export async function writePartitionArchive(archiveDir: string, partition: number, entries: readonly PartitionArchiveEntry[]): Promise<string> {
  const first = entries[0];
  const last = entries.at(-1);
  if (!first || !last) throw new Error('writePartitionArchive: no entries');
  const path = join(archiveDir, 'partitions', `p${partition}.${first.position}-${last.position}.jsonl.gz`);
  const lines = entries.map((e) =>
    JSON.stringify({ format: ARCHIVE_FORMAT, partition, position: e.position, fields: e.fields.map(([n, v]) => [n, v.toString('base64')]), event: e.event }),
  );
  await writeVerified(path, `${lines.join('\n')}\n`);
  return path;
}

/** Reads one archive (files hold at most one compaction chunk, so reading it whole is fine). */
export async function readArchive(path: string): Promise<ArchiveFile> {
  const lines = gunzipSync(await readFile(path)).toString('utf8').split('\n');
  let ref: StreamRef | null = null;
  const events: RawEvent[] = [];
  let n = 0;
  for (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    const line = JSON.parse(text) as ArchiveLine & { partition?: number };
    if (line.partition !== undefined) throw new Error(`${path}: a partition-log archive is a record of trimmed log entries, not restorable`);
    if (line.format !== ARCHIVE_FORMAT) throw new Error(`${path}:${n}: unsupported archive format ${String(line.format)}`);
    if (!Number.isInteger(line.aggregateVersion) || line.aggregateVersion < 1 || !Array.isArray(line.fields)) throw new Error(`${path}:${n}: malformed archive line`);
    ref ??= { aggregateType: line.aggregateType, aggregateId: line.aggregateId };
    if (ref.aggregateType !== line.aggregateType || ref.aggregateId !== line.aggregateId) throw new Error(`${path}:${n}: mixes aggregates`);
    events.push({ version: line.aggregateVersion, fields: line.fields.map(([name, value]) => [name, Buffer.from(value, 'base64')] as const) });
  }
  if (!ref) throw new Error(`${path}: empty archive`);
  return { ref, events };
}

/** Every archive file of one aggregate (compaction writes one per chunk), in no particular order. */
export async function aggregateArchives(archiveDir: string, ref: StreamRef): Promise<string[]> {
  const dir = join(archiveDir, safeName(ref.aggregateType));
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const head = `${safeName(ref.aggregateId)}.`;
  // The id is encoded (no dot in it), so `<id>.` names this aggregate's files and no other's.
  return names.filter((name) => name.startsWith(head) && name.endsWith('.jsonl.gz')).map((name) => join(dir, name));
}

/**
 * Rewrites entries of one aggregate archive in place (personal-data redaction, docs/privacy.md):
 * `rewrite` answers the new stored entry or null to keep it; `decode` gives the readable copy.
 * The file is replaced like it was written (temp file, fsync, rename, verified). Returns how many
 * entries changed.
 */
export async function rewriteArchive(path: string, rewrite: (raw: RawEvent) => RawEvent | null, decode: (raw: RawEvent) => EventEnvelope): Promise<number> {
  const lines = gunzipSync(await readFile(path)).toString('utf8').split('\n').filter((l) => l.trim() !== '');
  let changed = 0;
  const out = lines.map((text) => {
    const line = JSON.parse(text) as ArchiveLine;
    const raw: RawEvent = { version: line.aggregateVersion, fields: line.fields.map(([name, value]) => [name, Buffer.from(value, 'base64')] as const) };
    const next = rewrite(raw);
    if (!next) return text;
    changed++;
    return toLine({ aggregateType: line.aggregateType, aggregateId: line.aggregateId }, next, decode(next));
  });
  if (changed > 0) await writeVerified(path, `${out.join('\n')}\n`);
  return changed;
}

/** The envelopes of an archive, as readers saw them when it was written. */
export async function readArchivedEnvelopes(path: string): Promise<EventEnvelope[]> {
  return gunzipSync(await readFile(path))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as ArchiveLine).envelope);
}
