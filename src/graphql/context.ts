/**
 * The per-request GraphQL context. Resolvers reach the application only through it: `send` for
 * commands (with this request's caller, correlation id and idempotency key) and `services` for
 * reads. Contexts add their own services by augmenting `AppServices` (declaration merging), so
 * this shared layer never imports a bounded context.
 */
import type { CommandType, Committed, Dispatcher } from '../core/commands/dispatcher.js';
import { idempotencyOf } from '../core/commands/idempotency.js';
import type { EventEnvelope } from '../core/messages.js';
import type { EventStore, ReadStore } from '../core/ports.js';
import type { ProjectionControl } from '../core/projections/ports.js';
import type { LiveFanOut } from './liveFanOut.js';
import type { LiveEvents } from './subscriptions.js';

/** The authenticated caller of a request or WebSocket connection. */
export interface Viewer {
  readonly userId: string;
  readonly sessionId: string;
  readonly roles: readonly string[];
  /** When the access token expires (ISO-8601): subscriptions end then. */
  readonly expiresAt?: string;
}

export const isAdminViewer = (viewer: Viewer | null): boolean => viewer?.roles.includes('ADMIN') ?? false;

/** What resolvers may read; wired once in the composition root. Contexts augment it with their own members. */
export interface AppServices {
  readonly readStore: ReadStore;
  readonly eventStore: EventStore;
  readonly live: LiveEvents;
  /** One aggregate's events, resumable and gap-free, over this node's shared fan-out. */
  readonly liveStreams: Pick<LiveFanOut, 'follow' | 'counts'>;
  /** Number of partition logs (part of the storage layout). */
  readonly partitions: number;
  /** Read-your-writes: resolves once every projection concerned has applied these events (bounded wait, then TimeoutError). */
  readonly waitForProjections: (events: readonly EventEnvelope[]) => Promise<void>;
  /** Projection statuses and control (the projection manager). */
  readonly projections: ProjectionControl;
}

export interface SendOptions {
  /** Client-supplied idempotency key (scoped to the caller and the command type). */
  readonly idempotencyKey?: string | null;
  /** What the key is bound to (default: the command's data): the same key with other input is refused. */
  readonly input?: unknown;
  /** Decide and answer without appending, publishing or claiming the idempotency key. */
  readonly dryRun?: boolean | null;
}

/** Who asks and where from: read off the HTTP request or WebSocket connection. */
export interface RequestInfo {
  readonly viewer: Viewer | null;
  readonly requestId: string;
  readonly correlationId: string;
  readonly clientAddress: string;
  /** The caller's W3C `traceparent` (HTTP header, or `connectionParams.traceparent`), when well-formed. */
  readonly traceparent?: string;
}

export interface Context extends RequestInfo {
  readonly services: AppServices;
  /** Sends a command as this request's caller. */
  readonly send: <Data extends object, Output>(type: CommandType<Data, Output>, data: Data, options?: SendOptions) => Promise<Committed<Output>>;
  /** Read-your-writes tokens of the events this request's mutations committed (returned in `extensions.readAfter`). */
  readonly positions: string[];
}

/** `idempotencySecret`: the HMAC key of input fingerprints, the same on every node. */
export const contextFactory =
  (dispatcher: Pick<Dispatcher, 'send'>, services: AppServices, idempotencySecret: string) =>
  (request: RequestInfo): Context => ({
    ...request,
    services,
    positions: [],
    send: (type, data, options = {}) =>
      dispatcher.send(type, data, {
        correlationId: request.correlationId,
        ...(request.traceparent ? { traceparent: request.traceparent } : {}),
        ...(request.viewer ? { userId: request.viewer.userId, roles: request.viewer.roles, sessionId: request.viewer.sessionId } : {}),
        ...(options.dryRun ? { dryRun: true } : idempotencyOf(options.idempotencyKey, options.input ?? data, idempotencySecret)),
      }),
  });
