/**
 * Summaries for the benchmark: every figure is the median of several runs with the min–max of
 * those runs; latencies are exact percentiles over a sorted sample (runs are bounded, so keeping
 * every sample is cheaper than an HDR histogram and has no bucket error).
 */

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** The per-run values, in run order. */
  readonly runs: readonly number[];
}

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile (p in 0..100) of an ascending array. */
export const percentileOfSorted = (ascending: readonly number[], p: number): number => {
  if (ascending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * ascending.length);
  return ascending[Math.min(ascending.length - 1, Math.max(0, rank - 1))]!;
};

export const percentile = (values: readonly number[], p: number): number => percentileOfSorted(sorted(values), p);

export const median = (values: readonly number[]): number => {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const summarize = (runs: readonly number[]): Summary => ({
  median: median(runs),
  min: runs.length ? Math.min(...runs) : Number.NaN,
  max: runs.length ? Math.max(...runs) : Number.NaN,
  runs: [...runs],
});

/**
 * Ratio of two summaries whose runs were measured in pairs (run i of each in the same round): the
 * median of the per-round ratios, with their min–max. One statistic throughout, so the median
 * always lies inside its min–max. A denominator with a single run (a pooled figure) pairs with
 * every run of the numerator.
 */
export const ratio = (numerator: Summary, denominator: Summary): Summary => {
  const single = denominator.runs.length === 1;
  const n = single ? numerator.runs.length : Math.min(numerator.runs.length, denominator.runs.length);
  return summarize(Array.from({ length: n }, (_, i) => numerator.runs[i]! / denominator.runs[single ? 0 : i]!));
};

/** Latency samples in milliseconds, collected cheaply during a run. */
export class Samples {
  private data: number[] = [];
  add(ms: number): void {
    this.data.push(ms);
  }
  values(): readonly number[] {
    return this.data;
  }
  get count(): number {
    return this.data.length;
  }
  percentiles(...ps: number[]): number[] {
    const s = sorted(this.data);
    return ps.map((p) => percentileOfSorted(s, p));
  }
}

/** Least-squares slope of y over x. */
export const slope = (points: ReadonlyArray<readonly [number, number]>): number => {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
};
