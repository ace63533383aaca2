/** The idempotency record both stores keep, and how a claim reads it. */
import type { IdempotencyClaim } from '../../core/ports.js';

export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly status: 'pending' | 'done';
  readonly result?: unknown;
}

export const claimFromRecord = <R>(record: IdempotencyRecord, fingerprint: string): IdempotencyClaim<R> => {
  // Same key, different input: a client bug or a key collision; never replay someone else's result.
  if (record.fingerprint !== fingerprint) return { status: 'mismatch' };
  return record.status === 'done' ? { status: 'done', result: record.result as R } : { status: 'pending' };
};

export const pendingRecord = (fingerprint: string): IdempotencyRecord => ({ fingerprint, status: 'pending' });
export const doneRecord = (fingerprint: string, result: unknown): IdempotencyRecord => ({ fingerprint, status: 'done', result });

/** Record lifetimes are whole seconds, at least one (what Redis EX accepts). */
export const recordTtlSeconds = (seconds: number): number => Math.max(1, Math.ceil(seconds));
