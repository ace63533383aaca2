/** Instant comparisons for ops rules ("samples move forward", "at most 366 days"); see core/time.ts. */
import { ValidationError } from '../../core/errors.js';
import { MS_PER_DAY, parseInstant } from '../../core/time.js';

export const msPerDay = MS_PER_DAY;

/** Milliseconds since the epoch, or null when `iso` is not a full date-time with a zone. */
export const toEpochMs = (iso: string): number | null => parseInstant(iso);

/** The instant in ms, or a ValidationError naming the command field that carried it. */
export const requireInstant = (field: string, value: string): number => {
  const ms = parseInstant(value);
  if (ms === null) throw ValidationError.field(field, `${field} must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z`);
  return ms;
};
