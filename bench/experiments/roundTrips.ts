/**
 * Profiling experiment, not part of `npm run bench`:
 *   npx tsx bench/experiments/roundTrips.ts [placements]
 * Starts a private redis-server and the server under test (src/main.ts, projections included),
 * warms one game session up, then MONITORs Redis during `placements` sequential placeTower
 * mutations and prints, per mutation, the commands the request path sent (the connection that
 * sent the first of them) in order, then everything else (projections, watchers) as counts.
 */
import { Redis } from 'ioredis';
import { BenchApi, MEADOW_TOWER_CELLS } from '../api.js';
import { startBenchRedis } from '../redis.js';
import { spawnApiServer } from '../serverProcess.js';

const placements = Number(process.argv[2] ?? 3);
const redis = await startBenchRedis();
const server = await spawnApiServer(redis.url);
const api = new BenchApi(server.url);
const user = await api.user(`rt_${Date.now().toString(36)}`);
const session = await api.createSession(user.token);
await api.placeTower(user.token, session.id, ...MEADOW_TOWER_CELLS[0]!);
// Let the projections settle so what follows is the steady state.
await new Promise((resolve) => setTimeout(resolve, 1_500));

const monitorConnection = new Redis(redis.url);
const monitor = await monitorConnection.monitor();
// Replies still streaming in while it disconnects confuse ioredis's queue: not our concern here.
monitor.on('error', () => undefined);
monitorConnection.on('error', () => undefined);
type Seen = { source: string; command: string };
let current: Seen[] = [];
monitor.on('monitor', (_time: string, args: unknown[], source: string) => current.push({ source, command: args.slice(0, 2).map(String).join(' ').slice(0, 90) }));
await new Promise((resolve) => setTimeout(resolve, 200));
const perPlacement: Seen[][] = [];
for (let k = 1; k <= placements; k++) {
  current = [];
  await api.placeTower(user.token, session.id, ...MEADOW_TOWER_CELLS[k]!);
  perPlacement.push(current);
}
monitor.disconnect();
monitorConnection.disconnect();
await server.stop();
await redis.stop();

// The request path ends with the live PUBLISHes (the answer follows them); projection work on the
// shared connection (XREADGROUP, XPENDING, XRANGE, XACK, its scripts) is counted apart.
const PROJECTION = /^(xreadgroup|xpending|xrange|xack|xautoclaim|xclaim|xread)\b/;
perPlacement.forEach((seen, i) => {
  const lastPublish = seen.map((s) => s.command).lastIndexOf(seen.filter((s) => s.command.startsWith('publish')).at(-1)?.command ?? '');
  const path = seen.slice(0, lastPublish + 1).filter((s) => !PROJECTION.test(s.command));
  console.log(`placeTower ${i + 1}: ${path.filter((s) => s.source !== 'lua').length} commands on the request path`);
  for (const s of path) console.log(`  ${s.source === 'lua' ? '    (in script) ' : ''}${s.command}`);
  const rest = new Map<string, number>();
  for (const s of seen) if (s.source !== 'lua' && !path.includes(s)) rest.set(s.command.split(' ')[0]!, (rest.get(s.command.split(' ')[0]!) ?? 0) + 1);
  console.log(`  meanwhile and after, before the next request (projections, watchers): ${[...rest].map(([c, n]) => `${c}×${n}`).join(', ') || 'none'}`);
});
process.exit(0);
