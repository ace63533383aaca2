/**
 * Sections 1 (Redis baselines) and 2 (event store) of the benchmark, in-process: here the
 * benchmark is itself the Redis client under test.
 */
import { appendSummary, measureAppendRates } from './appends.js';
import type { BenchContext } from './context.js';
import { measureContention } from './contention.js';
import { measureLoads } from './loads.js';
import { measureRywWait } from './rywWait.js';
import { ratio, summarize } from './stats.js';

export interface InRedisSections {
  readonly baseline: boolean;
  readonly eventStore: boolean;
}

export const runInRedisSections = async (ctx: BenchContext, sections: InRedisSections): Promise<{ violations: number }> => {
  ctx.log('appends: raw script vs event store, concurrency 1 and 64');
  const rates = await measureAppendRates(ctx, sections.eventStore ? ['raw', 'store'] : ['raw']);
  ctx.diagnostics.appendCostPerOp = rates.costs;
  const raw1 = appendSummary(rates, 'raw.c1');
  const raw64 = appendSummary(rates, 'raw.c64');
  const [rawP50, rawP99] = rates.c1Latencies.raw.percentiles(50, 99);
  ctx.shared.set('raw.c1.p99', rawP99);
  ctx.shared.set('raw.c64', raw64);

  if (sections.baseline) {
    ctx.figures.push({ id: 'baseline.rawAppend.c1', section: 'baselines', label: 'raw EVALSHA check + 2 XADDs, c1, appends/s', unit: 'appends/s', summary: raw1 });
    ctx.figures.push({ id: 'baseline.rawAppend.c64', section: 'baselines', label: 'raw EVALSHA check + 2 XADDs, c64, appends/s', unit: 'appends/s', summary: raw64 });
    ctx.figures.push({ id: 'baseline.rawAppend.c1.p50', section: 'baselines', label: 'raw EVALSHA c1 latency p50', unit: 'ms', summary: summarize([rawP50!]) });
    ctx.figures.push({ id: 'baseline.rawAppend.c1.p99', section: 'baselines', label: 'raw EVALSHA c1 latency p99', unit: 'ms', summary: summarize([rawP99!]) });
  }

  if (sections.eventStore) {
    const store1 = appendSummary(rates, 'store.c1');
    const store64 = appendSummary(rates, 'store.c64');
    ctx.shared.set('store.c64', store64);
    const section = 'event store';
    ctx.figures.push({ id: 'eventStore.append.c1', section, label: 'append c1, appends/s', unit: 'appends/s', summary: store1 });
    ctx.figures.push({ id: 'eventStore.append.c1.ratio', section, label: 'append c1 ÷ raw script c1', unit: '%', summary: ratio(store1, raw1) });
    ctx.figures.push({ id: 'eventStore.append.c64', section, label: 'append c64, appends/s', unit: 'appends/s', summary: store64 });
    ctx.figures.push({
      id: 'eventStore.append.c64.ratio',
      section,
      label: 'append c64 ÷ raw script c64',
      unit: '%',
      summary: ratio(store64, raw64),
      target: { op: '>=', value: 0.6, text: '≥ 60%' },
    });
    const [p50, p99] = rates.c1Latencies.store.percentiles(50, 99);
    ctx.figures.push({ id: 'eventStore.append.c1.p50', section, label: 'append c1 latency p50', unit: 'ms', summary: summarize([p50!]) });
    ctx.figures.push({ id: 'eventStore.append.c1.p99', section, label: 'append c1 latency p99', unit: 'ms', summary: summarize([p99!]) });
  }

  ctx.log('loads: XRANGE baseline, aggregates of 10 … 10,000 events');
  await measureLoads(ctx, sections);
  if (!sections.eventStore) return { violations: 0 };
  ctx.log('contention: 8 writers on 16 hot aggregates');
  const outcome = await measureContention(ctx);
  ctx.log('read-your-writes: append → waitForPosition, 32 writers');
  await measureRywWait(ctx);
  return outcome;
};
