/**
 * Profiling experiment, not part of `npm run bench`:
 *   [DRAIN=1] [FLAGS='--max-semi-space-size=64'] npx tsx bench/experiments/tail.ts [ENV=value …]
 * Starts a private redis-server and the server under test (ENV=value pairs go to its environment,
 * FLAGS to node), then three rounds of 6 s of placeTower at 64 concurrent requests on 1,500 fresh
 * sessions (DRAIN: wait for the projections to catch up on their creation first). Prints per round
 * the server's CPU time per successful mutation (from /proc: robust on a shared machine, where
 * throughput is not), the latency percentiles, the first 130 requests by start time and when the
 * slowest started (a stall shows as a cluster), and the server's PlaceTower command histogram.
 */
import { MEADOW_TOWER_CELLS, OPS, mapLimit, BenchApi } from '../api.js';
import { startBenchRedis } from '../redis.js';
import { spawnApiServer } from '../serverProcess.js';
import { cleanupAll } from '../lifecycle.js';
import { readFileSync } from 'node:fs';
const cpuMs = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };

const env: Record<string, string> = { ADMIN_USERNAME: 'a_admin', ADMIN_PASSWORD: 'bench-admin-password-1234!' };
for (const kv of process.argv.slice(2)) { const [k, v] = kv.split('='); env[k!] = v!; }
const redis = await startBenchRedis();
try {
  const server = await spawnApiServer(redis.url, (process.env.FLAGS ? process.env.FLAGS.split(' ') : []), env);
  const api = new BenchApi(server.url);
  const users = await mapLimit([0, 1, 2, 3, 4, 5, 6, 7], 4, (i) => api.user(`t_${process.pid}_${i}`));
  const post = async (body: string, token: string) => {
    const r = await fetch(`${server.url}/graphql`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    return r.text();
  };
  for (const round of [0, 1, 2]) {
    const sessions = await mapLimit(Array.from({ length: 1500 }, (_, i) => i), 32, async (i) => ({ ...(await api.createSession(users[i % 8]!.token)), token: users[i % 8]!.token }));
    if (process.env.DRAIN) { const t = performance.now(); while ((await api.metricMax('da_projection_lag_events')) > 0) await new Promise((r) => setTimeout(r, 100)); console.log(`  drained in ${(performance.now() - t).toFixed(0)} ms`); }
    const reqs: Array<{ body: string; token: string }> = [];
    for (let k = 0; k < 4; k++) for (const s of sessions) reqs.push({ body: JSON.stringify({ query: OPS.placeTower, variables: { input: { sessionId: s.id, towerType: 'ARROW', x: MEADOW_TOWER_CELLS[k]![0], y: MEADOW_TOWER_CELLS[k]![1] } } }), token: s.token });
    const c0 = cpuMs(server.pid);
    const t0 = performance.now();
    const lat: Array<[number, number]> = [];
    let next = 0, ok = 0;
    const end = t0 + 6000;
    await Promise.all(Array.from({ length: 64 }, async () => {
      while (performance.now() < end && next < reqs.length) {
        const r = reqs[next++]!;
        const s = performance.now();
        const text = await post(r.body, r.token);
        if (text.includes('PlaceTowerSuccess')) ok++;
        lat.push([s - t0, performance.now() - s]);
      }
    }));
    const cpu = cpuMs(server.pid) - c0;
    const sorted = lat.map((l) => l[1]).sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.floor((sorted.length - 1) * p)]!.toFixed(1);
    console.log(`round ${round}: ${(ok / 6).toFixed(0)} ok/s of ${lat.length}; server CPU ${(cpu / ok).toFixed(3)} ms/mutation (${(cpu / 6000 * 100).toFixed(0)}% of a core); p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} max ${q(1)}`);
    console.log('  first 130 by start:', lat.slice().sort((a, b) => a[0] - b[0]).slice(0, 130).map(([s, l]) => `${s.toFixed(0)}+${l.toFixed(0)}`).join(' '));
    // slow ones by start-time bucket (250 ms)
    const thr = Number(q(0.99)) * 0.8;
    const buckets = new Map<number, number>();
    for (const [s, l] of lat) if (l >= thr) buckets.set(Math.floor(s / 250), (buckets.get(Math.floor(s / 250)) ?? 0) + 1);
    console.log('  slow (>=0.8 p99) by 250ms start bucket:', [...buckets].sort((a, b) => a[0] - b[0]).map(([b, n]) => `${b * 0.25}s:${n}`).join(' '));
  }
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  console.log(metrics.split('\n').filter((l) => /da_command_duration_seconds.*PlaceTower/i.test(l) && !l.startsWith('#')).slice(0, 30).join('\n'));
  await server.stop();
} finally {
  await cleanupAll();
}
