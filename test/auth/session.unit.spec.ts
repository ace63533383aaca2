import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import {
  MAX_RETIRED_HASHES,
  isSessionActive,
  sessionDecider,
  type SessionCommand,
  type SessionEvent,
} from '../../src/auth/domain/session.js';
import { deciderSpec } from '../support/deciderSpec.js';

const given = deciderSpec(sessionDecider);
const sessionId = 'sess-1';
const userId = 'user-1';
const familyId = 'fam-1';
const ids = { sessionId, userId, familyId };
const t0 = '2026-01-01T10:00:00.000Z';
const t1 = '2026-01-01T10:15:00.000Z';
const t1plus5 = '2026-01-01T10:15:05.000Z';
const t1plus10 = '2026-01-01T10:15:10.000Z';
const exp0 = '2026-01-31T10:00:00.000Z';
const exp1 = '2026-01-31T10:15:00.000Z';
const afterExpiry = '2026-02-01T00:00:00.000Z';

// ── commands ──
const start = (over: Partial<{ expiresAt: string; refreshTokenHash: string }> = {}): SessionCommand => ({
  type: 'StartSession',
  data: { ...ids, refreshTokenHash: 'h0', expiresAt: exp0, at: t0, ...over },
});
const rotate = (presented: string, next: string, at = t1, over: Partial<{ newExpiresAt: string; graceSeconds: number; maxLifetimeSeconds: number }> = {}): SessionCommand => ({
  type: 'RotateRefreshToken',
  data: { sessionId, presentedTokenHash: presented, newTokenHash: next, newExpiresAt: exp1, at, graceSeconds: 10, ...over },
});
const endBy = (byUserId: string, isAdmin = false, at = t1): SessionCommand => ({ type: 'EndSession', data: { sessionId, byUserId, isAdmin, at } });
const expire = (at = afterExpiry): SessionCommand => ({ type: 'ExpireSession', data: { sessionId, at } });

// ── events ──
const started = (): SessionEvent => ({ type: 'SessionStarted', data: { ...ids, refreshTokenHash: 'h0', startedAt: t0, expiresAt: exp0 } });
const refreshed = (presented: string, retired: string, next: string, at = t1, graceRetry = false): SessionEvent => ({
  type: 'TokenRefreshed',
  data: { ...ids, presentedTokenHash: presented, retiredTokenHash: retired, refreshTokenHash: next, expiresAt: exp1, refreshedAt: at, graceRetry },
});
const reuse = (presented: string, at: string): SessionEvent[] => [
  { type: 'RefreshTokenReuseDetected', data: { ...ids, presentedTokenHash: presented, detectedAt: at } },
  { type: 'SessionRevoked', data: { ...ids, reason: 'REFRESH_TOKEN_REUSE', revokedAt: at } },
];
const loggedOut = (byUserId = userId, at = t1): SessionEvent => ({ type: 'UserLoggedOut', data: { sessionId, userId, byUserId, loggedOutAt: at } });
const expired = (): SessionEvent => ({ type: 'SessionExpired', data: { sessionId, userId, expiredAt: exp0 } });

describe('Session: None', () => {
  it('starts a session', () => given().when(start()).then(started()));

  it('refuses an expiry not after now', () =>
    given().when(start({ expiresAt: t0 })).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'expiresAt' })] }));

  it('refuses an empty token hash', () => given().when(start({ refreshTokenHash: '' })).thenThrows(ValidationError));

  it('reports a refresh as an invalid token (no probing for session ids)', () =>
    given().when(rotate('h0', 'h1')).thenThrows(RuleBrokenError, { code: 'INVALID_REFRESH_TOKEN' }));

  it.each([endBy(userId), expire()])('refuses $type as not found', (command) => given().when(command).thenThrows(NotFoundError));
});

