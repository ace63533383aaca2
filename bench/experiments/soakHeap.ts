/**
 * What the soak's server keeps: the soak load (bench/loadgen/soak.ts) against a fresh server, a
 * heap snapshot after A seconds and another after B, then the growth between them by constructor
 * (count and self size; strings by their first characters), largest first. It found the partition
 * watcher keeping every XREAD reply and the state cache keeping every finished game. `npx tsx bench/experiments/soakHeap.ts [A] [B]`
 * (snapshots are written to a temporary directory, which is printed).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../graphql.js';
import { sleep } from '../lifecycle.js';
import { startLoadgen } from '../loadgen/run.js';
import type { SoakResult, SoakSpec } from '../loadgen/soak.js';
import { startBenchRedis } from '../redis.js';

const first = Number(process.argv[2] ?? 60);
const second = Number(process.argv[3] ?? 180);
const dir = mkdtempSync(join(tmpdir(), 'soak-heap-'));
const redis = await startBenchRedis();
const api = await startApi(redis.url, ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`]);

interface Snapshot { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] }
const byConstructor = (file: string): Map<string, { count: number; size: number }> => {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const raw = snap.strings[snap.nodes[i + nameAt]!] ?? '';
    // Objects and closures by constructor or function name, strings by their first characters (ids, event types).
    const name = type === 'object' || type === 'closure' ? `${type}:${raw}` : type.endsWith('string') ? `${type}:${raw.slice(0, 60).replace(/\n/g, ' ')}` : type;
    const entry = out.get(name) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snap.nodes[i + sizeAt]!;
    out.set(name, entry);
  }
  return out;
};
const snapshot = async (): Promise<string> => {
  const before = new Set(readdirSync(dir));
  process.kill(api.server.pid, 'SIGUSR2');
  for (;;) {
    await sleep(1000);
    const added = readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (added.length > 0) {
      await sleep(3000); // written in one go; give it time to finish
      return join(dir, added[0]!);
    }
  }
};

try {
  const spec: SoakSpec = { url: api.server.url, tokens: api.users.map((u) => u.token), games: 8, ws: 2, sse: 2 };
  const loadgen = await startLoadgen<SoakResult>('bench/loadgen/soak.ts', spec, (second + 300) * 1000);
  const started = Date.now();
  await sleep(first * 1000);
  const a = await snapshot();
  await sleep(Math.max(0, started + second * 1000 - Date.now()));
  const b = await snapshot();
  await loadgen.stop();
  console.log(`snapshots in ${dir}`);
  const before = byConstructor(a);
  const after = byConstructor(b);
  const rows = [...after].map(([name, v]) => ({ name, count: v.count - (before.get(name)?.count ?? 0), size: v.size - (before.get(name)?.size ?? 0) }));
  for (const row of rows.sort((x, y) => y.size - x.size).slice(0, 40)) console.log(`${String(row.size).padStart(12)} B ${String(row.count).padStart(8)}  ${row.name}`);
} finally {
  await api.server.stop();
  await redis.stop();
}
