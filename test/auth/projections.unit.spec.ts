/**
 * The auth projection, given/when/then: users (unique username / email indexes, status) and
 * sessions (per user, per status). The password hash never reaches a read model.
 */
import { describe, it } from 'vitest';
import type { SessionExpired, SessionRevoked, SessionStarted, TokenRefreshed, UserLoggedOut } from '../../src/auth/domain/session.js';
import type { Role, RoleGranted, UserAuthenticated, UserLocked, UserRegistered } from '../../src/auth/domain/user.js';
import { SESSIONS, USERS, authProjection, type SessionView, type UserView } from '../../src/auth/projections.js';
import { patch, projectionSpec, put, stream } from '../support/projectionSpec.js';

const given = projectionSpec(authProjection);
const T0 = '2026-11-24T12:00:00.000Z';
const T1 = '2026-11-24T12:05:00.000Z';
const EXPIRES = '2026-12-24T12:00:00.000Z';

const user = stream('user', 'u1');
const registered = (roles: Role[] = ['PLAYER'], username = 'Alice', email = 'alice@example.com', userId = 'u1'): UserRegistered => ({
  type: 'UserRegistered',
  data: { userId, username, email, passwordHash: 'scrypt$secret', roles, registeredAt: T0 },
});
const authenticated = (sessionId = 's1'): UserAuthenticated => ({ type: 'UserAuthenticated', data: { userId: 'u1', sessionId, authenticatedAt: T1 } });
const locked = (): UserLocked => ({ type: 'UserLocked', data: { userId: 'u1', lockedAt: T1, lockedUntil: EXPIRES, failures: 5 } });
const granted = (role: Role): RoleGranted => ({ type: 'RoleGranted', data: { userId: 'u1', role, grantedBy: 'admin', grantedAt: T1 } });

const session = stream('session', 's1');
const started = (): SessionStarted => ({
  type: 'SessionStarted',
  data: { sessionId: 's1', userId: 'u1', familyId: 'f1', refreshTokenHash: 'h1', startedAt: T0, expiresAt: EXPIRES },
});
const refreshed = (): TokenRefreshed => ({
  type: 'TokenRefreshed',
  data: {
    sessionId: 's1',
    userId: 'u1',
    familyId: 'f1',
    presentedTokenHash: 'h1',
    retiredTokenHash: 'h1',
    refreshTokenHash: 'h2',
    expiresAt: '2026-12-25T12:00:00.000Z',
    refreshedAt: T1,
    graceRetry: false,
  },
});
const revoked = (): SessionRevoked => ({ type: 'SessionRevoked', data: { sessionId: 's1', userId: 'u1', familyId: 'f1', reason: 'REFRESH_TOKEN_REUSE', revokedAt: T1 } });
const loggedOut = (): UserLoggedOut => ({ type: 'UserLoggedOut', data: { sessionId: 's1', userId: 'u1', byUserId: 'u1', loggedOutAt: T1 } });
const expired = (): SessionExpired => ({ type: 'SessionExpired', data: { sessionId: 's1', userId: 'u1', expiredAt: EXPIRES } });

