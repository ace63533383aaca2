/**
 * Experiment (not part of `npm run bench`): the gameSession query alone at 64 connections against
 * a server under --cpu-prof, to see where a read's CPU goes.
 *   npx tsx bench/experiments/queryProfile.ts [profile dir]
 */
import { startBenchRedis } from '../redis.js';
import { createSessions, startApi } from '../graphql.js';
import { OPS } from '../api.js';
import { httpLoad } from '../loadgen/httpClient.js';
import { cleanupAll } from '../lifecycle.js';
import { readCpuMs } from '../serverProcess.js';

const dir = process.argv[2] ?? 'bench-profiles';
const redis = await startBenchRedis('none');
try {
  const api = await startApi(redis.url, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const sessions = await createSessions(api, 32);
  const requests = sessions.map((s) => ({ body: JSON.stringify({ query: OPS.gameSession, variables: { id: s.id } }), headers: { authorization: `Bearer ${s.token}` } }));
  await httpLoad({ url: api.server.url, connections: 64, durationSeconds: 3, requests, successMarker: '"gameSession":{' });
  const before = await readCpuMs(api.server.pid);
  const r = await httpLoad({ url: api.server.url, connections: 64, durationSeconds: 8, requests, successMarker: '"gameSession":{' });
  const after = await readCpuMs(api.server.pid);
  console.log(`gameSession c64: ${Math.round(r.rate)} q/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, server CPU ${(((after ?? 0) - (before ?? 0)) * 1000 / r.requests).toFixed(0)} µs/query`);
  await api.server.stop();
} finally {
  await cleanupAll();
}
