/**
 * Optimistic-concurrency rules shared by the Redis scripts' callers and the in-memory twins, so
 * both accept and refuse exactly the same writes and word the conflict the same way.
 */
import { ConflictError } from '../../core/errors.js';
import type { ExpectedVersion, StreamRef } from '../../core/ports.js';

/** The (mode, number) pair the Lua scripts take as ARGV. */
const checkNumber = (expected: number): void => {
  if (!Number.isInteger(expected) || expected < 0) throw new Error(`expectedVersion must be a non-negative integer, got ${expected}`);
};

export const expectedVersionArgs = (expected: ExpectedVersion): [string, string] => {
  if (typeof expected !== 'number') return [expected, '0'];
  checkNumber(expected);
  return ['exact', String(expected)];
};

export const expectedVersionHolds = (expected: ExpectedVersion, exists: boolean, actual: number): boolean => {
  if (typeof expected === 'number') checkNumber(expected);
  if (expected === 'any') return true;
  if (expected === 'no_stream') return !exists;
  if (expected === 'stream_exists') return exists;
  return actual === expected;
};

export const conflictError = (ref: StreamRef, expected: ExpectedVersion, exists: boolean, actual: number): ConflictError => {
  const wanted = typeof expected === 'number' ? `version ${expected}` : expected === 'no_stream' ? 'no stream' : 'an existing stream';
  const found = exists ? `is at version ${actual}` : 'does not exist';
  return new ConflictError(
    `Concurrency conflict on ${ref.aggregateType}:${ref.aggregateId}: expected ${wanted}, but it ${found}`,
    typeof expected === 'number' ? expected : expected === 'no_stream' ? 0 : null,
    actual,
  );
};
