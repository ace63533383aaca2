/**
 * Ops over GraphQL (operators only): runtime configuration and its audit trail, reports, the
 * metrics time series, game statistics, projection status, maintenance.
 *
 * Queries carry `authScopes: { admin: true }` (a top-level FORBIDDEN / UNAUTHENTICATED error);
 * mutations authorize in their registration (ops/commands.ts), so refusals land in the payload.
 */
import type { ProjectionStatus } from '../core/projections/ports.js';
import { builder } from '../graphql/builder.js';

declare module '../graphql/context.js' {
  /** What ops resolvers read beyond the shared services. */
  interface AppServices {
    /** Runtime settings: configs/ defaults overlaid with operators' updates. */
    readonly settings: RuntimeSettings;
    /** This node's Prometheus registry and counters. */
    readonly metrics: OpsMetrics;
  }
}
import { setTimeout as sleep } from 'node:timers/promises';
import { mutate } from '../graphql/commands.js';
import { closable } from '../graphql/subscriptions.js';
import { pageSize, toConnection } from '../graphql/connections.js';
import type { Context } from '../graphql/context.js';
import { commandErrors } from '../graphql/errors.js';
import { opsCommands } from './commands.js';
import type { OpsMetrics } from './metrics.js';
import type { RuntimeSettings } from './runtimeSettings.js';
import { maintenanceTasks } from './domain/maintenance.js';
import { reportKinds } from './domain/reports.js';
import { ConfigurationEntryRef, configurationEntries, configurationEntry } from './graphqlConfiguration.js';
import { MetricsWindowRef, defaultWindow } from './graphqlMetrics.js';
import { MAINTENANCE_RUNS, REPORTS, readGameStatistics, type MaintenanceRunView, type ReportView } from './projections.js';
import { readMetricsSeries } from './queries.js';

const admin = { admin: true } as const;

const MaintenanceTaskEnum = builder.enumType('MaintenanceTask', { values: maintenanceTasks });
const ReportKindEnum = builder.enumType('ReportKind', { values: reportKinds });
const ProjectionStateEnum = builder.enumType('ProjectionState', {
  values: { STOPPED: { value: 'stopped' }, RUNNING: { value: 'running' }, CATCHING_UP: { value: 'catching_up' }, FAULTED: { value: 'faulted' }, REBUILDING: { value: 'rebuilding' } } as const,
});
const HandlerKindEnum = builder.enumType('HandlerKind', {
  values: { PROJECTION: { value: 'projection' }, PROCESS_MANAGER: { value: 'process_manager' }, SAGA: { value: 'saga' }, NOTIFICATION: { value: 'notification' } } as const,
});

const ReportRef = builder.objectRef<ReportView>('Report').implement({
  description: 'A stored report: what the numbers were when it was generated.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: ReportKindEnum, resolve: (r) => r.kind }),
    from: t.field({ type: 'DateTime', resolve: (r) => r.from }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.', resolve: (r) => r.to }),
    requestedBy: t.exposeID('requestedBy'),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
    content: t.field({ type: 'JSON', resolve: (r) => r.content }),
  }),
});

const MaintenanceRunRef = builder.objectRef<MaintenanceRunView>('MaintenanceRun').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    task: t.field({ type: MaintenanceTaskEnum, resolve: (r) => r.task }),
    target: t.exposeString('target', { nullable: true }),
    result: t.field({ type: 'JSON', resolve: (r) => r.result }),
    performedBy: t.exposeID('performedBy'),
    at: t.field({ type: 'DateTime', resolve: (r) => r.at }),
  }),
});

const LagRef = builder.simpleObject('ProjectionLag', {
  fields: (t) => ({ events: t.int({ description: 'Events in the logs not yet applied.' }), ms: t.float({ description: 'Age of the oldest unapplied event (0 when caught up).' }) }),
});
const RebuildRef = builder.simpleObject('ProjectionRebuild', { fields: (t) => ({ generation: t.int(), version: t.int(), lag: t.field({ type: LagRef }) }) });

const ProjectionStatusRef = builder.objectRef<ProjectionStatus>('ProjectionStatus').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.field({ type: HandlerKindEnum, resolve: (s) => s.kind }),
    version: t.exposeInt('version'),
    state: t.field({ type: ProjectionStateEnum, resolve: (s) => s.state }),
    generation: t.exposeInt('generation', { description: 'The read-model generation queries read.' }),
    checkpoint: t.string({ description: 'Last applied position per partition, as "<partition>:<stream id>" joined by commas.', resolve: (s) => s.checkpoint.map((p, i) => `${i}:${p}`).join(',') }),
    checkpoints: t.stringList({ description: 'Last applied position of each partition, in partition order ("0" = none).', resolve: (s) => [...s.checkpoint] }),
    lag: t.field({ type: LagRef, resolve: (s) => s.lag }),
    processedEvents: t.exposeInt('processedEvents', { description: 'Applied by this node since it started.' }),
    failedEvents: t.exposeInt('failedEvents', { description: 'Failed attempts on this node since it started.' }),
    deadLetters: t.exposeInt('deadLetters'),
    rebuild: t.field({ type: RebuildRef, nullable: true, resolve: (s) => s.rebuild }),
    lastError: t.exposeString('lastError', { nullable: true }),
  }),
});

