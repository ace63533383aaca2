import { describe, expect, it } from 'vitest';
import type { DispatchContext, DispatchResult } from '../../src/core/commands/dispatcher.js';
import { RuleBrokenError } from '../../src/core/errors.js';
import type { EventBusMetrics, ProjectionStatus } from '../../src/core/projections/ports.js';
import { createOpsMetrics, percentile } from '../../src/ops/metrics.js';

const context = (type: string) => ({ command: { type, data: {} }, metadata: { commandId: 'c', correlationId: 'c', timestamp: '' }, registration: {} }) as unknown as DispatchContext;
const ok = async () => ({ events: [] }) as unknown as DispatchResult;
const fail = async (): Promise<DispatchResult> => {
  throw new RuleBrokenError('NOPE', 'no');
};

const status = (name: string, over: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name,
  kind: 'projection',
  version: 1,
  state: 'running',
  generation: 1,
  checkpoint: ['0'],
  lag: { events: 3, ms: 1500 },
  processedEvents: 0,
  failedEvents: 0,
  deadLetters: 2,
  rebuild: null,
  lastError: null,
  ...over,
});

describe('percentile', () => {
  it('is the nearest rank of a sorted list, 0 when empty', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('OpsMetrics', () => {
  it('counts commands by type and outcome and observes their duration', async () => {
    const metrics = createOpsMetrics({ processMetrics: false });
    await metrics.middleware(context('PlaceTower'), ok);
    await metrics.middleware(context('PlaceTower'), ok);
    await expect(metrics.middleware(context('PlaceTower'), fail)).rejects.toBeInstanceOf(RuleBrokenError);
    const { body, contentType } = await metrics.render();
    expect(contentType).toMatch(/text\/plain/);
    expect(body).toContain('da_commands_total{command="PlaceTower",outcome="ok"} 2');
    expect(body).toContain('da_commands_total{command="PlaceTower",outcome="rulebroken"} 1');
    expect(body).toContain('da_command_duration_seconds_count{command="PlaceTower"} 3');
  });

  it('keeps one registry per instance (two servers in one process do not collide)', async () => {
    const a = createOpsMetrics({ defaultLabels: { node: 'a' } });
    const b = createOpsMetrics({ defaultLabels: { node: 'b' } });
    await a.middleware(context('X'), ok);
    expect((await a.render()).body).toContain('da_commands_total{command="X",outcome="ok",node="a"} 1');
    expect((await b.render()).body).not.toContain('command="X"');
    expect((await a.render()).body).toContain('\nprocess_cpu_user_seconds_total');
  });

  it('reads projection gauges, dead letters and Redis state at scrape time', async () => {
    const metrics = createOpsMetrics({ processMetrics: false });
    let up = true;
    metrics.attach({ projections: () => [status('game'), status('auth', { state: 'faulted', lag: { events: 0, ms: 0 } })], redisUp: () => up });
    let body = (await metrics.render()).body;
    expect(body).toContain('da_projection_lag_events{projection="game"} 3');
    expect(body).toContain('da_projection_lag_seconds{projection="game"} 1.5');
    expect(body).toContain('da_projection_dead_letters{projection="game"} 2');
    expect(body).toContain('da_projection_state{projection="auth",state="faulted"} 1');
    expect(body).toContain('da_projection_state{projection="auth",state="running"} 0');
    expect(body).toContain('da_redis_up 1');
    up = false;
    body = (await metrics.render()).body;
    expect(body).toContain('da_redis_up 0');
  });

  it('reports the event bus from its own counters, appended events and open subscriptions', async () => {
    const metrics = createOpsMetrics({ processMetrics: false });
    const bus: EventBusMetrics = {
      published: 3,
      processed: 1,
      failed: 1,
      latency: { count: 2, p50Ms: 2, p99Ms: 8, maxMs: 9 },
      deliveryLag: { count: 2, p50Ms: 1, p99Ms: 4, maxMs: 4 },
      byKind: { projection: { processed: 0, failed: 0 }, process_manager: { processed: 0, failed: 0 }, saga: { processed: 0, failed: 0 }, notification: { processed: 1, failed: 1 } },
    };
    let current = bus;
    metrics.attach({ eventBus: () => current });
    metrics.eventsAppended(4);
    const close = metrics.subscriptionOpened();
    metrics.subscriptionOpened();
    close();
    close(); // idempotent
    let body = (await metrics.render()).body;
    expect(body).toContain('da_event_bus_published_total 3');
    expect(body).toContain('da_event_bus_processed_total{kind="notification"} 1');
    expect(body).toContain('da_event_bus_failed_total{kind="notification"} 1');
    expect(body).toContain('da_event_bus_latency_seconds{measure="handler",quantile="0.99"} 0.008');
    expect(body).toContain('da_events_appended_total 4');
    expect(body).toContain('da_active_subscriptions 1');
    // Scrapes add only what grew since the last one.
    current = { ...bus, published: 5, byKind: { ...bus.byKind, notification: { processed: 4, failed: 1 } } };
    body = (await metrics.render()).body;
    expect(body).toContain('da_event_bus_published_total 5');
    expect(body).toContain('da_event_bus_processed_total{kind="notification"} 4');
  });

  it('hands over a window of per-type counters and percentiles, then starts a new one', async () => {
    let now = 1_000;
    const metrics = createOpsMetrics({ processMetrics: false, now: () => now, excludeFromWindow: ['RecordMetricsSample'] });
    await metrics.middleware(context('A'), ok);
    await expect(metrics.middleware(context('A'), fail)).rejects.toThrow();
    await metrics.middleware(context('RecordMetricsSample'), ok);
    let published = 10;
    metrics.attach({ eventBus: () => ({ published, processed: 0, failed: 0 }) as EventBusMetrics });
    published = 12;
    now = 61_000;
    const window = metrics.takeWindow();
    expect(window.startedAtMs).toBe(1_000);
    expect(window.endedAtMs).toBe(61_000);
    expect(Object.keys(window.commands)).toEqual(['A']);
    expect(window.commands.A).toMatchObject({ count: 2, failures: 1 });
    expect(window.commands.A!.p50).toBeLessThanOrEqual(window.commands.A!.p95);
    expect(window.eventBus).toEqual({ published: 2, processed: 0, failed: 0 });
    const next = metrics.takeWindow(62_000);
    expect(next).toMatchObject({ startedAtMs: 61_000, commands: {}, eventBus: { published: 0 } });
  });

  it('bounds the durations it keeps per window (reservoir sampling)', async () => {
    const metrics = createOpsMetrics({ processMetrics: false, maxDurationsPerType: 10 });
    for (let i = 0; i < 100; i++) await metrics.middleware(context('A'), ok);
    expect(metrics.takeWindow().commands.A!.count).toBe(100);
  });
});
