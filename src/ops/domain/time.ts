/**
 * ISO-8601 instants, read without the `Date` global: the domain may not touch the clock (eslint),
 * yet rules such as "samples move forward" or "a report spans at most 366 days" must compare
 * instants written with different offsets and precisions, where comparing strings is wrong.
 */
import { ValidationError } from '../../core/errors.js';

const isoInstant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

export const msPerDay = 86_400_000;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

/**
 * Milliseconds since the epoch, or null when `iso` is not a full date-time with a zone
 * (`2026-11-24T17:00:00Z`, `…:00.123+01:00`). Digits past milliseconds are truncated; leap
 * seconds are refused rather than guessed.
 */
export const toEpochMs = (iso: string): number | null => {
  const m = isoInstant.exec(iso);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ?? '';
  const zone = m[8] ?? 'Z';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  return daysFromCivil(year, month, day) * msPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offsetMinutes * 60_000;
};

/** The instant in ms, or a ValidationError naming the command field that carried it. */
export const requireInstant = (field: string, value: string): number => {
  const ms = typeof value === 'string' ? toEpochMs(value) : null;
  if (ms === null) throw ValidationError.field(field, `${field} must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z`);
  return ms;
};
