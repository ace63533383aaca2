/**
 * Cross-context operations: the admin event feed (all events, filtered) and the caller's own
 * events. Secrets that events must carry to rebuild state (password and token hashes) never leave.
 */
import type { EventEnvelope } from '../core/messages.js';
import { builder } from './builder.js';
import { liveEvents } from './subscriptions.js';

const SECRET_FIELD = /hash|password|secret|token/i;

/** A field whose value is a secret (its name says so): never sent to clients. */
export const isSecretField = (key: string): boolean => SECRET_FIELD.test(key);

/** Drops secret-looking fields (password hashes, refresh-token hashes) before events reach clients. */
export const publicData = (data: unknown): unknown => {
  if (Array.isArray(data)) return data.map(publicData);
  if (typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !SECRET_FIELD.test(key)).map(([key, value]) => [key, publicData(value)]));
};

export const DomainEventRef = builder.objectRef<EventEnvelope>('DomainEvent').implement({
  description: 'A stored event as the admin feed shows it (secrets removed).',
  fields: (t) => ({
    eventId: t.exposeID('eventId'),
    eventType: t.exposeString('eventType'),
    aggregateType: t.exposeString('aggregateType'),
    aggregateId: t.exposeID('aggregateId'),
    version: t.int({ resolve: (e) => e.aggregateVersion }),
    schemaVersion: t.exposeInt('schemaVersion'),
    occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    correlationId: t.id({ resolve: (e) => e.metadata.correlationId }),
    causationId: t.id({ resolve: (e) => e.metadata.causationId }),
    userId: t.id({ nullable: true, resolve: (e) => e.metadata.userId ?? null }),
    data: t.field({ type: 'JSON', resolve: (e) => publicData(e.data) }),
  }),
});

const EventFilterInput = builder.inputType('EventFilter', {
  fields: (t) => ({
    eventTypes: t.stringList({ required: false, description: 'Only these event types.' }),
    aggregateType: t.string({ required: false }),
    aggregateId: t.id({ required: false }),
  }),
});

builder.subscriptionFields((t) => ({
  events: t.field({
    type: DomainEventRef,
    description: 'Every event committed on any node, live (admins only).',
    authScopes: { admin: true },
    args: { filter: t.arg({ type: EventFilterInput, required: false }) },
    subscribe: (_r, { filter }, ctx) =>
      liveEvents(ctx.services.live, {
        ...(filter?.aggregateType ? { aggregateType: filter.aggregateType } : {}),
        ...(filter?.aggregateId ? { aggregateId: String(filter.aggregateId) } : {}),
        ...(filter?.eventTypes?.length ? { eventTypes: filter.eventTypes } : {}),
      }),
    resolve: (event) => event,
  }),
  myEvents: t.field({
    type: DomainEventRef,
    description: "Events caused by the caller's own commands, live.",
    authScopes: { authenticated: true },
    subscribe: (_r, _a, ctx) => liveEvents(ctx.services.live, 'all', (event) => (event.metadata.userId === ctx.viewer?.userId ? event : null)),
    resolve: (event) => event,
  }),
}));
