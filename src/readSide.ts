/**
 * The read side of one process: read store, live event bus, projection manager — and the
 * adapters the GraphQL layer sees (LiveEvents, read-your-writes waits, readiness).
 */
import type { Config } from './config.js';
import type { EventBus, EventFilter } from './core/eventBus.js';
import type { EventEnvelope } from './core/messages.js';
import type { EventHandler, ManagedReadStore, Projection } from './core/projection.js';
import type { ProjectionManager } from './core/projectionManager.js';
import { createProjectionManager, createReadModels } from './infrastructure/readModels.js';
import type { Infrastructure } from './infrastructure/wiring.js';
import type { Logger } from './logger.js';
import type { LiveEvents, LiveFilter, LiveSubscription } from './services.js';

export interface ReadSide {
  readonly readStore: ManagedReadStore;
  readonly bus: EventBus;
  readonly manager: ProjectionManager;
  readonly live: LiveEvents;
  /** Projections and durable handlers this process knows (queries resolve their collections even when it does not run them). */
  register(items: ReadonlyArray<Projection | EventHandler>): void;
  publish(events: readonly EventEnvelope[]): Promise<void>;
  waitFor(events: readonly EventEnvelope[], timeoutMs: number): Promise<void>;
  /** False when a projection this process runs is faulted. */
  healthy(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const busFilter = (filter: LiveFilter): EventFilter =>
  filter.aggregateType
    ? { aggregateType: filter.aggregateType, ...(filter.aggregateId ? { aggregateId: filter.aggregateId } : {}) }
    : filter.eventTypes?.length
      ? { eventTypes: filter.eventTypes }
      : 'all';

/** The bus filters on one criterion; the rest is checked here. */
const matches = (filter: LiveFilter, event: EventEnvelope): boolean =>
  (!filter.aggregateType || filter.aggregateType === event.aggregateType) &&
  (!filter.aggregateId || filter.aggregateId === event.aggregateId) &&
  (!filter.eventTypes?.length || filter.eventTypes.includes(event.eventType));

export function createReadSide(options: { config: Config; log: Logger; infrastructure: Infrastructure; role?: string }): ReadSide {
  const { config, log, infrastructure } = options;
  const models = createReadModels(config, infrastructure, log);
  const manager = createProjectionManager(config, models.runtime, log, options.role ?? 'api');
  let running = false;

  const live: LiveEvents = {
    subscribe(filter): LiveSubscription {
      const stream = models.bus.asyncIterator(busFilter(filter));
      return {
        ready: stream.ready,
        async *[Symbol.asyncIterator]() {
          for (;;) {
            const next = await stream.next();
            if (next.done) return;
            if (matches(filter, next.value)) yield next.value;
          }
        },
        close: async () => void (await stream.return()),
      };
    },
  };

  return {
    readStore: models.readStore,
    bus: models.bus,
    manager,
    live,
    register(items) {
      for (const item of items) if ('collections' in item) models.readStore.own(item.name, item.collections);
      manager.register(...items);
    },
    publish: (events) => models.bus.publishBatch(events),
    waitFor: (events, timeoutMs) => manager.waitForEvents(events, timeoutMs),
    healthy: () => !running || manager.states().every((s) => s.state !== 'faulted'),
    async start() {
      await manager.start();
      running = true;
    },
    async stop() {
      running = false;
      await manager.stop();
      await models.close();
    },
  };
}
