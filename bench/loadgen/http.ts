/**
 * HTTP load generator (a child process of the benchmark, started once and reused): autocannon
 * against one GraphQL endpoint, cycling through a list of prepared requests (body + headers), for a
 * fixed time (or a fixed number of requests) at a fixed number of connections. Latencies are kept
 * per response at sub-millisecond resolution (autocannon's own histogram is in whole milliseconds).
 *
 *   node --import tsx bench/loadgen/http.ts
 *   stdin:  one spec file path per line   →   stdout: one `RESULT {json}` line per spec
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { Samples } from '../stats.js';

export interface HttpLoadSpec {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** When set, stop after this many requests instead of after `durationSeconds`. */
  readonly amount?: number;
  /** Cycled in order, shared by all connections. */
  readonly requests: ReadonlyArray<{ readonly body: string; readonly headers?: Record<string, string> }>;
  /** A response body containing this counts as a success (e.g. `"PlaceTowerSuccess"`). */
  readonly successMarker?: string;
}

export interface HttpLoadResult {
  readonly requests: number;
  readonly durationMs: number;
  /** 2xx responses per second. */
  readonly rate: number;
  readonly successes: number;
  readonly successRate: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** A few distinct non-success bodies, to say what was measured when not everything succeeded. */
  readonly sampleFailures: readonly string[];
}

const run = (spec: HttpLoadSpec): Promise<HttpLoadResult> =>
  new Promise((resolve, reject) => {
    const samples = new Samples();
    let next = 0;
    let successes = 0;
    let responses = 0;
    const failures = new Set<string>();
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationSeconds }),
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            setupRequest: (request) => {
              const prepared = spec.requests[next++ % spec.requests.length]!;
              return { ...request, body: prepared.body, headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...prepared.headers } };
            },
            onResponse: (_status, body) => {
              responses++;
              if (!spec.successMarker || body.includes(spec.successMarker)) successes++;
              else if (failures.size < 5) failures.add(body.slice(0, 300));
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const [p50, p90, p99, max] = samples.percentiles(50, 90, 99, 100);
        const durationMs = result.duration * 1000;
        resolve({
          requests: result.requests.total,
          durationMs,
          rate: (result['2xx'] * 1000) / durationMs,
          successes,
          successRate: successes / Math.max(1, responses),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          latency: { p50: p50!, p90: p90!, p99: p99!, max: max! },
          sampleFailures: [...failures],
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => samples.add(responseTime));
  });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  try {
    const spec = JSON.parse(await readFile(line.trim(), 'utf8')) as HttpLoadSpec;
    process.stdout.write(`RESULT ${JSON.stringify(await run(spec))}\n`);
  } catch (error) {
    process.stdout.write(`RESULT ${JSON.stringify({ error: String((error as Error)?.stack ?? error) })}\n`);
  }
}
