/**
 * What both ContentStore twins store and check: a value as canonical JSON under the id of that
 * JSON (core/contentId.ts). Reading re-hashes the stored bytes, so a value edited behind the
 * store's back fails loudly instead of changing a replay.
 */
import { canonicalJson, contentId } from '../../core/contentId.js';

const KIND = /^[a-z][a-z0-9_-]{0,31}$/;
/** base64url, as contentId produces: no braces, colons or glob characters reach a key. */
const ID = /^[A-Za-z0-9_-]{22}$/;

export const checkKind = (kind: string): string => {
  if (!KIND.test(kind)) throw new Error(`invalid content kind "${kind}": use 1-32 of [a-z0-9_-], starting with a letter`);
  return kind;
};

/** True when `id` could be a content id (anything else is simply not stored). */
export const isContentId = (id: string): boolean => ID.test(id);

export const encodeContent = (value: unknown): { readonly id: string; readonly json: string } => {
  const json = canonicalJson(value);
  return { id: contentId(value), json };
};

export const decodeContent = (kind: string, id: string, json: string): unknown => {
  const value: unknown = JSON.parse(json);
  if (contentId(value) !== id) throw new Error(`stored ${kind} ${id} does not hash to its id: it was changed after it was stored`);
  return value;
};
