/**
 * Timestamps arrive in commands as ISO-8601 strings (the only clock a decider sees). Deciders
 * that need durations (the match queue's wait limit) turn them into epoch milliseconds here,
 * with integer arithmetic rather than `Date`, which the domain lint rule bans so that nobody
 * reaches for `Date.now()`.
 */
import { ValidationError } from '../../core/errors.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Epoch milliseconds of an ISO-8601 timestamp with a zone (Z or ±hh:mm); NaN when malformed. */
export const epochMs = (iso: string): number => {
  const m = ISO.exec(iso);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis - offsetMinutes * 60_000;
};

/** The command's `at`, checked: a decider must not store or compute with a timestamp it cannot read. */
export const requireTimestamp = (at: string, field = 'at'): number => {
  const ms = typeof at === 'string' ? epochMs(at) : Number.NaN;
  if (Number.isNaN(ms)) throw ValidationError.field(field, `${field} must be an ISO-8601 timestamp with a zone, e.g. 2024-01-01T00:00:00.000Z`);
  return ms;
};