const DifficultyRateRef = builder.simpleObject('DifficultyWinRate', { fields: (t) => ({ difficulty: t.string(), winRate: t.float({ description: '0..1 over ended games.' }) }) });
const TowerCountRef = builder.simpleObject('TowerTypeCount', { fields: (t) => ({ towerType: t.string(), count: t.int() }) });
const GameStatisticsRef = builder.simpleObject('GameStatistics', {
  fields: (t) => ({
    gamesCreated: t.int(),
    gamesActive: t.int({ description: 'In the lobby or running.' }),
    gamesEnded: t.int(),
    winRateByDifficulty: t.field({ type: [DifficultyRateRef] }),
    towersByType: t.field({ type: [TowerCountRef] }),
    averageWaveReached: t.float({ description: 'Mean over ended games of the highest wave completed.' }),
  }),
});

builder.queryFields((t) => ({
  configuration: t.field({
    type: [ConfigurationEntryRef],
    authScopes: admin,
    description: 'Every runtime setting with its current value (the default until an operator changes it).',
    resolve: (_r, _a, ctx) => configurationEntries(ctx),
  }),
  reports: t.connection({
    type: ReportRef,
    authScopes: admin,
    description: 'Stored reports, newest first.',
    args: { kind: t.arg({ type: ReportKindEnum, required: false }) },
    resolve: async (_r, args, ctx) =>
      toConnection(
        await ctx.services.readStore.query<ReportView>(REPORTS, {
          ...(args.kind ? { where: { kind: args.kind } } : {}),
          orderBy: 'createdAt',
          direction: 'DESC',
          first: pageSize(args.first),
          after: args.after ?? null,
        }),
      ),
  }),
  report: t.field({
    type: ReportRef,
    nullable: true,
    authScopes: admin,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => ctx.services.readStore.get<ReportView>(REPORTS, String(id)),
  }),
  maintenanceRuns: t.connection({
    type: MaintenanceRunRef,
    authScopes: admin,
    description: 'Maintenance tasks performed, newest first.',
    resolve: async (_r, args, ctx) =>
      toConnection(await ctx.services.readStore.query<MaintenanceRunView>(MAINTENANCE_RUNS, { orderBy: 'at', direction: 'DESC', first: pageSize(args.first), after: args.after ?? null })),
  }),
  systemMetrics: t.field({
    type: MetricsWindowRef,
    nullable: true,
    authScopes: admin,
    description: 'The SystemMetrics time series over a window (default: the last hour), per node and for the cluster.',
    args: { from: t.arg({ type: 'DateTime', required: false }), to: t.arg({ type: 'DateTime', required: false }), nodeId: t.arg.string({ required: false }) },
    resolve: async (_r, args, ctx) => {
      const { from, to } = defaultWindow(args.from ?? null, args.to ?? null);
      return { ...(await readMetricsSeries(ctx.services.readStore, from, to, args.nodeId ?? null)), from, to };
    },
  }),
  gameStatistics: t.field({
    type: GameStatisticsRef,
    nullable: true,
    authScopes: admin,
    resolve: async (_r, _a, ctx) => {
      const s = await readGameStatistics(ctx.services.readStore, ctx.services.partitions);
      return {
        ...s,
        winRateByDifficulty: Object.entries(s.winRateByDifficulty).map(([difficulty, winRate]) => ({ difficulty, winRate })),
        towersByType: Object.entries(s.towersByType)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([towerType, count]) => ({ towerType, count })),
      };
    },
  }),
  projections: t.field({
    type: [ProjectionStatusRef],
    authScopes: admin,
    description: 'Every projection and durable event handler, with checkpoint, lag and counters.',
    resolve: async (_r, _a, ctx) => [...(await ctx.services.projections.status())],
  }),
}));