describe('Session: Active', () => {
  it('refuses a second start', () => given(started()).when(start()).thenThrows(RuleBrokenError, { code: 'SESSION_ALREADY_EXISTS' }));

  it('rotates the current token', () => given(started()).when(rotate('h0', 'h1')).then(refreshed('h0', 'h0', 'h1')));

  it('keeps the chain in state', () => {
    const state = given(started(), refreshed('h0', 'h0', 'h1'), refreshed('h1', 'h1', 'h2', t1plus5)).state();
    expect(state).toMatchObject({
      status: 'Active',
      refreshTokenHash: 'h2',
      retiredTokenHashes: ['h0', 'h1'],
      lastRotation: { tokenHash: 'h1', at: t1plus5 },
      expiresAt: exp1,
      lastRefreshedAt: t1plus5,
    });
    expect(isSessionActive(state, t1)).toBe(true);
    expect(isSessionActive(state, exp1)).toBe(false);
  });

  it('detects reuse of a retired token and revokes the whole session', () =>
    given(started(), refreshed('h0', 'h0', 'h1'), refreshed('h1', 'h1', 'h2', t1plus10))
      .when(rotate('h0', 'h3', t1plus10))
      .then(...reuse('h0', t1plus10)));

  it('treats a retry of the just-rotated token within the grace window as a lost response', () =>
    given(started(), refreshed('h0', 'h0', 'h1')).when(rotate('h0', 'h2', t1plus5)).then(refreshed('h0', 'h1', 'h2', t1plus5, true)));

  it('treats the same retry after the grace window as theft', () =>
    given(started(), refreshed('h0', 'h0', 'h1')).when(rotate('h0', 'h2', t1plus10)).then(...reuse('h0', t1plus10)));

  it('has no grace window when graceSeconds is 0', () =>
    given(started(), refreshed('h0', 'h0', 'h1')).when(rotate('h0', 'h2', t1, { graceSeconds: 0 })).then(...reuse('h0', t1)));

  it('grants grace only to the most recently rotated token', () =>
    given(started(), refreshed('h0', 'h0', 'h1', t0), refreshed('h1', 'h1', 'h2', t1))
      .when(rotate('h0', 'h3', t1plus5))
      .then(...reuse('h0', t1plus5)));

  it('a grace retry keeps the window anchored and retires the unseen token, whose reuse still revokes', () => {
    const afterGrace = [started(), refreshed('h0', 'h0', 'h1'), refreshed('h0', 'h1', 'h2', t1plus5, true)];
    expect(given(...afterGrace).state()).toMatchObject({
      refreshTokenHash: 'h2',
      retiredTokenHashes: ['h0', 'h1'],
      lastRotation: { tokenHash: 'h0', at: t1 },
    });
    given(...afterGrace).when(rotate('h0', 'h3', t1plus10)).then(...reuse('h0', t1plus10));
    given(...afterGrace).when(rotate('h1', 'h3', t1plus5)).then(...reuse('h1', t1plus5));
  });

  it('refuses an unknown token without revoking', () =>
    given(started()).when(rotate('stranger', 'h1')).thenThrows(RuleBrokenError, { code: 'INVALID_REFRESH_TOKEN' }));

  it('refuses a refresh once the session has expired', () =>
    given(started()).when(rotate('h0', 'h1', exp0)).thenThrows(RuleBrokenError, { code: 'SESSION_EXPIRED' }));

  it('never slides the expiry past the absolute lifetime counted from the start', () => {
    // Started at t0 with a one-hour absolute lifetime: a refresh at t1 asking for exp1 gets t0 + 1 h.
    const capped = '2026-01-01T11:00:00.000Z';
    const asked = refreshed('h0', 'h0', 'h1');
    given(started()).when(rotate('h0', 'h1', t1, { maxLifetimeSeconds: 3600 })).then({ ...asked, data: { ...asked.data, expiresAt: capped } } as SessionEvent);
    // Within the lifetime a shorter requested expiry is kept as asked.
    given(started()).when(rotate('h0', 'h1', t1, { maxLifetimeSeconds: 60 * 86400 })).then(refreshed('h0', 'h0', 'h1'));
  });

  it('refuses a refresh once the absolute lifetime has passed, however recently it was refreshed', () =>
    given(started()).when(rotate('h0', 'h1', '2026-01-01T11:00:00.000Z', { maxLifetimeSeconds: 3600 })).thenThrows(RuleBrokenError, { code: 'SESSION_EXPIRED' }));

  it('refuses a new expiry not after now', () =>
    given(started()).when(rotate('h0', 'h1', t1, { newExpiresAt: t1 })).thenThrows(ValidationError));

  it('refuses a replacement hash that is not fresh', () => {
    given(started()).when(rotate('h0', 'h0')).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'newTokenHash' })] });
    given(started(), refreshed('h0', 'h0', 'h1')).when(rotate('h1', 'h0')).thenThrows(ValidationError);
    given(started()).when(rotate('h0', '')).thenThrows(ValidationError);
  });

  it('bounds the retired list, forgetting the oldest', () => {
    const chain = Array.from({ length: MAX_RETIRED_HASHES + 5 }, (_, i) => refreshed(`h${i}`, `h${i}`, `h${i + 1}`));
    const state = given(started(), ...chain).state();
    expect(state).toMatchObject({ refreshTokenHash: `h${MAX_RETIRED_HASHES + 5}` });
    if (state.status !== 'Active') throw new Error('expected Active');
    expect(state.retiredTokenHashes).toHaveLength(MAX_RETIRED_HASHES);
    expect(state.retiredTokenHashes[0]).toBe('h5');
  });

  it('lets its user log out', () => given(started()).when(endBy(userId)).then(loggedOut()));

  it('lets an admin end it', () => given(started()).when(endBy('admin-1', true)).then(loggedOut('admin-1')));

  it('forbids anyone else', () => given(started()).when(endBy('mallory')).thenThrows(ForbiddenError));

  it('expires once past expiresAt', () => given(started()).when(expire()).then(expired()));

  it('refuses to expire early', () => given(started()).when(expire(t1)).thenThrows(RuleBrokenError, { code: 'SESSION_NOT_EXPIRED' }));
});

