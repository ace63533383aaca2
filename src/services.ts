/**
 * What resolvers may reach through the context: assembled once in server.ts.
 */
import type { Config } from './config.js';
import type { Dispatcher } from './core/dispatcher.js';
import type { EventEnvelope } from './core/messages.js';
import type { EventStore, ReadStore, StateStore } from './core/ports.js';
import type { Logger } from './logger.js';
import type { ProjectionControl } from './ops/maintenance.js';
import type { OpsMetrics } from './ops/metrics.js';
import type { RuntimeSettings } from './ops/runtimeSettings.js';

/** A filter for live events (all given criteria must match). */
export interface LiveFilter {
  readonly aggregateType?: string;
  readonly aggregateId?: string;
  readonly eventTypes?: readonly string[];
}

/** A live subscription: buffers from the moment `ready` resolves (the Pub/Sub SUBSCRIBE is acknowledged). */
export interface LiveSubscription extends AsyncIterable<EventEnvelope> {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Live events from every node (Redis Pub/Sub), for subscriptions. */
export interface LiveEvents {
  subscribe(filter: LiveFilter): LiveSubscription;
}

export interface AppServices {
  readonly config: Config;
  readonly log: Logger;
  readonly dispatcher: Dispatcher;
  readonly readStore: ReadStore;
  readonly eventStore: EventStore;
  readonly stateStore: StateStore;
  readonly live: LiveEvents;
  /** Read-your-writes: resolves once every projection has applied these events (bounded wait, then TimeoutError). */
  readonly waitForProjections: (events: readonly EventEnvelope[], timeoutMs?: number) => Promise<void>;
  /** Read-your-writes tokens (`<partition>:<stream id>`) of committed events. */
  readonly positionsOf: (events: readonly EventEnvelope[]) => string[];
  /** Resolves once every projection has passed these tokens (bounded wait, then TimeoutError). */
  readonly waitForPositions: (tokens: readonly string[], timeoutMs?: number) => Promise<void>;
  /** Ops: projection statuses and control (the ProjectionManager fits this port). */
  readonly projections: ProjectionControl;
  /** Ops: runtime settings, configs/ defaults overlaid with operators' updates. */
  readonly settings: RuntimeSettings;
  /** Ops: this node's Prometheus registry and counters. */
  readonly metrics: OpsMetrics;
}