builder.subscriptionFields((t) => ({
  projectionStatuses: t.field({
    type: [ProjectionStatusRef],
    authScopes: admin,
    description: 'The projection statuses, sent at once and again whenever a state, checkpoint or counter changes.',
    args: { intervalMs: t.arg.int({ required: false, description: 'How often to look (200–60000, default 1000).' }) },
    subscribe: (_r, { intervalMs }, ctx) => pollStatuses(ctx, Math.min(60_000, Math.max(200, intervalMs ?? 1000))),
    resolve: (statuses) => statuses,
  }),
}));

/** Statuses whenever they change, looked at every `intervalMs`; closing cancels the pending wait at once. */
function pollStatuses(ctx: Context, intervalMs: number): AsyncGenerator<ProjectionStatus[]> {
  const stop = new AbortController();
  const poll = async function* () {
    let last = '';
    while (!stop.signal.aborted) {
      const statuses = [...(await ctx.services.projections.status())];
      // Lag ages tick every millisecond; compare without them so an idle system stays quiet.
      const fingerprint = JSON.stringify(statuses.map((s) => ({ ...s, lag: s.lag.events, rebuild: s.rebuild?.generation ?? null })));
      if (fingerprint !== last) {
        last = fingerprint;
        yield statuses;
      }
      await sleep(intervalMs, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  };
  return closable(() => stop.abort(), poll());
}

// ── mutations ─────────────────────────────────────────────────────────────────────────────────
const payload = (name: string) => ({ types: commandErrors, directResult: true as const, union: { name: `${name}Payload` } });

const UpdateConfigurationInput = builder.inputType('UpdateConfigurationInput', {
  fields: (t) => ({
    key: t.string({ required: true, description: 'A setting key from `settings`, e.g. game.startingGold.' }),
    value: t.field({ type: 'JSON', required: true, description: "Must satisfy the setting's schema." }),
    expectedVersion: t.int({ required: false, description: 'The version you saw (0 = never changed); a stale one is a ConflictError.' }),
    reason: t.string({ required: false, description: 'Kept in the audit trail.' }),
    idempotencyKey: t.string({ required: false }),
  }),
});
const UpdateConfigurationSuccess = builder.simpleObject('UpdateConfigurationSuccess', { fields: (t) => ({ configuration: t.field({ type: ConfigurationEntryRef }) }) });

const GenerateReportInput = builder.inputType('GenerateReportInput', {
  fields: (t) => ({
    kind: t.field({ type: ReportKindEnum, required: true }),
    from: t.field({ type: 'DateTime', required: true, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: true, description: 'Exclusive; at most 366 days after `from`.' }),
    idempotencyKey: t.string({ required: false }),
  }),
});
const GenerateReportSuccess = builder.simpleObject('GenerateReportSuccess', { fields: (t) => ({ report: t.field({ type: ReportRef }) }) });

const PerformMaintenanceInput = builder.inputType('PerformMaintenanceInput', {
  fields: (t) => ({
    task: t.field({ type: MaintenanceTaskEnum, required: true }),
    target: t.string({ required: false, description: 'A projection name or an aggregate type, depending on the task.' }),
    idempotencyKey: t.string({ required: false }),
  }),
});
const PerformMaintenanceSuccess = builder.simpleObject('PerformMaintenanceSuccess', {
  fields: (t) => ({
    result: t.field({ type: 'JSON', description: 'What the task did (counts, archive paths, states).' }),
    runId: t.id(),
    task: t.field({ type: MaintenanceTaskEnum }),
    target: t.string({ nullable: true }),
  }),
});

builder.mutationFields((t) => ({
  updateConfiguration: t.field({
    type: UpdateConfigurationSuccess,
    errors: payload('UpdateConfiguration'),
    args: { input: t.arg({ type: UpdateConfigurationInput, required: true }) },
    resolve: async (_r, { input: { idempotencyKey, ...input } }, ctx) => ({
      configuration: await configurationEntry(ctx, (await mutate(ctx, opsCommands.updateConfiguration, input, { idempotencyKey })).aggregateId),
    }),
  }),
  generateReport: t.field({
    type: GenerateReportSuccess,
    errors: payload('GenerateReport'),
    args: { input: t.arg({ type: GenerateReportInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({
      report: (await mutate(ctx, opsCommands.generateReport, { kind: input.kind, from: input.from.toISOString(), to: input.to.toISOString() }, input)).output,
    }),
  }),
  performMaintenance: t.field({
    type: PerformMaintenanceSuccess,
    errors: payload('PerformMaintenance'),
    args: { input: t.arg({ type: PerformMaintenanceInput, required: true }) },
    // No read-your-writes wait: the result travels back directly, and a task may be rebuilding the very projections it would wait for.
    resolve: async (_r, { input }, ctx) => (await mutate(ctx, opsCommands.performMaintenance, { task: input.task, target: input.target ?? null }, { ...input, settle: false })).output,
  }),
}));
