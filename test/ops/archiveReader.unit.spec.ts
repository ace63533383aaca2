/** The archive read-through used by rebuilds: finds an entry in whichever file holds its version, sees files written after it first listed, and answers null elsewhere. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/core/messages.js';
import type { RawEvent } from '../../src/core/ports.js';
import { writeArchive } from '../../src/ops/archive.js';
import { createArchiveReader } from '../../src/ops/archiveReader.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'da-archive-reader-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const ref = { aggregateType: 'game_session', aggregateId: 'g.1/x' };
const raw = (version: number): RawEvent => ({ version, fields: [['data', Buffer.from(`payload ${version}`)], ['v', Buffer.from(String(version))]] });
const decode = (e: RawEvent): EventEnvelope => ({
  eventId: `e${e.version}`,
  eventType: 'X',
  schemaVersion: 1,
  aggregateType: ref.aggregateType,
  aggregateId: ref.aggregateId,
  aggregateVersion: e.version,
  data: {},
  metadata: { correlationId: 'c', causationId: 'c', timestamp: '2026-01-01T00:00:00.000Z' },
  createdAt: '2026-01-01T00:00:00.000Z',
  checksum: '',
});

describe('archive reader', () => {
  it('reads an archived entry byte for byte, including from a file written after its first listing', async () => {
    const reader = createArchiveReader(dir);
    expect(await reader.find(ref, 1)).toBeNull();
    await writeArchive(dir, ref, [1, 2, 3].map(raw), decode);
    expect(await reader.find(ref, 2)).toEqual(raw(2));
    await writeArchive(dir, ref, [4, 5].map(raw), decode); // a later compaction
    expect(await reader.find(ref, 5)).toEqual(raw(5));
    expect(await reader.find(ref, 6)).toBeNull();
    expect(await reader.find({ ...ref, aggregateId: 'g' }, 1)).toBeNull();
    expect(await reader.find({ aggregateType: 'user', aggregateId: 'u' }, 1)).toBeNull();
  });
});
