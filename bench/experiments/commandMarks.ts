/**
 * Experiment, not part of `npm run bench`:
 *   npx tsx bench/experiments/commandMarks.ts [rounds] [perRound]
 * What the idempotency mark costs a command: the dispatcher over a private redis-server (hybrid
 * counter aggregates, state cache on, as in production), sequential commands (c1), interleaved
 * A/B rounds — A: no marks (idempotencyTtlSeconds unset, as before), B: marks — each with and
 * without an idempotency key, on the same connection. Prints mean µs per command and B ÷ A.
 */
import { Redis } from 'ioredis';
import { Dispatcher } from '../../src/core/commands/dispatcher.js';
import { repositoryRegistry } from '../../src/core/commands/repository.js';
import { createRedisStorage } from '../../src/infrastructure/storage.js';
import { counter } from '../../test/core/counter.js';
import { startBenchRedis } from '../redis.js';

const rounds = Number(process.argv[2] ?? 10);
const perRound = Number(process.argv[3] ?? 300);
const redis = await startBenchRedis();
const client = new Redis(redis.url);
const storage = createRedisStorage(client, { prefix: 'cm:', partitions: 16 });
const def = counter();
const dispatcherOf = (marks: boolean) => {
  const repositories = repositoryRegistry(storage, () => ({ storage: 'hybrid', snapshotEvery: 100 }), 1000);
  const d = new Dispatcher({ conflictRetries: 3, repositoryFor: repositories, ...(marks ? { idempotencyTtlSeconds: 3600 } : {}) });
  // Like placeTower: retried on conflict, so it decides on the cached state.
  d.register({ commandType: 'Inc', aggregate: def, aggregateId: (c: { data: { id: string } }) => c.data.id, prepare: () => ({ type: 'Add', data: { amount: 1 } }), retryOnConflict: true });
  return d;
};
const variants = { 'A no marks': dispatcherOf(false), 'B marks': dispatcherOf(true) } as const;
type Case = `${keyof typeof variants} · ${'key' | 'no key'}`;
const totals = new Map<Case, number[]>();
let n = 0;
for (let r = 0; r < rounds; r++) {
  for (const withKey of r % 2 === 0 ? [true, false] : [false, true]) {
    for (const [name, d] of r % 2 === 0 ? Object.entries(variants) : Object.entries(variants).reverse()) {
      const ids = Array.from({ length: 20 }, (_, i) => `${name}-${r}-${i}`);
      const started = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) {
        const key = `k${n++}`;
        await d.dispatch({ type: 'Inc', data: { id: ids[i % ids.length]! } }, withKey ? { userId: 'u', idempotency: { key, fingerprint: 'fp' } } : { userId: 'u' });
      }
      const us = Number(process.hrtime.bigint() - started) / 1000 / perRound;
      const label = `${name} · ${withKey ? 'key' : 'no key'}` as Case;
      totals.set(label, [...(totals.get(label) ?? []), us]);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [label, xs] of totals) console.log(`${label.padEnd(20)} median ${median(xs).toFixed(0)} µs/command (rounds: ${xs.map((x) => x.toFixed(0)).join(' ')})`);
for (const k of ['key', 'no key'] as const) {
  const ratios = totals.get(`B marks · ${k}`)!.map((b, i) => b / totals.get(`A no marks · ${k}`)![i]!);
  console.log(`B ÷ A, ${k}: median ${median(ratios).toFixed(3)} (per round: ${ratios.map((x) => x.toFixed(2)).join(' ')})`);
}
client.disconnect();
await redis.stop();
process.exit(0);
