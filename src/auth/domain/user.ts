/**
 * User: an event-sourced account with a failed-login lock.
 *
 * Uniqueness of username and email (case-insensitive) cannot be seen from one stream: the
 * registration handler reserves `normalizeUsername` / `normalizeEmail` keys in Redis before
 * appending. Passwords arrive already hashed (the handler's `prepare` hashes them); a plain
 * password never enters a command or an event.
 *
 * SECURITY: `UserRegistered` and `PasswordChanged` carry the password *hash*, because the state
 * must be rebuildable from events. Projections, read models, subscriptions and the admin event
 * feed must never expose `passwordHash`.
 */
import { NotFoundError, RuleBrokenError, ValidationError, type FieldError } from '../../core/errors.js';
import type { Command, Decider, Event } from '../../core/messages.js';
import { addSeconds, isBefore, toMillis } from './time.js';
import { assertValid, validateUsername } from './validation.js';

// user/2: emailVerified and pendingVerification joined the state (older snapshots are rebuilt from events).
export const snapshotVersion = 'user/2';

export const ROLES = ['PLAYER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** `maxFailures` consecutive failures lock the account for `lockSeconds`; `maxFailures < 1` never locks. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockSeconds: number;
}

export type AuthenticationFailureReason = 'INVALID_PASSWORD';

// ── commands ────────────────────────────────────────────────────────────────
/**
 * `verification`: the email must be proven before it counts (login by email, uniqueness): the
 * hash of the token mailed to the address, and until when it works. Absent for accounts the
 * system creates (the bootstrap admin), whose email counts at once.
 */
export type RegisterUser = Command<
  'RegisterUser',
  {
    userId: string;
    username: string;
    email: string;
    passwordHash: string;
    roles: readonly Role[];
    at: string;
    verification?: { readonly tokenHash: string; readonly expiresAt: string };
  }
>;
/** The handler hashes the presented token and has reserved the address for this user. */
export type VerifyEmail = Command<'VerifyEmail', { userId: string; tokenHash: string; at: string }>;
export type RecordAuthentication = Command<'RecordAuthentication', { userId: string; sessionId: string; at: string }>;
export type RecordFailedAuthentication = Command<
  'RecordFailedAuthentication',
  { userId: string; reason: AuthenticationFailureReason; at: string; policy: LockoutPolicy }
>;
/** Authorisation (admin only) is checked by the handler; the decider only keeps roles consistent. */
export type GrantRole = Command<'GrantRole', { userId: string; role: Role; grantedBy: string; at: string }>;
/** The handler verifies the old password and hashes the new one before this runs. */
export type ChangePassword = Command<'ChangePassword', { userId: string; passwordHash: string; at: string }>;
/** Crypto-shredding's tombstone: the handler destroys the user's data key and scrubs indexes around it. */
export type ForgetUser = Command<'ForgetUser', { userId: string; forgottenBy: string; at: string }>;
export type UserCommand = RegisterUser | VerifyEmail | RecordAuthentication | RecordFailedAuthentication | GrantRole | ChangePassword | ForgetUser;

// ── events ──────────────────────────────────────────────────────────────────
export type UserRegistered = Event<
  'UserRegistered',
  { userId: string; username: string; email: string; passwordHash: string; roles: Role[]; registeredAt: string }
>;
export type UserAuthenticated = Event<'UserAuthenticated', { userId: string; sessionId: string; authenticatedAt: string }>;
export type UserAuthenticationFailed = Event<
  'UserAuthenticationFailed',
  { userId: string; reason: AuthenticationFailureReason; failedAt: string; consecutiveFailures: number }
>;
export type UserLocked = Event<'UserLocked', { userId: string; lockedAt: string; lockedUntil: string; failures: number }>;
export type RoleGranted = Event<'RoleGranted', { userId: string; role: Role; grantedBy: string; grantedAt: string }>;
export type PasswordChanged = Event<'PasswordChanged', { userId: string; passwordHash: string; changedAt: string }>;
/** The address must be proven: a token was mailed to it (only its hash is kept). */
export type EmailVerificationRequested = Event<'EmailVerificationRequested', { userId: string; tokenHash: string; expiresAt: string; requestedAt: string }>;
export type EmailVerified = Event<'EmailVerified', { userId: string; verifiedAt: string }>;
export type UserForgotten = Event<'UserForgotten', { userId: string; forgottenBy: string; forgottenAt: string }>;
export type UserEvent =
  | UserRegistered
  | EmailVerificationRequested
  | EmailVerified
  | UserAuthenticated
  | UserAuthenticationFailed
  | UserLocked
  | RoleGranted
  | PasswordChanged
  | UserForgotten;