describe('Session: Ended', () => {
  const endings: [string, SessionEvent[], string, string][] = [
    ['LOGOUT', [loggedOut()], 'LOGOUT', t1],
    ['REVOKED', [refreshed('h0', 'h0', 'h1'), ...reuse('h0', t1plus10)], 'REVOKED', t1plus10],
    ['EXPIRED', [expired()], 'EXPIRED', exp0],
  ];

  it.each(endings)('records the reason %s', (_name, events, reason, endedAt) => {
    const state = given(started(), ...events).state();
    expect(state).toMatchObject({ status: 'Ended', reason, endedAt });
    expect(isSessionActive(state, t0)).toBe(false);
  });

  it.each(endings)('refuses any refresh after %s, even with the current token', (_name, events) => {
    given(started(), ...events).when(rotate('h0', 'h9', t1plus10)).thenThrows(RuleBrokenError, { code: 'SESSION_ENDED' });
    given(started(), ...events).when(rotate('h1', 'h9', t1plus10)).thenThrows(RuleBrokenError, { code: 'SESSION_ENDED' });
  });

  it('logging out again is a no-op', () => given(started(), loggedOut()).when(endBy(userId)).thenNothingHappened());

  it('still forbids strangers', () => given(started(), loggedOut()).when(endBy('mallory')).thenThrows(ForbiddenError));

  it('expiring an ended session is a no-op', () => given(started(), loggedOut()).when(expire()).thenNothingHappened());

  it('ignores later events', () => {
    const state = given(started(), loggedOut(), refreshed('h0', 'h0', 'h1'), expired()).state();
    expect(state).toMatchObject({ status: 'Ended', reason: 'LOGOUT', refreshTokenHash: 'h0' });
  });
});
