import { describe, expect, it } from 'vitest';
import { NotFoundError, RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import {
  lockedUntilAt,
  userDecider,
  type LockoutPolicy,
  type Role,
  type UserCommand,
  type UserEvent,
} from '../../src/auth/domain/user.js';
import { deciderSpec } from '../support/deciderSpec.js';

const given = deciderSpec(userDecider);
const id = 'user-1';
const hash = '$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';
const t0 = '2026-01-01T10:00:00.000Z';
const t1 = '2026-01-01T10:01:00.000Z';
const policy: LockoutPolicy = { maxFailures: 3, lockSeconds: 300 };

// ── commands ──
/** The handler seals the (validated, lower-cased) email: the decider stores it as given. */
const SEALED = 'pii:1:u-1:aXY.Y3Q.dGFn';

const register = (over: Partial<{ username: string; email: string; passwordHash: string; roles: Role[] }> = {}): UserCommand => ({
  type: 'RegisterUser',
  data: { userId: id, username: 'Alice_1', email: SEALED, passwordHash: hash, roles: ['PLAYER'], at: t0, ...over },
});
const login = (at = t1, sessionId = 's-1'): UserCommand => ({ type: 'RecordAuthentication', data: { userId: id, sessionId, at } });
const failLogin = (at = t1, p: LockoutPolicy = policy): UserCommand => ({
  type: 'RecordFailedAuthentication',
  data: { userId: id, reason: 'INVALID_PASSWORD', at, policy: p },
});
const grant = (role: Role = 'ADMIN'): UserCommand => ({ type: 'GrantRole', data: { userId: id, role, grantedBy: 'admin-1', at: t1 } });
const changePassword = (passwordHash = 'new-hash'): UserCommand => ({ type: 'ChangePassword', data: { userId: id, passwordHash, at: t1 } });

// ── events ──
const registered = (roles: Role[] = ['PLAYER']): UserEvent => ({
  type: 'UserRegistered',
  data: { userId: id, username: 'Alice_1', email: SEALED, passwordHash: hash, roles, registeredAt: t0 },
});
const authenticated = (at = t1, sessionId = 's-1'): UserEvent => ({ type: 'UserAuthenticated', data: { userId: id, sessionId, authenticatedAt: at } });
const failed = (consecutiveFailures: number, at = t1): UserEvent => ({
  type: 'UserAuthenticationFailed',
  data: { userId: id, reason: 'INVALID_PASSWORD', failedAt: at, consecutiveFailures },
});
const locked = (at = t1, lockedUntil = '2026-01-01T10:06:00.000Z', failures = 3): UserEvent => ({
  type: 'UserLocked',
  data: { userId: id, lockedAt: at, lockedUntil, failures },
});
const lockedUser = (): UserEvent[] => [registered(), failed(1), failed(2), failed(3), locked()];
const duringLock = '2026-01-01T10:05:59.999Z';
const afterLock = '2026-01-01T10:06:00.000Z';

describe('User: None', () => {
  it('registers with the sealed email as given, keeping the username as typed', () =>
    given().when(register()).then(registered()));

  it('deduplicates roles', () =>
    given()
      .when(register({ roles: ['PLAYER', 'ADMIN', 'PLAYER'] }))
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ roles: ['PLAYER', 'ADMIN'] })));

  it.each([
    ['ab', 'username'],
    ['a'.repeat(33), 'username'],
    ['has space', 'username'],
    ['émile', 'username'],
  ])('refuses username %j', (username, field) =>
    given().when(register({ username })).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field })] }));

  it('reports every bad field at once', () =>
    given()
      .when(register({ username: 'x', email: '' }))
      .thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'username' }), expect.objectContaining({ field: 'email' })] }));

  it('refuses empty or unknown roles', () => {
    given().when(register({ roles: [] })).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'roles' })] });
    given()
      .when(register({ roles: ['ROOT' as Role] }))
      .thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'roles' })] });
  });

  it('refuses a missing password hash', () => given().when(register({ passwordHash: '' })).thenThrows(ValidationError));

  it('refuses a malformed timestamp', () =>
    given()
      .when({ ...register(), data: { ...register().data, at: 'yesterday' } } as UserCommand)
      .thenThrows(ValidationError, { fieldErrors: [{ field: 'at', message: expect.any(String) }] }));

  it.each([login(), failLogin(), grant(), changePassword()])('refuses $type for an unknown user', (command) =>
    given().when(command).thenThrows(NotFoundError));

  it('ignores events that need an account', () => expect(given(authenticated(), locked()).state()).toEqual({ status: 'None' }));
});

