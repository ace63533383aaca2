/** Lock and expiry arithmetic on ISO-8601 instants (see core/time.ts for why not `Date`). */
import { ValidationError } from '../../core/errors.js';
import { parseInstant, toIso } from '../../core/time.js';

export { toIso };

/** Epoch milliseconds of an ISO-8601 instant; throws ValidationError on `field` when malformed. */
export const toMillis = (iso: string, field = 'at'): number => {
  const millis = parseInstant(iso);
  if (millis === null) throw ValidationError.field(field, `${field} must be an ISO-8601 instant`);
  return millis;
};

/** `iso + seconds`, in canonical UTC form. */
export const addSeconds = (iso: string, seconds: number, field = 'at'): string => toIso(toMillis(iso, field) + Math.round(seconds * 1000));

/** True when instant `a` is strictly before instant `b` (offsets are honoured, not string order). */
export const isBefore = (a: string, b: string): boolean => toMillis(a) < toMillis(b);
