import { startBenchRedis } from './redis.js';
import { startApi, createSessions, placeTowerRun } from './graphql.js';
import { cleanupAll } from './lifecycle.js';
const redis = await startBenchRedis('none');
try {
  const api = await startApi(redis.url);
  let t = Date.now();
  await createSessions(api, 200); console.log('200 sessions', Date.now() - t); t = Date.now();
  const r = await placeTowerRun(api, 64, 1, 0, 256); console.log('pT amount 256', Date.now() - t, r.rate); t = Date.now();
  const r2 = await placeTowerRun(api, 64, 1, 300); console.log('pT 1s', Date.now() - t, r2.rate); t = Date.now();
  const r3 = await placeTowerRun(api, 1, 1, 0, 100); console.log('pT c1 100', Date.now() - t, r3.rate); t = Date.now();
} finally { await cleanupAll(); }