// ── state ───────────────────────────────────────────────────────────────────
export interface Account {
  readonly userId: string;
  readonly username: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly roles: readonly Role[];
  readonly registeredAt: string;
  readonly lastLoginAt: string | null;
  /** Consecutive failures since the last success or lock. */
  readonly failedAttempts: number;
  /**
   * Whether the email is proven. Accounts registered without a verification request (created by
   * the system, or before verification existed) count as verified.
   */
  readonly emailVerified: boolean;
  /** The outstanding verification (token hash and deadline), while the email is unproven. */
  readonly pendingVerification: { readonly tokenHash: string; readonly expiresAt: string } | null;
}
/**
 * `Locked` flags an account under attack (repeated failures, from anywhere): a signal for
 * operators and the live feeds, not a refusal. Refusing the owner because strangers guessed
 * would let anyone lock anyone out, and would tell who exists; guessing is throttled per
 * (login, address) before the password is checked instead (auth/commands.ts). The flag lapses by
 * time, not by an event: ask `lockedUntilAt(state, now)` rather than the status.
 */
/**
 * `Forgotten` is final: the account keeps its id, username and roles (history still names it),
 * loses its email and password hash, and refuses every command but ForgetUser (a no-op).
 */
export type User =
  | { status: 'None' }
  | ({ status: 'Active' } & Account)
  | ({ status: 'Locked'; lockedUntil: string } & Account)
  | ({ status: 'Forgotten'; forgottenAt: string } & Account);
type Existing = Exclude<User, { status: 'None' }>;

export const initialState = (): User => ({ status: 'None' });

/** The instant until which the account is flagged, or null when it is not at `at`. */
export const lockedUntilAt = (state: User, at: string): string | null =>
  state.status === 'Locked' && isBefore(at, state.lockedUntil) ? state.lockedUntil : null;

// ── decide ──────────────────────────────────────────────────────────────────
const existing = (state: User): Exclude<Existing, { status: 'Forgotten' }> => {
  if (state.status === 'None') throw new NotFoundError('User not found');
  if (state.status === 'Forgotten') throw new RuleBrokenError('USER_FORGOTTEN', 'This user was forgotten');
  return state;
};

const requireHash = (passwordHash: string): void => {
  if (passwordHash.length === 0) throw ValidationError.field('password', 'A password hash is required');
};

const registerUser = ({ data }: RegisterUser, state: User): UserEvent[] => {
  if (state.status !== 'None') throw new RuleBrokenError('USER_ALREADY_EXISTS', 'User already exists');
  // The email arrives sealed (personal data, see PersonalDataVault): the handler validated it before sealing.
  const fieldErrors: FieldError[] = [...validateUsername(data.username), ...(data.email.length === 0 ? [{ field: 'email', message: 'Email is required' }] : [])];
  if (data.roles.length === 0 || !data.roles.every(isRole)) fieldErrors.push({ field: 'roles', message: `Roles must be a non-empty subset of ${ROLES.join(', ')}` });
  assertValid(fieldErrors, 'Invalid registration');
  requireHash(data.passwordHash);
  toMillis(data.at);
  if (data.verification) {
    if (data.verification.tokenHash.length === 0) throw ValidationError.field('verification', 'A verification token hash is required');
    if (!isBefore(data.at, data.verification.expiresAt)) throw ValidationError.field('verification', 'The verification must expire after now');
  }
  const registered: UserRegistered = {
    type: 'UserRegistered',
    data: {
      userId: data.userId,
      username: data.username,
      email: data.email,
      passwordHash: data.passwordHash,
      roles: [...new Set(data.roles)],
      registeredAt: data.at,
    },
  };
  if (!data.verification) return [registered];
  const { tokenHash, expiresAt } = data.verification;
  return [registered, { type: 'EmailVerificationRequested', data: { userId: data.userId, tokenHash, expiresAt, requestedAt: data.at } }];
};

const verifyEmail = ({ data }: VerifyEmail, state: User): EmailVerified[] => {
  const user = existing(state);
  // Verifying twice is not an error: the outcome the caller wants already holds.
  if (user.emailVerified) return [];
  const pending = user.pendingVerification;
  if (!pending || pending.tokenHash !== data.tokenHash) throw new RuleBrokenError('INVALID_VERIFICATION_TOKEN', 'Invalid or expired verification token');
  if (!isBefore(data.at, pending.expiresAt)) throw new RuleBrokenError('INVALID_VERIFICATION_TOKEN', 'Invalid or expired verification token');
  return [{ type: 'EmailVerified', data: { userId: data.userId, verifiedAt: data.at } }];
};

const recordAuthentication = ({ data }: RecordAuthentication, state: User): UserAuthenticated => {
  existing(state);
  return { type: 'UserAuthenticated', data: { userId: data.userId, sessionId: data.sessionId, authenticatedAt: data.at } };
};

