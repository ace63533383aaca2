/**
 * Instants without the `Date` global. Deciders may not touch the clock (an eslint rule bans
 * `Date` in domain code so nobody reaches for `Date.now()`), yet rules such as lock expiry,
 * match wait limits or report ranges must compare instants written with different offsets and
 * precisions — where comparing strings is wrong. Instants travel as ISO-8601 strings (what
 * `CommandMetadata.timestamp` carries); these convert them to epoch milliseconds and back with
 * Howard Hinnant's civil-calendar algorithms (proleptic Gregorian, UTC).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
export const MS_PER_DAY = 86_400_000;

const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

const civilFromDays = (days: number): [number, number, number] => {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
};

/**
 * Epoch milliseconds of a full ISO-8601 date-time with a zone (`Z` or `±hh:mm`), or null when
 * malformed or impossible (2025-02-30, 24:00, leap seconds). Digits past milliseconds are dropped.
 */
export const parseInstant = (iso: string): number | null => {
  const m = typeof iso === 'string' ? ISO.exec(iso) : null;
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = daysFromCivil(year, month, day);
  const [y2, m2, d2] = civilFromDays(days);
  // Round-tripping rejects impossible dates without a month-length table.
  if (y2 !== year || m2 !== month || d2 !== day || hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  return days * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The canonical form `Date#toISOString` produces (`YYYY-MM-DDTHH:mm:ss.sssZ`). */
export const toIso = (millis: number): string => {
  const days = Math.floor(millis / MS_PER_DAY);
  const rest = millis - days * MS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  const minute = Math.floor((rest % 3_600_000) / 60_000);
  const second = Math.floor((rest % 60_000) / 1000);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(rest % 1000, 3)}Z`;
};
