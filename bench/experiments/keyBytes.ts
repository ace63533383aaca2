/**
 * Where the whole server's Redis bytes per event go, key by key: a private redis-server and server
 * under test, 40 sessions played to ~10 events, then MEMORY USAGE of every key added or grown,
 * grouped by key pattern (ids replaced by `*`). Prints samples of a game stream entry and the
 * largest read-model documents. `npx tsx bench/experiments/keyBytes.ts [sessions]`
 * (KEEP=<seconds> keeps the redis-server up for redis-cli before stopping it).
 *
 * What it showed (redis 7.0): a stream's listpack node is preallocated at 4 KB
 * (stream-node-max-bytes) and not shrunk, so a 10-event aggregate stream costs ~4.7 KB while its
 * entries total under ~4 KB and ~9.3 KB up to ~8 KB: bytes saved per entry show in the 10-event
 * figure only when a game's stream crosses that line (today ~4.8 KB of entries).
 */
import { MEADOW_TOWER_CELLS, mapLimit } from '../api.js';
import { createSessions, projectionsCaughtUp, startApi } from '../graphql.js';
import { startBenchRedis } from '../redis.js';

const sessions = Number(process.argv[2] ?? 40);
const redis = await startBenchRedis();
const api = await startApi(redis.url);
const sizes = async (): Promise<Map<string, number>> => {
  const out = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.admin.scan(cursor, 'COUNT', 1000);
    cursor = next;
    const p = redis.admin.pipeline();
    for (const k of keys) p.memory('USAGE', k, 'SAMPLES', 0);
    const r = (await p.exec()) ?? [];
    keys.forEach((k, i) => out.set(k, Number(r[i]?.[1] ?? 0)));
  } while (cursor !== '0');
  return out;
};
const entries = async (): Promise<number> => {
  let n = 0;
  for (const k of await redis.admin.keys('da:partition:*')) if ((await redis.admin.type(k)) === 'stream') n += await redis.admin.xlen(k);
  return n;
};
try {
  await projectionsCaughtUp(api);
  const before = await sizes();
  const e0 = await entries();
  const created = await createSessions(api, sessions);
  await mapLimit(created, 16, async (s) => {
    let version = s.version;
    for (let k = 0; k < 4; k++) version = await api.client.placeTower(s.token, s.id, ...MEADOW_TOWER_CELLS[k]!);
    while (version < 10) {
      const after = await api.client.startWave(s.token, s.id);
      if (!after) break;
      version = after.version;
    }
  });
  await projectionsCaughtUp(api);
  const after = await sizes();
  const events = (await entries()) - e0;
  const groups = new Map<string, { bytes: number; keys: number; type: string }>();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d === 0) continue;
    const pattern = k.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '*').replace(/:\d+(?=:|$)/g, ':#').replace(/bench_[0-9a-f]+_\d+/g, 'bench_*');
    const g = groups.get(pattern) ?? { bytes: 0, keys: 0, type: '' };
    g.bytes += d;
    g.keys++;
    groups.set(pattern, g);
  }
  console.log(`events ${events}`);
  for (const [p, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`${(g.bytes / events).toFixed(1).padStart(8)} B/event ${String(g.keys).padStart(6)} keys  ${p}`);
  const sample = created[0]!.id;
  const gameKeys = [...after.keys()].filter((k) => k.includes(sample));
  for (const k of gameKeys) {
    const t = await redis.admin.type(k);
    console.log(`\n== ${k} (${t}, ${after.get(k)} B)`);
    if (t === 'stream') {
      const all = (await redis.admin.xrange(k, '-', '+')) as Array<[string, string[]]>;
      for (const [id, f] of all) console.log(id, f.map((x, i) => (i % 2 ? Buffer.byteLength(x) : x)).join(' '), '=', f.reduce((n, x) => n + Buffer.byteLength(x), 0), f[1] === undefined ? '' : f[3]);
      console.log(JSON.stringify(all.slice(0, 3)).slice(0, 4000));
    }
    else if (t === 'string') console.log((await redis.admin.get(k))?.slice(0, 3000));
    else if (t === 'hash') console.log(JSON.stringify(await redis.admin.hgetall(k)).slice(0, 3000));
    else if (t === 'set') console.log(await redis.admin.smembers(k));
    else if (t === 'zset') console.log(await redis.admin.zrange(k, 0, -1, 'WITHSCORES'));
  }
  if (process.env.KEEP) { console.log(`redis ${redis.url}; Ctrl-C`); await new Promise((r) => setTimeout(r, Number(process.env.KEEP) * 1000)); }
} finally {
  await api.server.stop();
  await redis.stop();
}
