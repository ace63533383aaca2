/**
 * Idempotency middleware: a command sent again with the same key by the same caller returns the
 * first result instead of running twice; the same key with different input is refused.
 * Keys are scoped by caller and command type, so one client cannot replay another's result.
 */
import { createHash } from 'node:crypto';
import type { DispatchResult, Middleware } from './dispatcher.js';
import { RuleBrokenError, ValidationError } from '../errors.js';
import type { IdempotencyStore } from '../ports.js';

/** What a key is bound to: a hash of the client's input, so the same key with other input is refused. */
export const inputFingerprint = (input: unknown): string => createHash('sha256').update(JSON.stringify(input ?? null)).digest('hex');

/** @deprecated DispatchResult carries `replayed` itself. */
export type IdempotentResult = DispatchResult;

/** The idempotency part of a command's metadata, when the client sent a key. */
export const idempotencyOf = (key: string | null | undefined, input: unknown): { idempotency?: { key: string; fingerprint: string } } =>
  key ? { idempotency: { key, fingerprint: inputFingerprint(input) } } : {};

export const idempotencyMiddleware =
  (store: IdempotencyStore, ttlSeconds: number): Middleware =>
  async ({ command, metadata }, next) => {
    const idem = metadata.idempotency;
    if (!idem) return next();
    if (idem.key.length === 0 || idem.key.length > 200) throw ValidationError.field('idempotencyKey', 'Idempotency key must be 1–200 characters');
    const key = `${metadata.userId ?? 'anonymous'}:${command.type}:${idem.key}`;
    const claim = await store.claim<DispatchResult>(key, idem.fingerprint, ttlSeconds);
    switch (claim.status) {
      case 'done':
        return { ...claim.result, replayed: true } satisfies DispatchResult;
      case 'pending':
        throw new RuleBrokenError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this idempotency key is still being processed; retry shortly');
      case 'mismatch':
        throw ValidationError.field('idempotencyKey', 'This idempotency key was already used with different input');
      case 'new':
        try {
          const result = await next();
          await store.complete(key, idem.fingerprint, result, ttlSeconds);
          return result;
        } catch (error) {
          // Nothing was written (or the failure is the client's): let a retry run it for real.
          await store.release(key);
          throw error;
        }
    }
  };
