/**
 * Ops registration table. Everything here is admin only (RecordMetricsSample: the system only);
 * authorization runs in the registration so a refusal lands in the mutation's payload union.
 *
 * `prepare` does the I/O the pure deciders must not: validating a setting against its schema,
 * computing a report's content from the read models. PerformMaintenance is a workflow: the
 * infrastructure does the task first (it is I/O), then the outcome is recorded as an event.
 */
import { commandType, type AggregateRegistration, type Dispatcher, type Registration, type WorkflowRegistration } from '../core/commands/dispatcher.js';
import { reportView, type ReportView } from './projections.js';
import { ValidationError } from '../core/errors.js';
import type { Command, CommandMetadata } from '../core/messages.js';
import type { ReadStore } from '../core/ports.js';
import type { AggregateDefinition } from '../core/commands/repository.js';
import {
  configurationDecider,
  snapshotVersion as configurationSnapshot,
  type Configuration,
  type ConfigurationCommand,
  type ConfigurationEvent,
  type UpdateConfiguration,
} from './domain/configuration.js';
import type { JsonValue } from './domain/json.js';
import {
  checkMaintenanceRequest,
  maintenanceDecider,
  maintenanceStreamId,
  snapshotVersion as maintenanceSnapshot,
  type Maintenance as MaintenanceState,
  type MaintenanceCommand,
  type MaintenanceEvent,
  type MaintenanceTask,
} from './domain/maintenance.js';
import { checkReportRange, reportDecider, reportKinds, snapshotVersion as reportSnapshot, type GenerateReport, type Report, type ReportCommand, type ReportEvent, type ReportKind } from './domain/reports.js';
import { snapshotVersion as metricsSnapshot, systemMetricsDecider, type MetricsSample, type SystemMetrics, type SystemMetricsCommand, type SystemMetricsEvent } from './domain/systemMetrics.js';
import type { Maintenance } from './maintenance.js';
import { reportContent, type ReportSources } from './queries.js';
import { adminOnly, callerOf, systemOnly } from '../core/commands/callers.js';
import { parseSetting } from './settingsCatalogue.js';
import type { ProjectionControl } from '../core/projections/ports.js';
import { retryDeadLetters as retryDeadLetterSelection, skipDeadLetters as skipDeadLetterSelection, type DeadLetterOutcome } from './deadLetters.js';

export const configurationAggregate: AggregateDefinition<Configuration, ConfigurationCommand, ConfigurationEvent> = {
  type: 'configuration',
  decider: configurationDecider,
  snapshotVersion: configurationSnapshot,
};
export const reportAggregate: AggregateDefinition<Report, ReportCommand, ReportEvent> = { type: 'report', decider: reportDecider, snapshotVersion: reportSnapshot };
export const systemMetricsAggregate: AggregateDefinition<SystemMetrics, SystemMetricsCommand, SystemMetricsEvent> = {
  type: 'system_metrics',
  decider: systemMetricsDecider,
  snapshotVersion: metricsSnapshot,
};
export const maintenanceAggregate: AggregateDefinition<MaintenanceState, MaintenanceCommand, MaintenanceEvent> = {
  type: 'maintenance',
  decider: maintenanceDecider,
  snapshotVersion: maintenanceSnapshot,
};

/** Every aggregate type ops owns (the composition root checks they are configured). */
export const opsAggregates = [configurationAggregate, reportAggregate, systemMetricsAggregate, maintenanceAggregate] as const;

// What clients (and the sampler) send.
export type UpdateConfigurationRequest = Command<'UpdateConfiguration', { key: string; value: unknown; expectedVersion?: number | null; reason?: string | null }>;
export type GenerateReportRequest = Command<'GenerateReport', { kind: string; from: string; to: string }>;
export type PerformMaintenanceRequest = Command<'PerformMaintenance', { task: string; target?: string | null }>;
/** ids null = every letter of `projection` (every projection when that is null too); skips need ids. */
export type RetryDeadLettersRequest = Command<'RetryDeadLetters', { ids?: readonly string[] | null; projection?: string | null }>;
export type SkipDeadLettersRequest = Command<'SkipDeadLetters', { ids: readonly string[] }>;
export type RecordMetricsSampleRequest = Command<'RecordMetricsSample', { nodeId: string; sample: MetricsSample }>;