const recordFailedAuthentication = ({ data }: RecordFailedAuthentication, state: User): UserEvent[] => {
  const user = existing(state);
  // While flagged, failures are recorded but do not flag again until the flag lapses.
  const flagged = lockedUntilAt(user, data.at) !== null;
  const consecutiveFailures = user.failedAttempts + 1;
  const failed: UserAuthenticationFailed = {
    type: 'UserAuthenticationFailed',
    data: { userId: data.userId, reason: data.reason, failedAt: data.at, consecutiveFailures },
  };
  const { maxFailures, lockSeconds } = data.policy;
  if (flagged || maxFailures < 1 || consecutiveFailures < maxFailures) return [failed];
  const locked: UserLocked = {
    type: 'UserLocked',
    data: { userId: data.userId, lockedAt: data.at, lockedUntil: addSeconds(data.at, lockSeconds), failures: consecutiveFailures },
  };
  return [failed, locked];
};

const grantRole = ({ data }: GrantRole, state: User): RoleGranted[] => {
  const user = existing(state);
  if (!isRole(data.role)) throw ValidationError.field('role', `Role must be one of ${ROLES.join(', ')}`);
  // Idempotent: granting a role the user has is a no-op, so retries and the admin bootstrap are safe.
  if (user.roles.includes(data.role)) return [];
  return [{ type: 'RoleGranted', data: { userId: data.userId, role: data.role, grantedBy: data.grantedBy, grantedAt: data.at } }];
};

const changePassword = ({ data }: ChangePassword, state: User): PasswordChanged => {
  existing(state);
  requireHash(data.passwordHash);
  return { type: 'PasswordChanged', data: { userId: data.userId, passwordHash: data.passwordHash, changedAt: data.at } };
};

const forgetUser = ({ data }: ForgetUser, state: User): UserForgotten[] => {
  if (state.status === 'None') throw new NotFoundError('User not found');
  if (state.status === 'Forgotten') return []; // idempotent: forgotten once is forgotten
  toMillis(data.at);
  return [{ type: 'UserForgotten', data: { userId: data.userId, forgottenBy: data.forgottenBy, forgottenAt: data.at } }];
};

export const decide = (command: UserCommand, state: User): UserEvent[] => {
  switch (command.type) {
    case 'RegisterUser':
      return registerUser(command, state);
    case 'VerifyEmail':
      return verifyEmail(command, state);
    case 'RecordAuthentication':
      return [recordAuthentication(command, state)];
    case 'RecordFailedAuthentication':
      return recordFailedAuthentication(command, state);
    case 'GrantRole':
      return grantRole(command, state);
    case 'ChangePassword':
      return [changePassword(command, state)];
    case 'ForgetUser':
      return forgetUser(command, state);
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${String(unreachable)}`);
    }
  }
};

// ── evolve ──────────────────────────────────────────────────────────────────
const accountOf = (s: Exclude<Existing, { status: 'Forgotten' }>): Account => ({
  userId: s.userId,
  username: s.username,
  email: s.email,
  passwordHash: s.passwordHash,
  roles: s.roles,
  registeredAt: s.registeredAt,
  lastLoginAt: s.lastLoginAt,
  failedAttempts: s.failedAttempts,
  emailVerified: s.emailVerified,
  pendingVerification: s.pendingVerification,
});

/** Folds one event; events that do not fit the state leave it unchanged (evolve never throws). */
export const evolve = (state: User, event: UserEvent): User => {
  if (event.type === 'UserRegistered') {
    if (state.status !== 'None') return state;
    const { registeredAt, ...rest } = event.data;
    return { status: 'Active', ...rest, registeredAt, lastLoginAt: null, failedAttempts: 0, emailVerified: true, pendingVerification: null };
  }
  if (state.status === 'None' || state.status === 'Forgotten') return state;
  const account = accountOf(state);
  switch (event.type) {
    case 'EmailVerificationRequested':
      return { ...state, emailVerified: false, pendingVerification: { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } };
    case 'EmailVerified':
      return { ...state, emailVerified: true, pendingVerification: null };
    case 'UserAuthenticated':
      return { status: 'Active', ...account, lastLoginAt: event.data.authenticatedAt, failedAttempts: 0 };
    case 'UserAuthenticationFailed':
      return { status: 'Active', ...account, failedAttempts: event.data.consecutiveFailures };
    case 'UserLocked':
      return { status: 'Locked', ...account, failedAttempts: 0, lockedUntil: event.data.lockedUntil };
    case 'RoleGranted':
      return account.roles.includes(event.data.role) ? state : { ...state, roles: [...account.roles, event.data.role] };
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'UserForgotten':
      return { status: 'Forgotten', ...account, email: '', passwordHash: '', failedAttempts: 0, forgottenAt: event.data.forgottenAt };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};

export const userDecider: Decider<UserCommand, UserEvent, User> = { decide, evolve, initialState };