describe('User: Active', () => {
  it('refuses a second registration', () =>
    given(registered()).when(register()).thenThrows(RuleBrokenError, { code: 'USER_ALREADY_EXISTS' }));

  it('records a login', () => given(registered()).when(login()).then(authenticated()));

  it('counts consecutive failures', () => given(registered(), failed(1)).when(failLogin()).then(failed(2)));

  it('locks when failures reach maxFailures, for lockSeconds', () =>
    given(registered(), failed(1), failed(2)).when(failLogin()).then(failed(3), locked(t1, '2026-01-01T10:06:00.000Z', 3)));

  it('a successful login resets the count', () =>
    given(registered(), failed(1), failed(2), authenticated()).when(failLogin()).then(failed(1)));

  it('never locks when maxFailures < 1', () =>
    given(registered(), failed(1), failed(2)).when(failLogin(t1, { maxFailures: 0, lockSeconds: 300 })).then(failed(3)));

  it('grants a role', () =>
    given(registered())
      .when(grant('ADMIN'))
      .then({ type: 'RoleGranted', data: { userId: id, role: 'ADMIN', grantedBy: 'admin-1', grantedAt: t1 } }));

  it('granting a role the user has is a no-op', () => given(registered()).when(grant('PLAYER')).thenNothingHappened());

  it('refuses an unknown role', () => given(registered()).when(grant('ROOT' as Role)).thenThrows(ValidationError));

  it('changes the password hash', () =>
    given(registered())
      .when(changePassword('new-hash'))
      .then({ type: 'PasswordChanged', data: { userId: id, passwordHash: 'new-hash', changedAt: t1 } }));

  it('refuses an empty new hash', () => given(registered()).when(changePassword('')).thenThrows(ValidationError));

  it('folds into state', () => {
    const state = given(
      registered(),
      failed(1),
      authenticated(t1),
      { type: 'RoleGranted', data: { userId: id, role: 'ADMIN', grantedBy: 'a', grantedAt: t1 } },
      { type: 'PasswordChanged', data: { userId: id, passwordHash: 'h2', changedAt: t1 } },
    ).state();
    expect(state).toEqual({
      status: 'Active',
      userId: id,
      username: 'Alice_1',
      email: SEALED,
      passwordHash: 'h2',
      roles: ['PLAYER', 'ADMIN'],
      registeredAt: t0,
      lastLoginAt: t1,
      failedAttempts: 0,
      emailVerified: true,
      pendingVerification: null,
    });
    expect(lockedUntilAt(state, t1)).toBeNull();
  });

  it('ignores a duplicate UserRegistered', () => {
    const duplicate: UserEvent = { type: 'UserRegistered', data: { userId: id, username: 'other', email: 'o@example.com', passwordHash: hash, roles: ['PLAYER'], registeredAt: t1 } };
    expect(given(registered(), duplicate).state()).toMatchObject({ username: 'Alice_1' });
  });
});

describe('User: Locked', () => {
  it('is Locked with the failure count reset', () => {
    const state = given(...lockedUser()).state();
    expect(state).toMatchObject({ status: 'Locked', lockedUntil: afterLock, failedAttempts: 0 });
    expect(lockedUntilAt(state, duringLock)).toBe(afterLock);
    expect(lockedUntilAt(state, afterLock)).toBeNull();
  });

  // The flag is a signal, not a refusal: strangers' guesses must not lock the owner out
  // (guessing is throttled per login and address before the password is checked).
  it('accepts the owner\'s login while flagged', () => given(...lockedUser()).when(login(duringLock)).then(authenticated(duringLock)));

  it('records failures while flagged without flagging again (no extension by guessing)', () =>
    given(...lockedUser()).when(failLogin(duringLock)).then(failed(1, duringLock)));

  it('accepts a login once the lock has lapsed, and becomes Active', () => {
    given(...lockedUser()).when(login(afterLock)).then(authenticated(afterLock));
    expect(given(...lockedUser(), authenticated(afterLock)).state()).toMatchObject({ status: 'Active', lastLoginAt: afterLock });
  });

  it('starts a fresh count after the lock lapses', () => given(...lockedUser()).when(failLogin(afterLock)).then(failed(1, afterLock)));

  it('locks again after maxFailures more failures', () =>
    given(...lockedUser(), failed(1, afterLock), failed(2, afterLock))
      .when(failLogin(afterLock))
      .then(failed(3, afterLock), locked(afterLock, '2026-01-01T10:11:00.000Z', 3)));

  it('still accepts role grants and password changes (admin recovery)', () => {
    given(...lockedUser()).when(grant('ADMIN')).thenMatches((events) => expect(events).toHaveLength(1));
    given(...lockedUser()).when(changePassword('h2')).thenMatches((events) => expect(events).toHaveLength(1));
    expect(
      given(...lockedUser(), { type: 'PasswordChanged', data: { userId: id, passwordHash: 'h2', changedAt: t1 } }).state(),
    ).toMatchObject({ status: 'Locked', passwordHash: 'h2' });
  });

  it('refuses a second registration', () =>
    given(...lockedUser()).when(register()).thenThrows(RuleBrokenError, { code: 'USER_ALREADY_EXISTS' }));
});