export const opsCommands = {
  updateConfiguration: commandType<UpdateConfigurationRequest['data']>('UpdateConfiguration'),
  generateReport: commandType<GenerateReportRequest['data'], ReportView>('GenerateReport'),
  performMaintenance: commandType<PerformMaintenanceRequest['data'], MaintenanceOutcome>('PerformMaintenance'),
  retryDeadLetters: commandType<RetryDeadLettersRequest['data'], DeadLetterRun>('RetryDeadLetters'),
  skipDeadLetters: commandType<SkipDeadLettersRequest['data'], DeadLetterRun>('SkipDeadLetters'),
} as const;

/** What a retry or skip hands back: per projection, how many were done (and still fail). */
export interface DeadLetterRun {
  readonly runId: string;
  readonly outcomes: readonly DeadLetterOutcome[];
}

/** What PerformMaintenance hands back to its caller (DispatchResult.output). */
export interface MaintenanceOutcome {
  readonly runId: string;
  readonly task: MaintenanceTask;
  readonly target: string | null;
  readonly result: JsonValue;
}

export interface OpsDeps {
  readonly readStore: ReadStore;
  /** What report contents are computed from (read models of every context, through ports). */
  readonly reportSources: ReportSources;
  readonly maintenance: Maintenance;
  /** Dead-letter lists (the projection manager). */
  readonly projections: ProjectionControl;
  readonly newId: () => string;
}

const caller = callerOf;

