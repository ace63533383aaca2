/**
 * Storage failures as typed, retryable errors. Install inside the metrics and logging middleware
 * (they count and log the typed error once, with the correlation id) and outside the idempotency
 * middleware (a claim that cannot reach storage fails the same way).
 *
 * Retries are bounded below this layer: the Redis client retries a command a few times while it
 * reconnects (redis.maxRetriesPerRequest, growing pauses) and gives up at redis.commandTimeoutMs;
 * what is left reaches the client as UnavailableError with `retryAfterMs`, never a hang or a 5xx.
 */
import { isAppError, UnavailableError } from '../errors.js';
import { refusedAfterCommit, type Middleware } from './dispatcher.js';

export interface StorageFailureOptions {
  /** The typed error for a raw storage failure (connection lost, out of memory, failover…); null for anything else. */
  readonly classify: (error: unknown) => UnavailableError | null;
  /** What a client is told to wait before retrying a command whose durability was not confirmed. */
  readonly durabilityRetryAfterMs: number;
}

export const storageFailureMiddleware =
  (options: StorageFailureOptions): Middleware =>
  async (_context, next) => {
    let result;
    try {
      result = await next();
    } catch (error) {
      const typed = isAppError(error) ? null : options.classify(error);
      throw typed ?? error;
    }
    if (!result.unconfirmed) return result;
    const error = new UnavailableError(
      'DURABILITY_TIMEOUT',
      'The command was applied but its replication was not confirmed in time; retry with the same idempotency key',
      options.durabilityRetryAfterMs,
    );
    // A first answer: the events are in the store (projections will see them), so live subscribers get them too.
    // A replay committed nothing now: nothing to hand on.
    throw result.replayed ? error : refusedAfterCommit(error, result);
  };
