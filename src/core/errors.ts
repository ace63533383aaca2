/**
 * The few typed errors. Only this file defines error classes; only `graphql/errors.ts` maps them
 * onto GraphQL types. Anything else thrown is unexpected and gets masked.
 */

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export abstract class AppError extends Error {
  abstract readonly kind: 'Validation' | 'NotFound' | 'Conflict' | 'Unauthenticated' | 'Forbidden' | 'RuleBroken' | 'RateLimited' | 'Timeout' | 'Unavailable';

  constructor(message: string) {
    super(message);
    // Logs and stack traces name the concrete class (NotFoundError, …), not plain "Error".
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly kind = 'Validation' as const;
  constructor(
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError(message, [{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  readonly kind = 'NotFound' as const;
}

/** Optimistic concurrency said no. `expectedVersion` is what the caller assumed. */
export class ConflictError extends AppError {
  readonly kind = 'Conflict' as const;
  constructor(
    message: string,
    readonly expectedVersion: number | null,
    readonly actualVersion: number | null,
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends AppError {
  readonly kind = 'Unauthenticated' as const;
  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly kind = 'Forbidden' as const;
  constructor(message = 'Not allowed') {
    super(message);
  }
}

/** A business rule said no. `code` is stable and SCREAMING_SNAKE (clients switch on it). */
export class RuleBrokenError extends AppError {
  readonly kind = 'RuleBroken' as const;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Too many attempts; `retryAfterSeconds` tells the client when to try again. */
export class RateLimitedError extends AppError {
  readonly kind = 'RateLimited' as const;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A bounded wait ran out (e.g. read-your-writes waiting for projections). */
export class TimeoutError extends AppError {
  readonly kind = 'Timeout' as const;
}

/**
 * Why storage could not serve a command. Stable, SCREAMING_SNAKE: clients and dashboards switch on it.
 * - STORAGE_UNREACHABLE: no connection, or no reply within the command timeout — nothing is known to be written;
 * - STORAGE_FULL: Redis is out of memory (maxmemory with noeviction) and refused the write before running it;
 * - CLUSTER_RECONFIGURING: a Redis Cluster failover or resharding is in progress;
 * - DURABILITY_TIMEOUT: the primary applied the write but too few replicas confirmed it in time
 *   (eventStore.durability: replicated); the command's idempotency key makes a retry safe.
 */
export type UnavailableReason = 'STORAGE_UNREACHABLE' | 'STORAGE_FULL' | 'CLUSTER_RECONFIGURING' | 'DURABILITY_TIMEOUT';

/** Storage cannot serve the command now; retrying after `retryAfterMs` is expected to work. */
export class UnavailableError extends AppError {
  readonly kind = 'Unavailable' as const;
  constructor(
    readonly reason: UnavailableReason,
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/**
 * A live subscriber fell too far behind: more events waited for it than its buffer holds. Not a
 * client-facing AppError kind: the transport ends the subscription with it (graphql-ws close code
 * 4413, SSE a final SUBSCRIBER_TOO_SLOW error).
 */
export class SubscriberTooSlowError extends Error {
  constructor(readonly bufferLimit: number) {
    super(`Subscriber too slow: more than ${bufferLimit} events waited for it`);
    this.name = new.target.name;
  }
}
