/**
 * Which Redis/ioredis failures mean "storage cannot serve this now" (a typed, retryable
 * UnavailableError for the client) rather than a bug (masked, logged with its stack).
 *
 * Matched on the messages ioredis and Redis give: ioredis has no error codes for its own
 * failures, and Redis replies are a code word followed by text (`OOM command not allowed…`).
 */
import { UnavailableError, type UnavailableReason } from '../../core/errors.js';

const REASONS: ReadonlyArray<readonly [RegExp, UnavailableReason]> = [
  // maxmemory reached with noeviction: Redis refuses a writing script before running it (nothing written).
  [/^OOM /, 'STORAGE_FULL'],
  // A failover or resharding in progress, or a former primary that became a replica.
  [/^(CLUSTERDOWN|TRYAGAIN|MOVED|ASK|READONLY|MASTERDOWN|LOADING)\b/, 'CLUSTER_RECONFIGURING'],
  [/Too many Cluster redirections|Failed to refresh slots cache|None of startup nodes is available|Cluster isn't ready/, 'CLUSTER_RECONFIGURING'],
  // No connection, or no answer in time.
  [/Reached the max retries per request limit|Command timed out|Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|connect ETIMEDOUT/, 'STORAGE_UNREACHABLE'],
];

/** How long a client should wait before retrying, by reason (the reconnect and failover times we see). */
const RETRY_AFTER_MS: Record<UnavailableReason, number> = {
  STORAGE_UNREACHABLE: 1_000,
  STORAGE_FULL: 5_000,
  CLUSTER_RECONFIGURING: 2_000,
  DURABILITY_TIMEOUT: 500,
};

const MESSAGES: Record<UnavailableReason, string> = {
  STORAGE_UNREACHABLE: 'Storage did not answer in time; retry shortly with the same idempotency key',
  STORAGE_FULL: 'Storage is full and refused the write; nothing was changed. Retry later',
  CLUSTER_RECONFIGURING: 'Storage is failing over; retry shortly',
  DURABILITY_TIMEOUT: 'The write was not confirmed by enough replicas in time; retry with the same idempotency key',
};

export const unavailable = (reason: UnavailableReason): UnavailableError => new UnavailableError(reason, MESSAGES[reason], RETRY_AFTER_MS[reason]);

/** The reason `error` is a storage failure, or null. */
export const storageFailureReason = (error: unknown): UnavailableReason | null => {
  if (!(error instanceof Error)) return null;
  const texts = [error.message, (error as { code?: unknown }).code, (error as { lastNodeError?: Error }).lastNodeError?.message].filter((t): t is string => typeof t === 'string');
  for (const [pattern, reason] of REASONS) if (texts.some((t) => pattern.test(t))) return reason;
  return null;
};

/** StorageFailureOptions.classify for Redis. */
export const classifyRedisFailure = (error: unknown): UnavailableError | null => {
  const reason = storageFailureReason(error);
  return reason ? unavailable(reason) : null;
};

/**
 * A failure after which a write may have been applied: the request left, no answer came back
 * (timed out, or the connection dropped with it in flight). Refusals (OOM, MOVED…) and commands
 * that never left (no connection) are known not to have run.
 */
export const outcomeUnknown = (error: unknown): boolean => error instanceof Error && /Command timed out|Connection is closed|ECONNRESET|EPIPE/.test(error.message);