describe('auth projection: users', () => {
  describe('UserRegistered', () => {
    it('puts an ACTIVE user with a lowercased username key and no password hash', () =>
      given()
        .when(user(registered()))
        .thenWrites(
          put(USERS, 'u1', {
            id: 'u1',
            username: 'Alice',
            usernameKey: 'alice',
            email: 'alice@example.com',
            roles: ['PLAYER'],
            status: 'ACTIVE',
            createdAt: T0,
            createdAtMs: Date.parse(T0),
            lastLoginAt: null,
            emailVerified: true,
          } satisfies UserView),
        ));

    it('makes the user findable by username whatever its case (emails are sealed: no index)', async () => {
      await given().when(user(registered())).thenQuery(USERS, { where: { usernameKey: 'alice' } }, ['u1']);
    });

    it('lists users oldest first', () =>
      given(stream('user', 'u0')(registered(['PLAYER'], 'Zed', 'zed@example.com', 'u0')))
        .when(user({ ...registered(), data: { ...registered().data, registeredAt: T1 } }))
        .thenQuery(USERS, { orderBy: 'createdAt' }, ['u0', 'u1']));
  });

  describe('UserAuthenticated', () => {
    it('records the last login and reactivates a locked user', () =>
      given(user(registered()), user(locked()))
        .when(user(authenticated()))
        .thenWrites(patch(USERS, 'u1', { lastLoginAt: T1, status: 'ACTIVE' })));
  });

  describe('UserLocked', () => {
    it('marks the user LOCKED', () => given(user(registered())).when(user(locked())).thenWrites(patch(USERS, 'u1', { status: 'LOCKED' })));
    it('moves the user to the LOCKED status index', () =>
      given(user(registered())).when(user(locked())).thenQuery(USERS, { where: { status: 'LOCKED' } }, ['u1']));
  });

  describe('RoleGranted', () => {
    it('adds the role to the current ones', () =>
      given(user(registered())).when(user(granted('ADMIN'))).thenWrites(patch(USERS, 'u1', { roles: ['PLAYER', 'ADMIN'] })));

    it('never lists a role twice (redelivered or replayed events)', () =>
      given(user(registered()), user(granted('ADMIN')))
        .when(user(granted('ADMIN')))
        .thenDocument(USERS, 'u1', { roles: ['PLAYER', 'ADMIN'] }));

    it('writes nothing for a user it has not seen', () => given().when(user(granted('ADMIN'))).thenNothing());
  });

  it('ignores the events that change no read model (failed logins, password changes)', async () => {
    await given(user(registered()))
      .when(user({ type: 'UserAuthenticationFailed', data: { userId: 'u1', reason: 'BAD_PASSWORD', failedAt: T1, consecutiveFailures: 1 } }))
      .thenNothing();
    await given(user(registered()))
      .when(user({ type: 'PasswordChanged', data: { userId: 'u1', passwordHash: 'scrypt$new', changedAt: T1 } }))
      .thenNothing();
  });
});

describe('auth projection: sessions', () => {
  describe('SessionStarted', () => {
    it('puts an ACTIVE session', () =>
      given()
        .when(session(started()))
        .thenWrites(
          put(SESSIONS, 's1', {
            id: 's1',
            userId: 'u1',
            status: 'ACTIVE',
            createdAt: T0,
            createdAtMs: Date.parse(T0),
            expiresAt: EXPIRES,
            lastRefreshedAt: null,
            endedAt: null,
          } satisfies SessionView),
        ));

    it('indexes the session under its user', () => given().when(session(started())).thenQuery(SESSIONS, { where: { userId: 'u1' } }, ['s1']));
  });

  describe('TokenRefreshed', () => {
    it('moves the expiry and records the refresh', () =>
      given(session(started()))
        .when(session(refreshed()))
        .thenWrites(patch(SESSIONS, 's1', { lastRefreshedAt: T1, expiresAt: '2026-12-25T12:00:00.000Z' })));
  });

  describe('ending a session', () => {
    it('SessionRevoked marks it REVOKED', () =>
      given(session(started())).when(session(revoked())).thenWrites(patch(SESSIONS, 's1', { status: 'REVOKED', endedAt: T1 })));
    it('UserLoggedOut marks it LOGGED_OUT', () =>
      given(session(started())).when(session(loggedOut())).thenWrites(patch(SESSIONS, 's1', { status: 'LOGGED_OUT', endedAt: T1 })));
    it('SessionExpired marks it EXPIRED at its expiry', () =>
      given(session(started())).when(session(expired())).thenWrites(patch(SESSIONS, 's1', { status: 'EXPIRED', endedAt: EXPIRES })));
    it('an ended session leaves the ACTIVE status index', () =>
      given(session(started())).when(session(loggedOut())).thenQuery(SESSIONS, { where: { status: 'ACTIVE' } }, []));
  });

  it('ignores refresh-token reuse detection (the revocation that follows is what it projects)', () =>
    given(session(started()))
      .when(session({ type: 'RefreshTokenReuseDetected', data: { sessionId: 's1', userId: 'u1', familyId: 'f1', presentedTokenHash: 'h0', detectedAt: T1 } }))
      .thenNothing());
});
