/**
 * Event metadata as stored: a positional array instead of an object, so the five to seven field
 * names (`correlationId`, `causationId`, `timestamp`, …, ~65 bytes of JSON) are not repeated in
 * every stream entry and partition-log entry (Redis streams share only the entry's field names,
 * not names inside a value).
 *
 *   [correlationId, causationId, timestamp, commandType, userId, commandCausationId, traceparent, extras]
 *
 * `timestamp` is stored as epoch ms when that gives back the very same ISO string, else as the
 * string; absent optional fields are null, trailing nulls are dropped; `extras` holds any other key
 * (none today) so nothing is lost. Entries written as an object (before this layout) still decode.
 */
import type { EventMetadata } from '../../core/messages.js';

type Stored = [string, string, number | string, ...(string | null | Record<string, unknown>)[]];

const OPTIONAL = ['commandType', 'userId', 'commandCausationId', 'traceparent'] as const;
const KNOWN = new Set<string>(['correlationId', 'causationId', 'timestamp', ...OPTIONAL]);

const compactTime = (timestamp: string): number | string => {
  const ms = Date.parse(timestamp);
  return Number.isFinite(ms) && new Date(ms).toISOString() === timestamp ? ms : timestamp;
};

export const packMetadata = (metadata: EventMetadata): Stored => {
  const out: Stored = [metadata.correlationId, metadata.causationId, compactTime(metadata.timestamp)];
  for (const name of OPTIONAL) out.push(metadata[name] ?? null);
  const extras = Object.entries(metadata).filter(([name, value]) => !KNOWN.has(name) && value !== undefined);
  if (extras.length > 0) out.push(Object.fromEntries(extras));
  while (out.length > 3 && out[out.length - 1] === null) out.pop();
  return out;
};

/** Either layout back to the metadata object. */
export const unpackMetadata = (stored: unknown): EventMetadata => {
  if (!Array.isArray(stored)) return stored as EventMetadata;
  const [correlationId, causationId, timestamp, ...rest] = stored as Stored;
  const metadata: Record<string, unknown> = {
    correlationId,
    causationId,
    timestamp: typeof timestamp === 'number' ? new Date(timestamp).toISOString() : timestamp,
  };
  OPTIONAL.forEach((name, i) => {
    const value = rest[i];
    if (typeof value === 'string') metadata[name] = value;
  });
  const extras = rest[OPTIONAL.length];
  if (extras !== null && typeof extras === 'object') Object.assign(metadata, extras);
  return metadata as unknown as EventMetadata;
};
