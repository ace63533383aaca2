/** Durations for game rules (the match queue's wait limit) on ISO-8601 instants (see core/time.ts). */
import { ValidationError } from '../../core/errors.js';
import { parseInstant } from '../../core/time.js';

/** Epoch milliseconds of an ISO-8601 timestamp with a zone (Z or ±hh:mm); NaN when malformed. */
export const epochMs = (iso: string): number => parseInstant(iso) ?? Number.NaN;

/** The command's `at`, checked: a decider must not store or compute with a timestamp it cannot read. */
export const requireTimestamp = (at: string, field = 'at'): number => {
  const ms = parseInstant(at);
  if (ms === null) throw ValidationError.field(field, `${field} must be an ISO-8601 timestamp with a zone, e.g. 2024-01-01T00:00:00.000Z`);
  return ms;
};
