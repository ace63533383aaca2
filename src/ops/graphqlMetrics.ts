/**
 * The SystemMetrics time series over GraphQL: the cluster summary of a window, one summary per
 * node, and the samples themselves (oldest first) for charts. Latencies are in milliseconds.
 */
import { ValidationError } from '../core/errors.js';
import { builder } from '../graphql/builder.js';
import type { CommandSummary, MetricsSummary } from './domain/systemMetrics.js';
import type { MetricsSampleView } from './projections.js';
import type { SeriesSummary } from './queries.js';

export type MetricsWindowView = SeriesSummary & { readonly from: string; readonly to: string };

const DEFAULT_WINDOW_MS = 3_600_000;

/** The last hour by default; `to` defaults to now, `from` to an hour before `to`. */
export const defaultWindow = (from: Date | null, to: Date | null): { from: string; to: string } => {
  const end = to ?? new Date();
  const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_MS);
  if (start.getTime() >= end.getTime()) throw ValidationError.field('from', '`from` must be before `to`');
  return { from: start.toISOString(), to: end.toISOString() };
};

type CommandRow = CommandSummary & { readonly commandType: string };

const CommandMetricsRef = builder.objectRef<CommandRow>('CommandMetrics').implement({
  fields: (t) => ({
    commandType: t.exposeString('commandType'),
    count: t.exposeInt('count'),
    failures: t.exposeInt('failures'),
    commandsPerSecond: t.exposeFloat('commandsPerSecond'),
    failureRate: t.exposeFloat('failureRate'),
    p50: t.exposeFloat('p50', { description: 'ms' }),
    p95: t.exposeFloat('p95', { description: 'ms' }),
    p99: t.exposeFloat('p99', { description: 'ms' }),
    maxP99: t.exposeFloat('maxP99', { description: 'The worst p99 of any single sample, ms.' }),
  }),
});

const EventBusMetricsRef = builder.simpleObject('EventBusMetrics', {
  fields: (t) => ({ published: t.int(), processed: t.int(), failed: t.int(), failureRate: t.float({ nullable: true }) }),
});
const ProjectionLagSummaryRef = builder.simpleObject('ProjectionLagSummary', {
  fields: (t) => ({ projection: t.string(), lastLag: t.int({ description: 'Events behind, in the newest sample.' }), maxLag: t.int({ description: 'Worst over the window.' }) }),
});

const commandRows = (s: MetricsSummary): CommandRow[] => Object.entries(s.commands).map(([commandType, c]) => ({ ...c, commandType }));
const lagRows = (s: MetricsSummary) => Object.entries(s.projections).map(([projection, p]) => ({ projection, ...p }));

const MetricsSummaryRef = builder.objectRef<MetricsSummary>('MetricsSummary').implement({
  fields: (t) => ({
    samples: t.exposeInt('samples'),
    coveredSeconds: t.exposeFloat('coveredSeconds'),
    commandsPerSecond: t.exposeFloat('commandsPerSecond'),
    failureRate: t.exposeFloat('failureRate'),
    commands: t.field({ type: [CommandMetricsRef], resolve: commandRows }),
    eventBus: t.field({ type: EventBusMetricsRef, resolve: (s) => s.eventBus }),
    projections: t.field({ type: [ProjectionLagSummaryRef], resolve: lagRows }),
  }),
});

const NodeMetricsRef = builder.objectRef<{ nodeId: string; summary: MetricsSummary }>('NodeMetrics').implement({
  fields: (t) => ({ nodeId: t.exposeString('nodeId'), summary: t.field({ type: MetricsSummaryRef, resolve: (n) => n.summary }) }),
});

const CommandSampleRef = builder.simpleObject('CommandSample', {
  fields: (t) => ({ commandType: t.string(), count: t.int(), failures: t.int(), p50: t.float(), p95: t.float(), p99: t.float() }),
});
const ProjectionLagPointRef = builder.simpleObject('ProjectionLagPoint', { fields: (t) => ({ projection: t.string(), lag: t.int() }) });

const MetricsSampleRef = builder.objectRef<MetricsSampleView>('MetricsSample').implement({
  description: 'One node’s counters over `windowSeconds` ending at `at`.',
  fields: (t) => ({
    id: t.exposeID('id'),
    nodeId: t.exposeString('nodeId'),
    at: t.field({ type: 'DateTime', resolve: (s) => s.at }),
    windowSeconds: t.exposeFloat('windowSeconds'),
    commands: t.field({ type: [CommandSampleRef], resolve: (s) => Object.entries(s.commands).map(([commandType, c]) => ({ ...c, commandType })) }),
    eventBus: t.field({ type: EventBusMetricsRef, resolve: (s) => ({ ...s.eventBus, failureRate: null }) }),
    projections: t.field({ type: [ProjectionLagPointRef], resolve: (s) => Object.entries(s.projections).map(([projection, lag]) => ({ projection, lag })) }),
  }),
});

export const MetricsWindowRef = builder.objectRef<MetricsWindowView>('SystemMetrics').implement({
  description: 'The cluster over a window: rates add up across nodes, percentiles are count-weighted.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', resolve: (w) => w.from }),
    to: t.field({ type: 'DateTime', resolve: (w) => w.to }),
    samples: t.int({ resolve: (w) => w.cluster.samples }),
    coveredSeconds: t.float({ resolve: (w) => w.cluster.coveredSeconds }),
    commandsPerSecond: t.float({ resolve: (w) => w.cluster.commandsPerSecond }),
    failureRate: t.float({ resolve: (w) => w.cluster.failureRate }),
    commands: t.field({ type: [CommandMetricsRef], resolve: (w) => commandRows(w.cluster) }),
    eventBus: t.field({ type: EventBusMetricsRef, resolve: (w) => w.cluster.eventBus }),
    projections: t.field({ type: [ProjectionLagSummaryRef], resolve: (w) => lagRows(w.cluster) }),
    nodes: t.field({ type: [NodeMetricsRef], resolve: (w) => Object.entries(w.nodes).map(([nodeId, summary]) => ({ nodeId, summary })) }),
    series: t.field({ type: [MetricsSampleRef], description: 'The samples, oldest first.', resolve: (w) => [...w.samples] }),
    truncated: t.boolean({ description: 'True when the window held more samples than one query reads.', resolve: (w) => w.truncated }),
  }),
});
