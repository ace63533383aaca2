/**
 * Idempotency middleware: a command sent again with the same key by the same caller returns the
 * first result instead of running twice; the same key with different input is refused.
 * Keys are scoped by caller and command type, so one client cannot replay another's result.
 */
import { createHash, createHmac } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { DispatchResult, Middleware } from './dispatcher.js';
import { RuleBrokenError, ValidationError } from '../errors.js';
import type { CommandMetadata } from '../messages.js';
import type { CommandMark, DurabilityCheck, IdempotencyStore } from '../ports.js';

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

/** A key as the middleware stores it: scoped by caller and command type. */
const scopedKey = (metadata: CommandMetadata, commandType: string, key: string): string => `${metadata.userId ?? 'anonymous'}:${commandType}:${key}`;

/**
 * The mark a command sent with an idempotency key leaves on the aggregate it writes, in the same
 * atomic step as its events (EventStore, AppendOptions.command): the backstop that keeps a retry
 * from running the command twice even when the middleware's record is gone (its pending claim
 * expired after a lost reply, or storage refused the `complete`). Its id is a hash of the scoped
 * key, so no client key appears in a Redis key. None for dry runs and commands without a key.
 */
export const commandMarkOf = (metadata: CommandMetadata, commandType: string, ttlSeconds: number): CommandMark | undefined => {
  const idem = metadata.idempotency;
  if (!idem || metadata.dryRun) return undefined;
  const id = createHash('sha256').update(scopedKey(metadata, commandType, idem.key)).digest('base64url');
  return { id, fingerprint: idem.fingerprint, ttlSeconds };
};

/** The namespace of the ids derived from idempotency keys (a fixed, random UUID). */
const KEYED_ID_NAMESPACE = '5b0c4f7e-9a51-4a36-8e0c-2f4d7a1c9e63';

/**
 * The id a command sent with an idempotency key gives the aggregate it creates, the same on every
 * retry (a name-based UUID, version 5, of the scoped key): a retry then targets the aggregate the
 * first attempt created, whose command mark answers it, instead of creating a second one. Undefined
 * without a key and for dry runs (use a fresh id).
 */
export const idempotentNewId = (metadata: CommandMetadata): string | undefined => {
  const idem = metadata.idempotency;
  if (!idem || metadata.dryRun || !metadata.commandType) return undefined;
  return uuidv5(scopedKey(metadata, metadata.commandType, idem.key), KEYED_ID_NAMESPACE);
};

/**
 * What a retry needs to be answered: ids, versions, positions and the typed output — not event
 * data, which may hold a password hash or an email (kept for the key's whole TTL).
 */
const retryAnswer = (result: DispatchResult): DispatchResult => ({ ...result, events: result.events.map((e) => ({ ...e, data: {} })) });

/**
 * How long a claim stays `pending` without an answer: longer than any command (bounded by the
 * storage command timeout), short enough that a claim whose release could not reach storage
 * (an outage) does not refuse retries for the key's whole lifetime. A retry after it does not
 * run an applied command again: the mark its append left on the aggregate answers it.
 */
export const PENDING_CLAIM_SECONDS = 30;

export const idempotencyMiddleware =
  (
    store: IdempotencyStore,
    ttlSeconds: number,
    durability?: DurabilityCheck,
    /**
     * Failures after which the command may or may not have been applied (storage stopped answering
     * mid-write): the claim is kept, so a retry is refused as in progress until the claim expires
     * (PENDING_CLAIM_SECONDS). After that a retry runs through the dispatcher again, where the
     * command's mark on its aggregate (commandMarkOf) answers the first result if the append happened.
     */
    outcomeUnknown: (error: unknown) => boolean = () => false,
  ): Middleware =>
  async ({ command, metadata }, next) => {
    const idem = metadata.idempotency;
    // A dry run is not the command: it neither answers from nor fills the key's slot.
    if (!idem || metadata.dryRun) return next();
    if (idem.key.length === 0 || idem.key.length > 200) throw ValidationError.field('idempotencyKey', 'Idempotency key must be 1–200 characters');
    const key = scopedKey(metadata, command.type, idem.key);
    const run = async (): Promise<DispatchResult> => {
      let result: DispatchResult;
      try {
        result = await next();
        // Answered from the mark its first attempt left on the aggregate: that attempt may have ended in
        // DURABILITY_TIMEOUT, so check the replicas as a `done` replay does (storageFailureMiddleware answers unconfirmed).
        if (result.replayed && durability && (await durability.confirm(result.events)) !== 'confirmed') result = { ...result, unconfirmed: true };
      } catch (error) {
        // Nothing was written (or the failure is the client's): let a retry run it for real. Best effort:
        // with storage down the claim stays pending until it expires (PENDING_CLAIM_SECONDS).
        if (!outcomeUnknown(error)) await store.release(key).catch(() => {});
        throw error;
      }
      // An unconfirmed result is remembered too: the append happened, a retry must answer it, not run again.
      // The command is applied whatever happens here: if storage refuses the record (out of memory), the
      // caller still gets its answer, the pending claim keeps retries off until it expires, and then
      // the command's mark on its aggregate answers them (commandMarkOf).
      await store.complete(key, idem.fingerprint, retryAnswer(result), ttlSeconds).catch(() => {});
      return result;
    };
    const claim = await store.claim<DispatchResult>(key, idem.fingerprint, Math.min(ttlSeconds, PENDING_CLAIM_SECONDS));
    switch (claim.status) {
      case 'done': {
        const replay = { ...claim.result, replayed: true } satisfies DispatchResult;
        if (!replay.unconfirmed || !durability) return replay;
        // The first answer was DURABILITY_TIMEOUT: answer now if the replicas have the events, run again if a failover lost them.
        const check = await durability.confirm(replay.events);
        if (check === 'unconfirmed') return replay; // still DURABILITY_TIMEOUT (storageFailureMiddleware)
        if (check === 'confirmed') {
          const confirmed = { ...claim.result, unconfirmed: false };
          await store.complete(key, idem.fingerprint, confirmed, ttlSeconds);
          return { ...confirmed, replayed: true };
        }
        await store.release(key);
        if ((await store.claim(key, idem.fingerprint, Math.min(ttlSeconds, PENDING_CLAIM_SECONDS))).status !== 'new') {
          throw new RuleBrokenError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this idempotency key is still being processed; retry shortly');
        }
        return run();
      }
      case 'pending':
        throw new RuleBrokenError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this idempotency key is still being processed; retry shortly');
      case 'mismatch':
        throw ValidationError.field('idempotencyKey', 'This idempotency key was already used with different input');
      case 'new':
        return run();
    }
  };