describe('User: email verification', () => {
  const deadline = '2026-01-02T10:00:00.000Z';
  const requested: UserEvent = { type: 'EmailVerificationRequested', data: { userId: id, tokenHash: 'th', expiresAt: deadline, requestedAt: t0 } };
  const verify = (tokenHash = 'th', at = t1): UserCommand => ({ type: 'VerifyEmail', data: { userId: id, tokenHash, at } });
  const withVerification = (over: Partial<{ tokenHash: string; expiresAt: string }> = {}): UserCommand => {
    const plain = register();
    if (plain.type !== 'RegisterUser') throw new Error('register() builds a RegisterUser');
    return { type: 'RegisterUser', data: { ...plain.data, verification: { tokenHash: 'th', expiresAt: deadline, ...over } } };
  };

  it('a registration that asks for proof records the token hash and its deadline', () => given().when(withVerification()).then(registered(), requested));

  it('refuses a verification without a hash or already expired', () => {
    given().when(withVerification({ tokenHash: '' })).thenThrows(ValidationError);
    given().when(withVerification({ expiresAt: t0 })).thenThrows(ValidationError);
  });

  it('an unproven address is not verified; a registration without a request is (system accounts, older accounts)', () => {
    expect(given(registered(), requested).state()).toMatchObject({ emailVerified: false, pendingVerification: { tokenHash: 'th', expiresAt: deadline } });
    expect(given(registered()).state()).toMatchObject({ emailVerified: true, pendingVerification: null });
  });

  it('the right token before its deadline proves the address', () =>
    given(registered(), requested).when(verify()).then({ type: 'EmailVerified', data: { userId: id, verifiedAt: t1 } }));

  it('refuses a wrong token and a late one with the same error', () => {
    given(registered(), requested).when(verify('other')).thenThrows(RuleBrokenError, { code: 'INVALID_VERIFICATION_TOKEN' });
    given(registered(), requested).when(verify('th', deadline)).thenThrows(RuleBrokenError, { code: 'INVALID_VERIFICATION_TOKEN' });
  });

  it('verifying a proven address again changes nothing', () => {
    const verified: UserEvent = { type: 'EmailVerified', data: { userId: id, verifiedAt: t1 } };
    given(registered(), requested, verified).when(verify('anything')).thenNothingHappened();
    expect(given(registered(), requested, verified).state()).toMatchObject({ emailVerified: true, pendingVerification: null });
  });

  it('refuses to verify an unknown user', () => given().when(verify()).thenThrows(NotFoundError));
});

describe('User: Forgotten', () => {
  const forget = (at = t1): UserCommand => ({ type: 'ForgetUser', data: { userId: id, forgottenBy: 'admin-1', at } });
  const forgotten = (at = t1): UserEvent => ({ type: 'UserForgotten', data: { userId: id, forgottenBy: 'admin-1', forgottenAt: at } });

  it('forgetting appends a tombstone', () => given(registered()).when(forget()).then(forgotten()));
  it('forgetting twice is a no-op (idempotent)', () => given(registered(), forgotten()).when(forget('2026-01-02T00:00:00.000Z')).thenNothingHappened());
  it('an unknown user cannot be forgotten', () => given().when(forget()).thenThrows(NotFoundError));

  it('keeps id, username and roles; drops email and password hash; ignores later events', () => {
    const state = given(registered(), forgotten(), authenticated()).state();
    expect(state).toMatchObject({ status: 'Forgotten', userId: id, username: 'Alice_1', roles: ['PLAYER'], email: '', passwordHash: '', forgottenAt: t1 });
  });

  it('refuses every other command', () => {
    given(registered(), forgotten()).when(login()).thenThrows(RuleBrokenError, { code: 'USER_FORGOTTEN' });
    given(registered(), forgotten()).when(changePassword('h2')).thenThrows(RuleBrokenError, { code: 'USER_FORGOTTEN' });
    given(registered(), forgotten()).when(register()).thenThrows(RuleBrokenError, { code: 'USER_ALREADY_EXISTS' });
  });
});
