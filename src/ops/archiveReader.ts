/**
 * Reads compacted events back from `compaction.archiveDir` (the files archive.ts writes), for the
 * projection runtime: a partition-log reference whose event compaction removed from its stream is
 * resolved here instead (EventArchive). Every node that runs projections must see the same
 * archive directory (a shared volume), as every node sees the same Redis.
 *
 * A rebuild reads an aggregate's compacted versions in order, so the parsed files are cached (a
 * few, least recently used first out) and each type's directory listing is cached too, listed
 * again only when a lookup misses (a compaction since the last listing).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventArchive, RawEvent, StreamRef } from '../core/ports.js';
import { readArchive, safeName } from './archive.js';

interface Range {
  readonly from: number;
  readonly to: number;
  readonly path: string;
}

const FILE = /^([^.]+)\.(\d+)-(\d+)\.jsonl\.gz$/;

export const createArchiveReader = (archiveDir: string, cachedFiles = 16): EventArchive => {
  /** type → safe id → archived ranges. */
  const listings = new Map<string, Map<string, Range[]>>();
  /** path → version → entry; Map order = recency. */
  const files = new Map<string, Map<number, RawEvent>>();

  const list = async (aggregateType: string): Promise<Map<string, Range[]>> => {
    const dir = join(archiveDir, safeName(aggregateType));
    const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const byId = new Map<string, Range[]>();
    for (const name of names) {
      const match = FILE.exec(name);
      if (!match) continue; // temporary files of a compaction in progress, anything else
      const ranges = byId.get(match[1]!) ?? [];
      ranges.push({ from: Number(match[2]), to: Number(match[3]), path: join(dir, name) });
      byId.set(match[1]!, ranges);
    }
    listings.set(aggregateType, byId);
    return byId;
  };

  const load = async (path: string, ref: StreamRef): Promise<Map<number, RawEvent>> => {
    const cached = files.get(path);
    if (cached) {
      files.delete(path);
      files.set(path, cached);
      return cached;
    }
    const archive = await readArchive(path);
    if (archive.ref.aggregateType !== ref.aggregateType || archive.ref.aggregateId !== ref.aggregateId) {
      throw new Error(`${path} holds ${archive.ref.aggregateType}:${archive.ref.aggregateId}, not ${ref.aggregateType}:${ref.aggregateId}`);
    }
    const byVersion = new Map(archive.events.map((e) => [e.version, e] as const));
    files.set(path, byVersion);
    if (files.size > cachedFiles) files.delete(files.keys().next().value!);
    return byVersion;
  };

  return {
    async find(ref, version) {
      const id = safeName(ref.aggregateId);
      const inListing = (listing: Map<string, Range[]> | undefined) => listing?.get(id)?.find((r) => r.from <= version && version <= r.to);
      const range = inListing(listings.get(ref.aggregateType)) ?? inListing(await list(ref.aggregateType));
      if (!range) return null;
      return (await load(range.path, ref)).get(version) ?? null;
    },
  };
};
