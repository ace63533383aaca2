/**
 * Report: one event-sourced aggregate per report id. The caller computes the content from the
 * read models (it is I/O), the aggregate checks the request and keeps the result immutable:
 * a report is a record of what the numbers were when it was generated.
 */
import { RuleBrokenError, ValidationError } from '../../core/errors.js';
import type { Command, Decider, Event } from '../../core/messages.js';
import { event } from '../../core/messages.js';
import type { JsonValue } from './json.js';
import { msPerDay, requireInstant } from './time.js';

export const aggregateType = 'report';
export const snapshotVersion = 'report/1';

export const reportKinds = ['GAMES', 'WIN_RATES', 'TOWERS', 'ACTIVE_USERS', 'COMMAND_LATENCY'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** A leap year's worth: "the last twelve months" always fits, whatever the calendar. */
export const maxReportRangeDays = 366;

export interface ReportRequest {
  readonly reportId: string;
  readonly kind: ReportKind;
  /** Inclusive start and exclusive end of the period, ISO-8601. */
  readonly from: string;
  readonly to: string;
  readonly requestedBy: string;
  readonly content: JsonValue;
  readonly at: string;
}

export type GenerateReport = Command<'GenerateReport', ReportRequest>;
export type ReportGenerated = Event<'ReportGenerated', ReportRequest>;

export type ReportCommand = GenerateReport;
export type ReportEvent = ReportGenerated;

export type Report =
  | { readonly status: 'None' }
  | {
      readonly status: 'Generated';
      readonly reportId: string;
      readonly kind: ReportKind;
      readonly from: string;
      readonly to: string;
      readonly generatedAt: string;
    };

const initialState = (): Report => ({ status: 'None' });

/**
 * The range rules on their own, so the registration's `prepare` can refuse a bad range before it
 * spends read-model queries on the content. `decide` applies them again.
 */
export const checkReportRange = (from: string, to: string): void => {
  const fromMs = requireInstant('from', from);
  const toMs = requireInstant('to', to);
  if (fromMs >= toMs) throw new RuleBrokenError('INVALID_RANGE', `Report range must start before it ends (from ${from}, to ${to})`);
  if (toMs - fromMs > maxReportRangeDays * msPerDay) {
    throw new RuleBrokenError('RANGE_TOO_LONG', `Report range must not exceed ${maxReportRangeDays} days`);
  }
};

const generateReport = ({ data }: GenerateReport, state: Report): ReportGenerated => {
  // Reports are immutable; regenerating means a new report id (and keeps the old one comparable).
  if (state.status === 'Generated') throw new RuleBrokenError('REPORT_ALREADY_GENERATED', `Report ${state.reportId} already exists`);
  if (!(reportKinds as readonly string[]).includes(data.kind)) {
    throw ValidationError.field('kind', `kind must be one of ${reportKinds.join(', ')}`);
  }
  requireInstant('at', data.at);
  checkReportRange(data.from, data.to);
  return event<ReportGenerated>('ReportGenerated', data);
};

// One command, so no switch: were a second added to ReportCommand, this line would stop compiling.
const decide = (command: ReportCommand, state: Report): ReportEvent[] => [generateReport(command, state)];

const evolve = (state: Report, { type, data }: ReportEvent): Report => {
  // evolve never throws: an event type it does not know leaves the state as it was.
  if (type !== 'ReportGenerated') return state;
  return { status: 'Generated', reportId: data.reportId, kind: data.kind, from: data.from, to: data.to, generatedAt: data.at };
};

export const reportDecider: Decider<ReportCommand, ReportEvent, Report> = { decide, evolve, initialState };