export function opsRegistrations(deps: OpsDeps): Registration[] {
  const updateConfiguration: AggregateRegistration<UpdateConfigurationRequest, Configuration, ConfigurationEvent, UpdateConfiguration> = {
    commandType: 'UpdateConfiguration',
    aggregate: configurationAggregate,
    aggregateId: (c) => c.data.key,
    authorize: adminOnly,
    // Safe: the decision is re-made on fresh state, where a stale expectedVersion is still a ConflictError.
    retryOnConflict: true,
    prepare: ({ data }, metadata) => {
      const { key, value } = parseSetting(data.key, data.value);
      const expected = data.expectedVersion;
      if (expected !== null && expected !== undefined && (!Number.isInteger(expected) || expected < 0)) {
        throw ValidationError.field('expectedVersion', 'expectedVersion must be a non-negative integer');
      }
      return {
        type: 'UpdateConfiguration',
        data: {
          key,
          value,
          ...(expected === null || expected === undefined ? {} : { expectedVersion: expected }),
          ...(data.reason ? { reason: data.reason } : {}),
          updatedBy: caller(metadata),
          at: metadata.timestamp,
        },
      };
    },
  };

  const generateReport: AggregateRegistration<GenerateReportRequest, Report, ReportEvent, GenerateReport, ReportView> = {
    commandType: 'GenerateReport',
    aggregate: reportAggregate,
    aggregateId: (c) => c.data.reportId,
    authorize: adminOnly,
    prepare: async ({ data }, metadata) => {
      if (!(reportKinds as readonly string[]).includes(data.kind)) throw ValidationError.field('kind', `kind must be one of ${reportKinds.join(', ')}`);
      checkReportRange(data.from, data.to); // before spending queries on the content
      const kind = data.kind as ReportKind;
      // Normalised to UTC so stored periods compare and sort as strings too.
      const from = new Date(data.from).toISOString();
      const to = new Date(data.to).toISOString();
      const content = await reportContent(deps.reportSources, kind, from, to);
      return { type: 'GenerateReport', data: { reportId: deps.newId(), kind, from, to, requestedBy: caller(metadata), content, at: metadata.timestamp } };
    },
    output: (prepared) => reportView(prepared.data),
  };

  /** Records a maintenance run in the one shared history stream (runs are rare, and one stream keeps them in order). */
  const recordRun = async (dispatcher: Dispatcher, metadata: CommandMetadata, task: MaintenanceTask, target: string | null, result: JsonValue) => {
    const runId = deps.newId();
    const recorded = await dispatcher.executeOn(
      maintenanceAggregate,
      maintenanceStreamId,
      { type: 'PerformMaintenance', data: { runId, task, target, result, performedBy: caller(metadata), at: metadata.timestamp } },
      metadata,
      true,
    );
    return { runId, recorded };
  };

  const performMaintenance: WorkflowRegistration<PerformMaintenanceRequest> = {
    commandType: 'PerformMaintenance',
    aggregates: [maintenanceAggregate],
    authorize: adminOnly,
    async handle({ data }, metadata, dispatcher) {
      const target = checkMaintenanceRequest(data.task, data.target);
      const task = data.task as MaintenanceTask;
      const result = await deps.maintenance.perform(task, target);
      const { runId, recorded } = await recordRun(dispatcher, metadata, task, target, result);
      return { ...recorded, output: { runId, task, target, result } satisfies MaintenanceOutcome };
    },
  };

  /**
   * Retries and skips are maintenance: done first (I/O on the dead-letter lists), then recorded as
   * a MaintenancePerformed run in the shared history, like performMaintenance's own tasks.
   */
  const deadLetterWorkflow = <C extends RetryDeadLettersRequest | SkipDeadLettersRequest>(
    commandType: C['type'],
    task: 'RETRY_DEAD_LETTERS' | 'SKIP_DEAD_LETTERS',
    act: (command: C) => Promise<readonly DeadLetterOutcome[]>,
  ): WorkflowRegistration<C> => ({
    commandType,
    aggregates: [maintenanceAggregate],
    authorize: adminOnly,
    async handle(command, metadata, dispatcher) {
      const outcomes = await act(command);
      const projections = [...new Set(outcomes.map((o) => o.projection))];
      const target = projections.length === 1 ? projections[0]! : 'all';
      const result: JsonValue = { outcomes: outcomes.map((o) => ({ ...o })), ...('ids' in command.data && command.data.ids ? { ids: [...command.data.ids] } : {}) };
      const { runId, recorded } = await recordRun(dispatcher, metadata, task, target, result);
      return { ...recorded, output: { runId, outcomes } satisfies DeadLetterRun };
    },
  });
  const retryDeadLetters = deadLetterWorkflow<RetryDeadLettersRequest>('RetryDeadLetters', 'RETRY_DEAD_LETTERS', ({ data }) =>
    retryDeadLetterSelection(deps.projections, { ids: data.ids ?? null, projection: data.projection?.trim() || null }),
  );
  const skipDeadLetters = deadLetterWorkflow<SkipDeadLettersRequest>('SkipDeadLetters', 'SKIP_DEAD_LETTERS', ({ data }) =>
    skipDeadLetterSelection(deps.projections, { ids: data.ids, projection: null }),
  );

  const recordMetricsSample: WorkflowRegistration<RecordMetricsSampleRequest> = {
    commandType: 'RecordMetricsSample',
    aggregates: [systemMetricsAggregate],
    authorize: systemOnly,
    handle: ({ data }, metadata, dispatcher) => {
      if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(data.nodeId)) throw ValidationError.field('nodeId', 'nodeId must be 1-100 of [A-Za-z0-9_.:-]');
      return dispatcher.executeOn(systemMetricsAggregate, data.nodeId, { type: 'RecordMetricsSample', data: data.sample }, metadata);
    },
  };

  return [updateConfiguration, generateReport, performMaintenance, retryDeadLetters, skipDeadLetters, recordMetricsSample];
}
