import { startBenchRedis, commandStats, commandStatsDelta, info } from './redis.js';
import { startApi, placeTowerRun } from './graphql.js';
import { cleanupAll } from './lifecycle.js';
const redis = await startBenchRedis('none');
try {
  const api = await startApi(redis.url, ['--cpu-prof', '--cpu-prof-dir=/tmp/sprof']);
  await placeTowerRun(api, 64, 2, 400);
  const before = await commandStats(redis.admin);
  const cpu0 = await info(redis.admin, 'cpu');
  const r = await placeTowerRun(api, 64, 5, 400);
  const cpu1 = await info(redis.admin, 'cpu');
  console.log('rate', r.rate, r.result.successRate, r.result.latency);
  const d = commandStatsDelta(before, await commandStats(redis.admin));
  const ops = r.result.requests;
  console.log('redis cpu s', Number(cpu1.used_cpu_user) + Number(cpu1.used_cpu_sys) - Number(cpu0.used_cpu_user) - Number(cpu0.used_cpu_sys));
  for (const [k, v] of Object.entries(d).sort((a, b) => b[1].usec - a[1].usec)) console.log(k.padEnd(20), (v.calls / ops).toFixed(2), 'calls/req', v.usecPerCall, 'us/call', (v.usec / ops).toFixed(1), 'us/req');
} finally { await cleanupAll(); }
