/**
 * Profiling experiment, not part of `npm run bench`:
 *   [FLAGS='--cpu-prof --cpu-prof-dir=/tmp/c1prof'] npx tsx bench/experiments/c1.ts [ENV=value …]
 * One placeTower at a time (c1), 3,000 per round on fresh sessions (two rounds of two towers each),
 * after the projections have caught up on their creation: latency percentiles, the server's CPU per mutation (/proc), and the share of
 * the latency that is the server's command handling (da_command_duration) vs the rest.
 */
import { readFileSync } from 'node:fs';
import { BenchApi, MEADOW_TOWER_CELLS, OPS, mapLimit } from '../api.js';
import { cleanupAll } from '../lifecycle.js';
import { startBenchRedis } from '../redis.js';
import { spawnApiServer } from '../serverProcess.js';

const cpuMs = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const env: Record<string, string> = { ADMIN_USERNAME: 'a_admin', ADMIN_PASSWORD: 'bench-admin-password-1234!' };
for (const kv of process.argv.slice(2)) {
  const [k, v] = kv.split('=');
  env[k!] = v!;
}
const redis = await startBenchRedis();
try {
  const server = await spawnApiServer(redis.url, process.env.FLAGS ? process.env.FLAGS.split(' ') : [], env);
  const api = new BenchApi(server.url);
  const user = await api.user(`c1_${process.pid}`);
  // Four towers per session (its starting gold): every mutation measured is a successful one.
  const PER_ROUND = 3_000;
  const sessions = await mapLimit(Array.from({ length: PER_ROUND / 2 }, (_, i) => i), 16, async () => api.createSession(user.token));
  while ((await api.metricMax('da_projection_lag_events')) > 0) await new Promise((r) => setTimeout(r, 100));
  const commandSeconds = async (): Promise<number> => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('da_command_duration_seconds_sum{command="PlaceTower"}'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  for (const round of [0, 1]) {
    const c0 = cpuMs(server.pid);
    const s0 = await commandSeconds();
    const lat: number[] = [];
    for (let i = 0; i < PER_ROUND; i++) {
      const s = sessions[i % sessions.length]!;
      const cell = MEADOW_TOWER_CELLS[Math.floor(i / sessions.length) + round * 2]!;
      const body = JSON.stringify({ query: OPS.placeTower, variables: { input: { sessionId: s.id, towerType: 'ARROW', x: cell[0], y: cell[1] } } });
      const t = performance.now();
      await (await fetch(`${server.url}/graphql`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` } })).text();
      lat.push(performance.now() - t);
    }
    const cpu = cpuMs(server.pid) - c0;
    const handled = ((await commandSeconds()) - s0) * 1000;
    lat.sort((a, b) => a - b);
    const q = (p: number): string => lat[Math.floor((lat.length - 1) * p)]!.toFixed(2);
    console.log(`round ${round}: ${lat.length} mutations; p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} p99.9 ${q(0.999)} max ${q(1)} ms; server CPU ${(cpu / lat.length).toFixed(3)} ms/mutation; command handling ${(handled / lat.length).toFixed(3)} ms/mutation`);
  }
  await server.stop();
} finally {
  await cleanupAll();
}
