/**
 * The per-request GraphQL context. Resolvers reach the application only through it.
 */
import type { Command } from '../core/messages.js';
import type { DispatchResult } from '../core/dispatcher.js';
import type { Role } from '../auth/domain/user.js';
import type { AppServices } from '../services.js';


export interface Viewer {
  readonly userId: string;
  readonly sessionId: string;
  readonly roles: readonly Role[];
}

export interface DispatchOptions {
  /** Client-supplied idempotency key (scoped to the caller). */
  readonly idempotencyKey?: string | null;
  /** The client input the key is bound to: reusing a key with different input is refused. */
  readonly input?: unknown;
}

export interface Context {
  readonly viewer: Viewer | null;
  readonly requestId: string;
  readonly correlationId: string;
  readonly clientAddress: string;
  readonly services: AppServices;
  /** Sends a command with this request's metadata (user, correlation id). */
  readonly dispatch: (command: Command, options?: DispatchOptions) => Promise<DispatchResult>;
  /** Read-your-writes tokens of the events this request's mutations committed (returned in `extensions.readAfter`). */
  readonly positions: string[];
}
