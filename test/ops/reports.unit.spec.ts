import { describe, expect, it } from 'vitest';
import { RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import type { GenerateReport, ReportGenerated, ReportKind, ReportRequest } from '../../src/ops/domain/reports.js';
import { checkReportRange, reportDecider } from '../../src/ops/domain/reports.js';
import { deciderSpec } from '../support/deciderSpec.js';

const given = deciderSpec(reportDecider);

const request = (extra: Partial<ReportRequest> = {}): ReportRequest => ({
  reportId: 'r-1',
  kind: 'WIN_RATES',
  from: '2026-11-01T00:00:00Z',
  to: '2026-11-24T00:00:00Z',
  requestedBy: 'admin-1',
  content: { EASY: 0.8, NORMAL: 0.5, HARD: 0.1 },
  at: '2026-11-24T10:00:00Z',
  ...extra,
});
const generate = (extra?: Partial<ReportRequest>): GenerateReport => ({ type: 'GenerateReport', data: request(extra) });
const generated = (extra?: Partial<ReportRequest>): ReportGenerated => ({ type: 'ReportGenerated', data: request(extra) });

describe('no report yet', () => {
  it.each<ReportKind>(['GAMES', 'WIN_RATES', 'TOWERS', 'ACTIVE_USERS', 'COMMAND_LATENCY'])('generates a %s report with its content', (kind) =>
    given().when(generate({ kind })).then(generated({ kind })));

  it('refuses from = to (INVALID_RANGE)', () =>
    given().when(generate({ to: '2026-11-01T00:00:00Z' })).thenThrows(RuleBrokenError, { code: 'INVALID_RANGE' }));

  it('refuses from after to (INVALID_RANGE)', () =>
    given().when(generate({ from: '2026-12-01T00:00:00Z' })).thenThrows(RuleBrokenError, { code: 'INVALID_RANGE' }));

  it('compares instants, not strings: 01:00+02:00 is before 00:00Z', () =>
    given().when(generate({ from: '2026-11-01T01:00:00+02:00', to: '2026-11-01T00:00:00Z' })).then(generated({ from: '2026-11-01T01:00:00+02:00', to: '2026-11-01T00:00:00Z' })));

  it('accepts exactly 366 days', () =>
    given().when(generate({ from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })).then(generated({ from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })));

  it('refuses more than 366 days (RANGE_TOO_LONG)', () =>
    given().when(generate({ from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00.001Z' })).thenThrows(RuleBrokenError, { code: 'RANGE_TOO_LONG' }));

  it.each(['from', 'to', 'at'] as const)('refuses a malformed %s on that field', (field) =>
    given().when(generate({ [field]: 'last week' })).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field })] }));

  it('refuses an unknown kind', () =>
    given().when(generate({ kind: 'PROFITS' as ReportKind })).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'kind' })] }));
});

describe('a generated report', () => {
  it('is immutable (REPORT_ALREADY_GENERATED)', () =>
    given(generated()).when(generate({ kind: 'GAMES' })).thenThrows(RuleBrokenError, { code: 'REPORT_ALREADY_GENERATED' }));

  it('remembers what it covers', () =>
    expect(given(generated()).state()).toEqual({
      status: 'Generated',
      reportId: 'r-1',
      kind: 'WIN_RATES',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-24T00:00:00Z',
      generatedAt: '2026-11-24T10:00:00Z',
    }));
});

describe('checkReportRange (for prepare, before computing content)', () => {
  it('passes a valid range', () => expect(() => checkReportRange('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).not.toThrow());
  it('applies the same rules', () => expect(() => checkReportRange('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z')).toThrow(RuleBrokenError));
});
