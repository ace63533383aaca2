import { describe, expect, it } from 'vitest';
import { RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import type { CommandCounters, MetricsSample, MetricsSampleRecorded, RecordMetricsSample } from '../../src/ops/domain/systemMetrics.js';
import { summarizeSamples, systemMetricsDecider } from '../../src/ops/domain/systemMetrics.js';
import { deciderSpec } from '../support/deciderSpec.js';

const given = deciderSpec(systemMetricsDecider);

const counters = (count: number, failures: number, p50: number, p95: number, p99: number): CommandCounters => ({ count, failures, p50, p95, p99 });
const sample = (sampleId: string, at: string, extra: Partial<MetricsSample> = {}): MetricsSample => ({
  sampleId,
  at,
  windowSeconds: 60,
  commands: { PlaceTower: counters(60, 6, 10, 20, 40) },
  eventBus: { published: 100, processed: 95, failed: 5 },
  projections: { leaderboard: 4 },
  ...extra,
});
const record = (s: MetricsSample): RecordMetricsSample => ({ type: 'RecordMetricsSample', data: s });
const recorded = (s: MetricsSample): MetricsSampleRecorded => ({ type: 'MetricsSampleRecorded', data: s });

const fieldsOf = (fields: string[]) => ({ fieldErrors: fields.map((field) => expect.objectContaining({ field })) });

describe('no sample yet', () => {
  it('records the first sample as is', () => given().when(record(sample('s1', '2026-11-24T10:01:00Z'))).then(recorded(sample('s1', '2026-11-24T10:01:00Z'))));

  it('accepts an idle window (no commands, no projections)', () => {
    const idle = sample('s1', '2026-11-24T10:01:00Z', { commands: {}, projections: {}, eventBus: { published: 0, processed: 0, failed: 0 } });
    given().when(record(idle)).then(recorded(idle));
  });

  it('refuses a malformed time on the field `at`', () => given().when(record(sample('s1', '10:01'))).thenThrows(ValidationError, fieldsOf(['at'])));

  it('refuses an empty window', () =>
    given().when(record(sample('s1', '2026-11-24T10:01:00Z', { windowSeconds: 0 }))).thenThrows(ValidationError, fieldsOf(['windowSeconds'])));

  it('refuses more failures than commands', () =>
    given()
      .when(record(sample('s1', '2026-11-24T10:01:00Z', { commands: { StartWave: counters(2, 3, 1, 2, 3) } })))
      .thenThrows(ValidationError, fieldsOf(['commands.StartWave.failures'])));

  it('refuses percentiles out of order', () =>
    given()
      .when(record(sample('s1', '2026-11-24T10:01:00Z', { commands: { StartWave: counters(2, 0, 30, 20, 40) } })))
      .thenThrows(ValidationError, fieldsOf(['commands.StartWave.latency'])));

  it('reports every malformed counter at once', () =>
    given()
      .when(
        record(
          sample('s1', '2026-11-24T10:01:00Z', {
            commands: { PlaceTower: counters(-1, 0, -5, 1, 2) },
            eventBus: { published: 1.5, processed: 0, failed: -1 },
            projections: { leaderboard: -3 },
          }),
        ),
      )
      .thenThrows(
        ValidationError,
        fieldsOf(['commands.PlaceTower.count', 'commands.PlaceTower.failures', 'commands.PlaceTower.latency', 'eventBus.published', 'eventBus.failed', 'projections.leaderboard']),
      ));
});

describe('samples already recorded', () => {
  const history = [recorded(sample('s1', '2026-11-24T10:01:00Z')), recorded(sample('s2', '2026-11-24T10:02:00Z'))];

  it('records a later sample', () => given(...history).when(record(sample('s3', '2026-11-24T10:03:00Z'))).then(recorded(sample('s3', '2026-11-24T10:03:00Z'))));

  it('refuses a sample at the same time (SAMPLE_OUT_OF_ORDER)', () =>
    given(...history).when(record(sample('s3', '2026-11-24T10:02:00Z'))).thenThrows(RuleBrokenError, { code: 'SAMPLE_OUT_OF_ORDER' }));

  it('refuses an older sample (SAMPLE_OUT_OF_ORDER)', () =>
    given(...history).when(record(sample('s3', '2026-11-24T10:01:30Z'))).thenThrows(RuleBrokenError, { code: 'SAMPLE_OUT_OF_ORDER' }));

  it('orders by instant, not by string: 11:01+02:00 is before 10:02Z', () =>
    given(...history).when(record(sample('s3', '2026-11-24T11:01:00+02:00'))).thenThrows(RuleBrokenError, { code: 'SAMPLE_OUT_OF_ORDER' }));

  it('recognises a retried flush of the last sample (SAMPLE_DUPLICATE)', () =>
    given(...history).when(record(sample('s2', '2026-11-24T10:02:00Z'))).thenThrows(RuleBrokenError, { code: 'SAMPLE_DUPLICATE' }));

  it('remembers how many samples it holds and the last one', () =>
    expect(given(...history).state()).toEqual({
      status: 'Recording',
      samples: 2,
      lastSampleId: 's2',
      lastSampleAt: '2026-11-24T10:02:00Z',
      lastSampleAtMs: Date.parse('2026-11-24T10:02:00Z'),
    }));
});

describe('summarizeSamples', () => {
  // Four one-minute samples; the window (10:00, 10:02] takes s1 and s2 only: s0 ends exactly at
  // `from` (its minute lies before the window) and s3 after `to`.
  const s0 = sample('s0', '2026-11-24T10:00:00Z', { commands: { PlaceTower: counters(1000, 1000, 1, 1, 1) } });
  const s1 = sample('s1', '2026-11-24T10:01:00Z', {
    commands: { PlaceTower: counters(60, 6, 10, 20, 40), StartWave: counters(0, 0, 0, 0, 999) },
    eventBus: { published: 100, processed: 95, failed: 5 },
    projections: { leaderboard: 4, players: 0 },
  });
  const s2 = sample('s2', '2026-11-24T10:02:00Z', {
    commands: { PlaceTower: counters(120, 0, 13, 26, 100), StartWave: counters(30, 3, 50, 80, 90) },
    eventBus: { published: 200, processed: 200, failed: 0 },
    projections: { leaderboard: 10 },
  });
  const s3 = sample('s3', '2026-11-24T10:03:00Z', { commands: { PlaceTower: counters(1000, 1000, 1, 1, 1) } });

  it('works out rates and count-weighted percentiles per command type', () => {
    const summary = summarizeSamples([s3, s2, s0, s1], '2026-11-24T10:00:00Z', '2026-11-24T10:02:00Z');
    expect(summary).toMatchObject({ samples: 2, coveredSeconds: 120, from: '2026-11-24T10:00:00Z', to: '2026-11-24T10:02:00Z' });
    // 210 commands over 120 s; 9 of them failed.
    expect(summary.commandsPerSecond).toBeCloseTo(1.75);
    expect(summary.failureRate).toBeCloseTo(9 / 210);
    // PlaceTower: p50 = (60×10 + 120×13) / 180 = 12, p95 = (60×20 + 120×26) / 180 = 24, p99 = (60×40 + 120×100) / 180 = 80.
    expect(summary.commands.PlaceTower).toEqual({ count: 180, failures: 6, commandsPerSecond: 1.5, failureRate: 6 / 180, p50: 12, p95: 24, p99: 80, maxP99: 100 });
    // StartWave was idle in s1: its placeholder p99 of 999 weighs nothing and is not the worst case.
    expect(summary.commands.StartWave).toEqual({ count: 30, failures: 3, commandsPerSecond: 0.25, failureRate: 0.1, p50: 50, p95: 80, p99: 90, maxP99: 90 });
    expect(summary.eventBus).toEqual({ published: 300, processed: 295, failed: 5, failureRate: 5 / 300 });
    expect(summary.projections).toEqual({ leaderboard: { lastLag: 10, maxLag: 10 }, players: { lastLag: 0, maxLag: 0 } });
  });

  it('keeps the newest lag as lastLag even when an older one was worse', () => {
    const later = sample('s4', '2026-11-24T10:04:00Z', { projections: { leaderboard: 2 } });
    expect(summarizeSamples([s2, s3, later], '2026-11-24T10:01:00Z', '2026-11-24T10:05:00Z').projections.leaderboard).toEqual({ lastLag: 2, maxLag: 10 });
  });

  it('divides by the covered seconds, so a sampler outage does not look like idleness', () => {
    // One 60 s sample in a ten-minute range: 60 commands over 60 covered seconds is 1/s, not 0.1/s.
    expect(summarizeSamples([s1], '2026-11-24T09:55:00Z', '2026-11-24T10:05:00Z').commandsPerSecond).toBeCloseTo(1);
  });

  it('is all zeros over an empty range', () =>
    expect(summarizeSamples([s0, s1], '2026-11-25T00:00:00Z', '2026-11-25T01:00:00Z')).toEqual({
      from: '2026-11-25T00:00:00Z',
      to: '2026-11-25T01:00:00Z',
      samples: 0,
      coveredSeconds: 0,
      commandsPerSecond: 0,
      failureRate: 0,
      commands: {},
      eventBus: { published: 0, processed: 0, failed: 0, failureRate: 0 },
      projections: {},
    }));

  it('refuses a malformed bound', () => expect(() => summarizeSamples([], 'yesterday', '2026-11-25T01:00:00Z')).toThrow(ValidationError));
});
