/**
 * Idempotency middleware: a command sent again with the same key by the same caller returns the
 * first result instead of running twice; the same key with different input is refused.
 * Keys are scoped by caller and command type, so one client cannot replay another's result.
 */
import { createHmac } from 'node:crypto';
import type { DispatchResult, Middleware } from './dispatcher.js';
import { RuleBrokenError, ValidationError } from '../errors.js';
import type { IdempotencyStore } from '../ports.js';

/** Input fields never fingerprinted: a stored hash of a password (even keyed) is a target. */
const SECRET_FIELD = /password|token|secret/i;

/** A depth bound: a fingerprint is computed for anonymous callers too, before authorization (size is bounded by the request body limit). */
const MAX_DEPTH = 32;

const withoutSecrets = (value: unknown, depth = 0): unknown => {
  if (depth > MAX_DEPTH) throw ValidationError.field('input', `Input is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_FIELD.test(k)).map(([k, v]) => [k, withoutSecrets(v, depth + 1)]));
};

/**
 * What a key is bound to: an HMAC (under a server secret, the same on every node) of the client's
 * input minus its secret fields, so the same key with other input is refused, and a stored
 * fingerprint tells nothing about a password even to someone who reads Redis.
 */
export const inputFingerprint = (input: unknown, secret: string): string =>
  createHmac('sha256', secret).update(JSON.stringify(withoutSecrets(input ?? null))).digest('base64url');

/** The idempotency part of a command's metadata, when the client sent a key. */
export const idempotencyOf = (key: string | null | undefined, input: unknown, secret: string): { idempotency?: { key: string; fingerprint: string } } =>
  key ? { idempotency: { key, fingerprint: inputFingerprint(input, secret) } } : {};

/**
 * What a retry needs to be answered: ids, versions, positions and the typed output — not event
 * data, which may hold a password hash or an email (kept for the key's whole TTL).
 */
const retryAnswer = (result: DispatchResult): DispatchResult => ({ ...result, events: result.events.map((e) => ({ ...e, data: {} })) });

export const idempotencyMiddleware =
  (store: IdempotencyStore, ttlSeconds: number): Middleware =>
  async ({ command, metadata }, next) => {
    const idem = metadata.idempotency;
    // A dry run is not the command: it neither answers from nor fills the key's slot.
    if (!idem || metadata.dryRun) return next();
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
          await store.complete(key, idem.fingerprint, retryAnswer(result), ttlSeconds);
          return result;
        } catch (error) {
          // Nothing was written (or the failure is the client's): let a retry run it for real.
          await store.release(key);
          throw error;
        }
    }
  };
