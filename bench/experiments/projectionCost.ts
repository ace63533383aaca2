/**
 * Profiling experiment, not part of `npm run bench`: what the asynchronous side (projections and
 * process managers) costs per event, measured apart from the command path. The server runs as
 * two processes on a private redis-server, `ROLES=api` and `ROLES=worker,scheduler`; placeTower
 * mutations are sent with `CONCURRENCY` in flight (default 1) for `SECONDS` (default 8) on fresh
 * sessions (at most 4 towers each: the starting gold). Reported per successful mutation (one
 * event): the worker's CPU (/proc), the API's CPU, and Redis commands (INFO commandstats), split
 * by command.
 *   [SINGLE=1] npx tsx bench/experiments/projectionCost.ts [CONCURRENCY] [SECONDS] [ENV=value …]
 * (SINGLE=1: one process with every role instead; INFO commandstats counts the commands a script
 * runs as well as the EVALSHA itself, so compare the CPU, not the command totals, across changes
 * that move commands into scripts).
 */
import { BenchApi, MEADOW_TOWER_CELLS, mapLimit } from '../api.js';
import { cleanupAll } from '../lifecycle.js';
import { info, startBenchRedis } from '../redis.js';
import { readCpuMs, spawnApiServer } from '../serverProcess.js';

const cpuMs = async (pid: number): Promise<number> => (await readCpuMs(pid)) ?? Number.NaN;
const concurrency = Number(process.argv[2] ?? 1);
const seconds = Number(process.argv[3] ?? 8);
const env: Record<string, string> = { ADMIN_USERNAME: 'a_admin', ADMIN_PASSWORD: 'bench-admin-password-1234!' };
for (const kv of process.argv.slice(4)) {
  const [k, v] = kv.split('=');
  env[k!] = v!;
}
const TOWERS = 4;

const redis = await startBenchRedis();
try {
  // SINGLE=1: one process with every role (what the bench runs); its CPU is reported as the API's.
  const single = process.env.SINGLE === '1';
  const api = await spawnApiServer(redis.url, [], { ...env, ...(single ? {} : { ROLES: 'api' }) });
  // FLAGS='--cpu-prof --cpu-prof-dir=DIR' profiles the worker.
  const worker = single ? api : await spawnApiServer(redis.url, process.env.FLAGS ? process.env.FLAGS.split(' ') : [], { ...env, ROLES: 'worker,scheduler' });
  const client = new BenchApi(api.url);
  const workerMetrics = new BenchApi(worker.url);
  const caughtUp = async () => {
    while ((await workerMetrics.metricMax('da_projection_lag_events')) > 0) await new Promise((r) => setTimeout(r, 100));
  };
  const user = await client.user(`pc_${process.pid}`);
  const commands = async (): Promise<Map<string, number>> => {
    const stats = await info(redis.admin, 'commandstats');
    const out = new Map<string, number>();
    for (const [key, value] of Object.entries(stats)) {
      const calls = /calls=(\d+)/.exec(value)?.[1];
      if (key.startsWith('cmdstat_') && calls) out.set(key.slice(8), Number(calls));
    }
    return out;
  };
  for (const round of [0, 1, 2]) {
    const sessions = await mapLimit(Array.from({ length: Math.ceil((2_500 * seconds) / TOWERS) }, (_, i) => i), 16, () => client.createSession(user.token));
    await caughtUp();
    await new Promise((r) => setTimeout(r, 500));
    const [w0, a0, c0] = [single ? 0 : await cpuMs(worker.pid), await cpuMs(api.pid), await commands()];
    let next = 0;
    let ok = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const i = next++;
          const s = sessions[i % sessions.length]!;
          const [x, y] = MEADOW_TOWER_CELLS[Math.floor(i / sessions.length) % TOWERS]!;
          await client.placeTower(user.token, s.id, x, y).then(
            () => ok++,
            () => undefined,
          );
        }
      }),
    );
    await caughtUp();
    const a1 = await cpuMs(api.pid);
    const [w1, c1] = [single ? 0 : await cpuMs(worker.pid), await commands()];
    const perCommand = [...c1]
      .map(([name, calls]) => [name, (calls - (c0.get(name) ?? 0)) / ok] as const)
      .filter(([name, n]) => n >= 0.05 && name !== 'info' && name !== 'config|resetstat')
      .sort((a, b) => b[1] - a[1]);
    const total = perCommand.reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `round ${round}: c${concurrency}, ${ok} mutations; worker CPU ${(((w1 - w0) * 1000) / ok).toFixed(0)} µs/event, api CPU ${(((a1 - a0) * 1000) / ok).toFixed(0)} µs/mutation; ` +
        `Redis commands ${total.toFixed(1)}/mutation: ${perCommand.map(([name, n]) => `${name} ${n.toFixed(1)}`).join(', ')}`,
    );
  }
  await Promise.all([api.stop(), worker.stop()]);
} finally {
  await cleanupAll();
}
