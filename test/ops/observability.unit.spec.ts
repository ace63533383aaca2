import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { Dispatcher, type DispatchContext, type DispatchResult } from '../../src/core/commands/dispatcher.js';
import { ValidationError } from '../../src/core/errors.js';
import type { ProjectionStatus } from '../../src/core/projections/ports.js';
import { createRepository } from '../../src/core/commands/repository.js';
import { createMemoryStorage } from '../../src/infrastructure/storage.js';
import { opsRegistrations } from '../../src/ops/commands.js';
import { createOpsMetrics } from '../../src/ops/metrics.js';
import { loggingMiddleware, metricsPlugin } from '../../src/ops/observability.js';
import { startMetricsSampler } from '../../src/ops/sampler.js';

const capture = () => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
};

const context = (type: string, data: object) =>
  ({ command: { type, data }, metadata: { commandId: 'cmd-1', correlationId: 'corr-1', causationId: 'ev-1', userId: 'u1', timestamp: '' }, registration: {} }) as unknown as DispatchContext;

describe('loggingMiddleware', () => {
  it('logs type, ids, user, duration and outcome — never the command data', async () => {
    const { log, lines } = capture();
    const ok = async () => ({ aggregateType: 'user', aggregateId: 'u1', version: 1, events: [{}] }) as unknown as DispatchResult;
    await loggingMiddleware(log)(context('AuthenticateUser', { login: 'bob', password: 'hunter2-secret' }), ok);
    await expect(
      loggingMiddleware(log)(context('RegisterUser', { password: 'hunter2-secret' }), async () => {
        throw ValidationError.field('email', 'bad');
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      loggingMiddleware(log)(context('PlaceTower', {}), async () => {
        throw new Error('redis down');
      }),
    ).rejects.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(lines[0]).toMatchObject({ msg: 'command handled', commandType: 'AuthenticateUser', commandId: 'cmd-1', correlationId: 'corr-1', causationId: 'ev-1', userId: 'u1', outcome: 'ok', events: 1 });
    expect(lines[0]!.durationMs).toEqual(expect.any(Number));
    expect(lines[1]).toMatchObject({ msg: 'command refused', outcome: 'Validation', level: 30 });
    expect(lines[2]).toMatchObject({ msg: 'command failed', outcome: 'error', level: 50 });
  });
});

describe('metricsPlugin', () => {
  it('serves the registry in Prometheus text format at GET /metrics', async () => {
    const metrics = createOpsMetrics({ processMetrics: false });
    let response: Response | null = null;
    const plugin = metricsPlugin(metrics);
    await plugin.onRequest?.({
      request: new Request('http://x/metrics'),
      endResponse: (r: Response) => {
        response = r;
      },
      fetchAPI: { Response },
    } as never);
    const served = response as Response | null;
    expect(served?.status).toBe(200);
    expect(served?.headers.get('content-type')).toMatch(/text\/plain; version=0.0.4/);
    expect(await served?.text()).toContain('# TYPE da_commands_total counter');
  });
});

describe('the metrics sampler', () => {
  it('turns the window into a RecordMetricsSample on the node’s series', async () => {
    const storage = createMemoryStorage({ prefix: 't:', partitions: 2 });
    const dispatcher = new Dispatcher({ conflictRetries: 0, repositoryFor: (d) => createRepository(d, 'event_sourced', storage, 0) });
    const metrics = createOpsMetrics({ processMetrics: false, excludeFromWindow: ['RecordMetricsSample'] });
    dispatcher.use(metrics.middleware);
    dispatcher.register(...opsRegistrations({ readStore: null as never, reportSources: null as never, maintenance: null as never, projections: null as never, newId: () => 'x' }));
    metrics.attach({ projections: () => [{ name: 'game', lag: { events: 4, ms: 10 } } as ProjectionStatus] });
    let now = Date.parse('2026-11-24T12:00:00Z');
    const sampler = startMetricsSampler({ metrics, dispatcher, nodeId: 'node-a', intervalSeconds: () => 3600, onError: () => undefined, now: () => now });
    try {
      await expect(dispatcher.dispatch({ type: 'UpdateConfiguration', data: { key: 'nope', value: 1 } }, { userId: 'a', roles: ['ADMIN'] })).rejects.toThrow();
      now += 30_000;
      const first = await sampler.flush();
      expect(first).toMatchObject({ aggregateType: 'system_metrics', aggregateId: 'node-a', version: 1 });
      expect(first!.events[0]!.data).toMatchObject({
        at: '2026-11-24T12:00:30.000Z',
        commands: { UpdateConfiguration: { count: 1, failures: 1 } },
        projections: { game: 4 },
      });
      // Same millisecond again: the stamp still moves forward, so the series accepts it.
      const second = await sampler.flush();
      expect(second!.events[0]!.data).toMatchObject({ at: '2026-11-24T12:00:30.001Z', commands: {} });
    } finally {
      sampler.stop();
    }
  });

  it('samples on its own every interval, re-reading the interval so a change applies without a restart', async () => {
    vi.useFakeTimers();
    try {
      const dispatch = vi.fn(async () => ({}) as DispatchResult);
      let interval = 60;
      const sampler = startMetricsSampler({
        metrics: createOpsMetrics({ processMetrics: false }),
        dispatcher: { dispatch } as unknown as Dispatcher,
        nodeId: 'n',
        intervalSeconds: () => interval,
        onError: () => undefined,
      });
      await vi.advanceTimersByTimeAsync(30_000);
      expect(dispatch).not.toHaveBeenCalled();
      interval = 2; // an operator lowered metrics.sampleIntervalSeconds
      await vi.advanceTimersByTimeAsync(1_100); // the next look (t=31 s) sees it
      expect(dispatch).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(4_000); // then every 2 s
      expect(dispatch).toHaveBeenCalledTimes(3);
      sampler.stop();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(dispatch).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
