/**
 * Partition-log positions are Redis stream ids `<ms>-<seq>`. They do not sort as strings
 * ("9-0" > "10-0"), so compare them with `comparePositions`. The in-memory log generates ids with
 * the same rules as XADD `*`, so positions mean the same thing in both implementations.
 */

const parse = (position: string): [number, number] => {
  const [ms, seq] = position.split('-');
  return [Number(ms ?? 0), Number(seq ?? 0)];
};

export const comparePositions = (a: string, b: string): number => {
  const [aMs, aSeq] = parse(a);
  const [bMs, bSeq] = parse(b);
  return aMs - bMs || aSeq - bSeq;
};

/** The id XADD `*` would give after `last` at time `now` (monotonic even if the clock goes back). */
export const nextPosition = (last: string | null, now: number): string => {
  if (last === null) return `${now}-0`;
  const [ms, seq] = parse(last);
  return now > ms ? `${now}-0` : `${ms}-${seq + 1}`;
};
