/** Which Redis failures become a typed UNAVAILABLE, with which code, and which leave a write's outcome unknown. */
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/core/errors.js';
import { classifyRedisFailure, outcomeUnknown } from '../../src/infrastructure/redis/failures.js';

describe('classifyRedisFailure', () => {
  it.each([
    ["OOM command not allowed when used memory > 'maxmemory'.", 'STORAGE_FULL'],
    ['CLUSTERDOWN The cluster is down', 'CLUSTER_RECONFIGURING'],
    ['MOVED 3999 127.0.0.1:6381', 'CLUSTER_RECONFIGURING'],
    ["READONLY You can't write against a read only replica.", 'CLUSTER_RECONFIGURING'],
    ['Command timed out', 'STORAGE_UNREACHABLE'],
    ['Connection is closed.', 'STORAGE_UNREACHABLE'],
    ['Reached the max retries per request limit (which is 3). Refer to "maxRetriesPerRequest" option for details.', 'STORAGE_UNREACHABLE'],
    ['connect ECONNREFUSED 127.0.0.1:1', 'STORAGE_UNREACHABLE'],
  ])('%s → %s', (message, reason) => {
    const typed = classifyRedisFailure(new Error(message));
    expect(typed).toBeInstanceOf(UnavailableError);
    expect(typed).toMatchObject({ reason, kind: 'Unavailable' });
    expect(typed!.retryAfterMs).toBeGreaterThan(0);
  });

  it('leaves other errors alone (they stay masked and logged with their stack)', () => {
    expect(classifyRedisFailure(new Error("WRONGTYPE Operation against a key holding the wrong kind of value"))).toBeNull();
    expect(classifyRedisFailure(new TypeError('x is undefined'))).toBeNull();
    expect(classifyRedisFailure('OOM')).toBeNull();
  });
});

describe('outcomeUnknown', () => {
  it('is true when a reply was lost, false for refusals and commands that never left', () => {
    expect(outcomeUnknown(new Error('Command timed out'))).toBe(true);
    expect(outcomeUnknown(new Error('Connection is closed.'))).toBe(true);
    expect(outcomeUnknown(new Error("OOM command not allowed when used memory > 'maxmemory'."))).toBe(false);
    expect(outcomeUnknown(new Error('Reached the max retries per request limit (which is 3).'))).toBe(false);
  });
});
