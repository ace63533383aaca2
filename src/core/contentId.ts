/**
 * Content addressing: the id of a value is the hash of its canonical JSON (object keys sorted at
 * every level), so equal values get equal ids whatever order their keys were built in, and an id
 * names exactly one value forever. Stores (ContentStore) and upcasters that turn an embedded
 * value into a reference must agree on it, hence one function here.
 *
 * 128 bits of SHA-256 in base64url (22 characters): collisions are out of reach for the few
 * thousand versions a deployment will ever store, and the id stays short in events and states.
 */
import { createHash } from 'node:crypto';

/** JSON with sorted object keys; arrays keep their order. `undefined` members are dropped, as JSON.stringify does. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'null';

export const contentId = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 22);
