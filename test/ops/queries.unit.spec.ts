import { describe, expect, it } from 'vitest';
import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';
import { METRICS_SAMPLES, opsProjection, type MetricsSampleView } from '../../src/ops/projections.js';
import { scanByTime } from '../../src/core/projections/timeRange.js';
import { readMetricsSeries } from '../../src/ops/queries.js';

const sample = (nodeId: string, id: string, at: string, count: number, p99: number): MetricsSampleView => ({
  id,
  nodeId,
  sampleId: id,
  at,
  atMs: Date.parse(at),
  windowSeconds: 60,
  commands: { PlaceTower: { count, failures: 1, p50: p99 / 4, p95: p99 / 2, p99 } },
  eventBus: { published: count, processed: count, failed: 0 },
  projections: { game: count },
});

const store = async (samples: ReturnType<typeof sample>[]) => {
  const readStore = new MemoryReadStore();
  await readStore.register('ops', opsProjection.collections);
  await readStore.write(samples.map((s) => ({ op: 'put' as const, collection: METRICS_SAMPLES, id: s.id, doc: s })));
  return readStore;
};

describe('scanByTime', () => {
  it('returns the documents of a range, newest first, and says when the cap cut it', async () => {
    const readStore = await store(Array.from({ length: 30 }, (_, i) => sample('n', `s${i}`, new Date(Date.parse('2026-11-24T00:00:00Z') + i * 60_000).toISOString(), 1, 1)));
    const from = Date.parse('2026-11-24T00:10:00Z');
    const to = Date.parse('2026-11-24T00:20:00Z');
    const all = await scanByTime(readStore, METRICS_SAMPLES, 'at', 'atMs', from, to);
    expect(all.items.map((s) => s.id)).toEqual(['s19', 's18', 's17', 's16', 's15', 's14', 's13', 's12', 's11', 's10']);
    expect(all.truncated).toBe(false);
    const withEnd = await scanByTime(readStore, METRICS_SAMPLES, 'at', 'atMs', from, to, { includeEnd: true });
    expect(withEnd.items[0]!.id).toBe('s20');
  });
});

describe('readMetricsSeries', () => {
  it('summarises each node and the cluster: counts and rates add up, percentiles are weighted', async () => {
    const readStore = await store([
      sample('a', 'a1', '2026-11-24T12:01:00Z', 60, 10),
      sample('a', 'a2', '2026-11-24T12:02:00Z', 120, 20),
      sample('b', 'b1', '2026-11-24T12:01:30Z', 60, 40),
      sample('b', 'old', '2026-11-24T11:00:00Z', 999, 999),
    ]);
    const series = await readMetricsSeries(readStore, '2026-11-24T12:00:00Z', '2026-11-24T12:02:00Z');
    expect(series.samples.map((s) => s.id)).toEqual(['a1', 'b1', 'a2']);
    expect(Object.keys(series.nodes).sort()).toEqual(['a', 'b']);
    expect(series.nodes.a).toMatchObject({ samples: 2, coveredSeconds: 120, commandsPerSecond: 1.5 });
    expect(series.nodes.b).toMatchObject({ samples: 1, commandsPerSecond: 1 });
    expect(series.cluster).toMatchObject({ samples: 3, commandsPerSecond: 2.5, eventBus: { published: 240 } });
    expect(series.cluster.commands.PlaceTower).toMatchObject({ count: 240, failures: 3, commandsPerSecond: 2.5, maxP99: 40 });
    // (60·10 + 120·20 + 60·40) / 240
    expect(series.cluster.commands.PlaceTower!.p99).toBeCloseTo(22.5);
    expect(series.cluster.projections.game).toEqual({ lastLag: 120, maxLag: 120 });
    const one = await readMetricsSeries(readStore, '2026-11-24T12:00:00Z', '2026-11-24T12:02:00Z', 'b');
    expect(one.samples.map((s) => s.id)).toEqual(['b1']);
  });
});
