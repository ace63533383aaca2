/**
 * Closed-loop load: `concurrency` workers each run `op` back to back until the deadline. The
 * in-Redis benchmarks use it in-process (the benchmark IS the Redis client being measured).
 */
import { performance } from 'node:perf_hooks';
import { Samples } from './stats.js';

export interface DriveResult {
  readonly ops: number;
  readonly elapsedMs: number;
  /** ops per second */
  readonly rate: number;
  readonly latencies: Samples;
}

export const drive = async (concurrency: number, durationMs: number, op: (worker: number) => Promise<unknown>): Promise<DriveResult> => {
  const latencies = new Samples();
  let ops = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await op(worker);
        latencies.add(performance.now() - t0);
        ops++;
      }
    }),
  );
  const elapsedMs = performance.now() - start;
  return { ops, elapsedMs, rate: (ops * 1000) / elapsedMs, latencies };
};
