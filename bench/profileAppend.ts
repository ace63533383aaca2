/**
 * Profiling helper: `npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profileAppend.ts store 64 4000`
 * runs one append kind at one concurrency against a fresh redis-server and prints the rate and
 * the Redis-side cost, so a CPU profile covers nothing but the appends.
 */
import { createAppender, profiledRun, type AppendKind } from './appends.js';
import { PROFILES, type BenchContext } from './context.js';
import { drive } from './drive.js';
import { cleanupAll } from './lifecycle.js';
import { startBenchRedis } from './redis.js';

const [kind = 'store', concurrency = '64', ms = '4000'] = process.argv.slice(2);
const redis = await startBenchRedis('none');
try {
  const ctx: BenchContext = { profile: PROFILES.quick, aof: 'none', redis, figures: [], shared: new Map(), diagnostics: {}, log: console.error };
  const appender = await createAppender(redis.url);
  await drive(Number(concurrency), 500, appender.op(kind as AppendKind, Number(concurrency)));
  const { result, cost } = await profiledRun(ctx, () => drive(Number(concurrency), Number(ms), appender.op(kind as AppendKind, Number(concurrency))));
  console.log(JSON.stringify({ kind, concurrency, rate: Math.round(result.rate), p50: result.latencies.percentiles(50)[0], cost }, null, 1));
  await appender.close();
} finally {
  await cleanupAll();
}
