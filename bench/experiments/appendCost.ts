/**
 * What the append script's stream-node rewrite costs and saves: Redis-side µs per append
 * (INFO commandstats, so client noise does not count) and used_memory per event, for 10-event
 * aggregates of ~500-byte entries, the committed script against the same script with the rewrite
 * switched off, alternating. `npx tsx bench/experiments/appendCost.ts [aggregates] [rounds]`
 *
 * Measured (redis 7.0, 300 aggregates, 2 rounds): ~35 µs and ~915 B/event without the rewrite,
 * ~36–40 µs and ~645 B/event with it. Checking with XINFO STREAM instead of MEMORY USAGE cost
 * ~+20 µs per append; rewriting on every append ~+10 µs. On a faster machine (2026-12-01, 3
 * rounds): ~9.9 µs and ~918 B/event without, ~12.3 µs and ~645 B/event with it, of which the
 * two MEMORY USAGE checks are ~0.9 µs and the DUMP + RESTORE ~1.4 µs per append on average. In
 * the bench, where the c64 append is Redis-bound, the rewrite costs ~15% of the store's c64
 * rate (append c64 ÷ raw ~62% without it, ~53% with it). A smaller stream-node-max-bytes does
 * not replace it on the real workload: 1,024 gave 2,033 B/event for the whole server vs 1,730.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { appendScript } from '../../src/infrastructure/redis/appendScript.js';
import { defineScript, type LuaScript } from '../../src/infrastructure/redis/luaScript.js';

const aggregates = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 2);
const withoutRewrite = defineScript(appendScript.source.replace('local watched = current < 128', 'local watched = false'));
if (withoutRewrite.source === appendScript.source) throw new Error('the append script changed: update the switch in this experiment');

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as { port: number };
    probe.close(() => resolve(free));
  });
});
const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const redis = new Redis({ port, host: '127.0.0.1', retryStrategy: (n) => (n < 50 ? 50 : null) });
// Refused connections until redis-server listens are retried (retryStrategy), not errors.
redis.on('error', () => {});
await redis.ping();

const fields = (v: number) => ['i', `01a22e43-bda5-73c0-b0f4-a29044204${String(v).padStart(3, '0')}`, 't', 'Ev', 'd', 'x'.repeat(300), 'm', 'y'.repeat(140)];
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);

const run = async (script: LuaScript, label: string) => {
  await redis.config('RESETSTAT');
  const before = await usedMemory();
  for (let a = 0; a < aggregates; a++) {
    for (let v = 0; v < 10; v++) {
      await script.run(redis, [`s:${label}:${a}`, `plog:${label}`], [v === 0 ? 'no_stream' : 'exact', v, 'game', String(a), 1, '0', '0', 0, 'Ev', 4, ...fields(v)]);
    }
  }
  const perCall = /cmdstat_evalsha:.*usec_per_call=([\d.]+)/.exec(await redis.info('commandstats'))?.[1];
  console.log(`${label.padEnd(18)} ${perCall} µs per append (Redis side), ${Math.round(((await usedMemory()) - before) / (aggregates * 10))} B/event`);
};

try {
  for (let round = 0; round < rounds; round++) {
    await run(withoutRewrite, `without rewrite ${round}`);
    await run(appendScript, `with rewrite ${round}`);
  }
} finally {
  await redis.quit();
  server.kill();
}
