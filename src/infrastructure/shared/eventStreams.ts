/**
 * What the event-store twins (Redis and in-memory) share beyond the codec: how a read's version
 * range is normalized, how a whole stream is fetched in batches, and how the result of a write is
 * reported from what was written (no read back). Kept here so both answer exactly alike.
 */
import type { EventEnvelope, NewEvent } from '../../core/messages.js';
import type { AppendResult, ReadOptions, StreamOptions, StreamRef } from '../../core/ports.js';
import type { EventCodec } from '../serialization/records.js';

/** Inclusive version bounds of a read (`to` undefined = to the end), or null when nothing can match. */
export interface VersionRange {
  readonly from: number;
  readonly to: number | undefined;
  readonly limit: number | undefined;
}

export const versionRange = (options: ReadOptions): VersionRange | null => {
  const from = Math.max(1, options.fromVersion ?? 1);
  if (options.toVersion !== undefined && options.toVersion < from) return null;
  if (options.limit !== undefined && options.limit <= 0) return null;
  return { from, to: options.toVersion, limit: options.limit };
};

/** Pages through `read` so a long stream never has to be fetched (or held) in one go. */
export async function* readInBatches(
  read: (options: ReadOptions) => Promise<EventEnvelope[]>,
  options: StreamOptions,
  defaultBatchSize: number,
): AsyncIterable<EventEnvelope> {
  const batchSize = options.batchSize ?? defaultBatchSize;
  let from = Math.max(1, options.fromVersion ?? 1);
  const to = options.toVersion;
  for (;;) {
    if (to !== undefined && from > to) return;
    const batch = await read({ fromVersion: from, limit: batchSize, ...(to === undefined ? {} : { toVersion: to }) });
    yield* batch;
    const last = batch.at(-1);
    if (batch.length < batchSize || !last) return;
    from = last.aggregateVersion + 1;
  }
}

/** One event as encoded for a write: its checksum travels into the envelope. */
export interface WrittenEvent {
  readonly event: NewEvent;
  readonly checksum: string;
}

/** Event k (0-based) of a write got version `firstVersion + k` and partition-log position `positions[k]`. */
export const appendResult = (
  codec: EventCodec,
  ref: StreamRef,
  written: readonly WrittenEvent[],
  firstVersion: number,
  nextVersion: number,
  positions: readonly string[],
): AppendResult => ({
  nextVersion,
  positions,
  envelopes: written.map(({ event, checksum }, i) =>
    codec.envelope(event, checksum, { ...ref, aggregateVersion: firstVersion + i, position: positions[i]! }),
  ),
});
