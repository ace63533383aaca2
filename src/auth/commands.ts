/**
 * Auth registration table. The four public commands are workflows: each needs I/O the pure
 * deciders must not do (hashing, uniqueness reservations, throttling, token issuing) and some
 * touch two aggregates (a login records on the User and starts a Session).
 */
import type { Config } from '../config.js';
import type { Dispatcher, Registration, WorkflowRegistration } from '../core/commands/dispatcher.js';
import type { HandledCommand } from '../core/commands/handleCommand.js';
import { combine, commandType, refusedAfterCommit } from '../core/commands/dispatcher.js';
import { isAdmin, isSystem } from '../core/commands/callers.js';
import { ForbiddenError, NotFoundError, RateLimitedError, RuleBrokenError, UnauthenticatedError, ValidationError } from '../core/errors.js';
import type { Command, CommandMetadata } from '../core/messages.js';
import type { PersonalDataVault, RateLimiter, UniquenessStore } from '../core/ports.js';
import type { AggregateDefinition } from '../core/commands/repository.js';
import { addSeconds } from './domain/time.js';
import { sessionDecider, snapshotVersion as sessionSnapshot, type Session, type SessionCommand, type SessionEvent } from './domain/session.js';
import { snapshotVersion as userSnapshot, userDecider, type Role, type User, type UserCommand, type UserEvent } from './domain/user.js';
import { assertValid, normalizeEmail, normalizeUsername, parseLogin, validateRegistration } from './domain/validation.js';
import { registrationAttemptMail, verificationMail, type Mailer } from './mail.js';
import type { PasswordHasher } from './passwords.js';
import { hashRefreshToken, newRefreshToken, type TokenService } from './tokens.js';

export const userAggregate: AggregateDefinition<User, UserCommand, UserEvent> = { type: 'user', decider: userDecider, snapshotVersion: userSnapshot };
export const sessionAggregate: AggregateDefinition<Session, SessionCommand, SessionEvent> = {
  type: 'session',
  decider: sessionDecider,
  snapshotVersion: sessionSnapshot,
};

export type RegisterUserCommand = Command<'RegisterUser', { username: string; email: string; password: string; roles?: Role[]; clientAddress?: string }>;
export type AuthenticateUserCommand = Command<'AuthenticateUser', { login: string; password: string; clientAddress?: string }>;
export type RefreshTokenCommand = Command<'RefreshToken', { refreshToken: string }>;
export type LogoutUserCommand = Command<'LogoutUser', { sessionId?: string | null }>;
export type VerifyEmailCommand = Command<'VerifyEmail', { token: string }>;
/** `password`: the user's own, when they forget themselves (re-authentication); admins need none. */
export type ForgetUserCommand = Command<'ForgetUser', { userId: string; password?: string | null }>;

/** What forgetUser answers. */
export interface ForgetUserOutcome {
  readonly userId: string;
  readonly forgottenAt: string;
  /** True when an earlier call forgot the user (this one only made sure the key and indexes are gone). */
  readonly alreadyForgotten: boolean;
}

/** What a successful login or refresh hands back to the client (never stored in events). */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: string;
  readonly userId: string;
  readonly sessionId: string;
}

export const authCommands = {
  registerUser: commandType<RegisterUserCommand['data']>('RegisterUser'),
  authenticateUser: commandType<AuthenticateUserCommand['data'], IssuedTokens>('AuthenticateUser'),
  refreshToken: commandType<RefreshTokenCommand['data'], IssuedTokens>('RefreshToken'),
  logoutUser: commandType<LogoutUserCommand['data']>('LogoutUser'),
  verifyEmail: commandType<VerifyEmailCommand['data']>('VerifyEmail'),
  forgetUser: commandType<ForgetUserCommand['data'], ForgetUserOutcome>('ForgetUser'),
} as const;

export interface AuthDeps {
  readonly config: Config;
  readonly uniqueness: UniquenessStore;
  readonly rateLimiter: RateLimiter;
  readonly passwords: PasswordHasher;
  readonly tokens: TokenService;
  readonly mailer: Mailer;
  readonly newId: () => string;
  /** Seals personal data (emails) with the user's own key; forgetting destroys that key. */
  readonly vault: PersonalDataVault;
  /**
   * Rewrites the user's legacy plaintext personal fields (events from before sealing, their
   * archives, states, snapshots) once their key is destroyed; the recorded run, or null when there
   * was nothing to rewrite (docs/privacy.md).
   */
  readonly redactLegacyPersonalData: (userId: string, metadata: CommandMetadata) => Promise<HandledCommand | null>;
  /** The user's active sessions (read model): forgetting a user ends them. */
  readonly activeSessions: (userId: string) => Promise<readonly string[]>;
  /** Throttling limits in force (runtime settings: operators change them without a restart). */
  readonly limits: () => Promise<AuthLimits>;
}

export interface AuthLimits {
  readonly registrationsPerAddressPerMinute: number;
  readonly loginMaxFailures: number;
  readonly loginLockSeconds: number;
}

const USERNAME = 'username';
const EMAIL = 'email';

/** Refresh tokens name their session so a refresh finds it in one read: `<sessionId>.<secret>`. */
const splitRefreshToken = (token: string): { sessionId: string } | null => {
  const dot = token.indexOf('.');
  return dot > 0 ? { sessionId: token.slice(0, dot) } : null;
};

/**
 * Failed logins per (login, address), in two windows: `maxFailures` per `lockSeconds`, and four
 * times that per day — a patient guesser waits longer and longer. The answer once throttled is
 * the same whether the login exists or not.
 */
const failedLoginThrottle = (limiter: RateLimiter, loginKey: string, address: string, limits: AuthLimits) => {
  const bucket = `login-failures:${address}:${loginKey}`;
  const windows = [
    { bucket: `${bucket}:short`, limit: limits.loginMaxFailures, seconds: limits.loginLockSeconds },
    { bucket: `${bucket}:day`, limit: limits.loginMaxFailures * 4, seconds: 86_400 },
  ];
  return {
    async check() {
      for (const w of windows) {
        const decision = await limiter.peek(w.bucket, w.limit - 1, w.seconds);
        if (!decision.allowed) throw new RateLimitedError(`Too many failed logins from this address; retry in ${decision.retryAfterSeconds}s`, decision.retryAfterSeconds);
      }
    },
    async failed() {
      for (const w of windows) await limiter.hit(w.bucket, w.limit, w.seconds);
    },
  };
};

const throttle = async (limiter: RateLimiter, bucket: string, limit: number, windowSeconds: number, what: string) => {
  const decision = await limiter.hit(bucket, limit, windowSeconds);
  if (!decision.allowed) throw new RateLimitedError(`Too many ${what}; retry in ${decision.retryAfterSeconds}s`, decision.retryAfterSeconds);
};

export function authRegistrations(deps: AuthDeps) {
  const { config, uniqueness, rateLimiter, passwords, tokens, mailer } = deps;
  const auth = config.auth;
  const emailKey = (normalized: string): Promise<string> => deps.vault.blindIndex(EMAIL, normalized);
  /** The user a login names: emails by blind index, then (accounts from before sealing) in clear. */
  const lookupLogin = async (login: { kind: 'email' | 'username'; key: string }): Promise<string | null> =>
    login.kind === 'username' ? uniqueness.lookup(USERNAME, login.key) : ((await uniqueness.lookup(EMAIL, await emailKey(login.key))) ?? uniqueness.lookup(EMAIL, login.key));

  const issue = async (dispatcher: Dispatcher, userId: string, roles: readonly Role[], metadata: CommandMetadata) => {
    const sessionId = deps.newId();
    const refreshToken = `${sessionId}.${newRefreshToken()}`;
    const started = await dispatcher.executeOn(sessionAggregate, sessionId, {
      type: 'StartSession',
      data: {
        sessionId,
        userId,
        familyId: sessionId,
        refreshTokenHash: hashRefreshToken(refreshToken),
        expiresAt: addSeconds(metadata.timestamp, Math.min(auth.refreshTokenTtlSeconds, auth.sessionMaxLifetimeSeconds)),
        at: metadata.timestamp,
      },
    }, metadata);
    const access = await tokens.signAccessToken({ userId, sessionId, roles: [...roles] });
    return { started, tokens: { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, userId, sessionId } satisfies IssuedTokens };
  };

  const registerUser: WorkflowRegistration<RegisterUserCommand> = {
    commandType: 'RegisterUser',
    aggregates: [userAggregate],
    async handle({ data }, metadata, dispatcher) {
      assertValid(validateRegistration(data), 'Invalid registration');
      if (data.clientAddress) {
        const { registrationsPerAddressPerMinute } = await deps.limits();
        await throttle(rateLimiter, `register:${data.clientAddress}`, registrationsPerAddressPerMinute, 60, 'registrations from this address');
      }
      const roles: Role[] = data.roles?.length ? data.roles : ['PLAYER'];
      if (roles.includes('ADMIN') && !metadata.roles?.includes('ADMIN') && !isSystem(metadata)) {
        throw new ForbiddenError('Only an admin can create admins');
      }
      const userId = deps.newId();
      const username = normalizeUsername(data.username);
      const email = normalizeEmail(data.email);
      // The email is reserved under its blind index and stored sealed: no key or event holds it in clear.
      const emailIndex = await emailKey(email);
      // Usernames are public (games, leaderboard): a taken one is said so. Reservations first:
      // exactly one of any number of concurrent registrations of a name wins.
      if (await uniqueness.reserve(USERNAME, username, userId)) throw new RuleBrokenError('USERNAME_TAKEN', `Username "${data.username}" is taken`);
      // The system's own accounts (the bootstrap admin) need no proof: their address counts at once.
      if (isSystem(metadata)) {
        try {
          if (await uniqueness.reserve(EMAIL, emailIndex, userId)) throw new RuleBrokenError('EMAIL_TAKEN', 'Email is already registered');
          // Accounts from before sealing hold their email reservation in clear.
          const legacy = await uniqueness.lookup(EMAIL, email);
          if (legacy !== null && legacy !== userId) throw new RuleBrokenError('EMAIL_TAKEN', 'Email is already registered');
          const passwordHash = await passwords.hash(data.password);
          const sealed = await deps.vault.seal(userId, email);
          return await dispatcher.executeOn(userAggregate, userId, { type: 'RegisterUser', data: { userId, username: data.username, email: sealed, passwordHash, roles, at: metadata.timestamp } }, metadata);
        } catch (error) {
          await uniqueness.release(EMAIL, emailIndex, userId);
          await uniqueness.release(USERNAME, username, userId);
          throw error;
        }
      }
      // Everyone else registers with an unproven address, answered the same whether or not it is
      // taken (no enumeration). It counts — login by email, uniqueness — only once verifyEmail
      // presents the token mailed to it; the owner of a taken address gets a notice instead.
      try {
        const token = `${userId}.${newRefreshToken()}`;
        const passwordHash = await passwords.hash(data.password);
        const sealed = await deps.vault.seal(userId, email);
        const expiresAt = addSeconds(metadata.timestamp, auth.emailVerificationTtlSeconds);
        const registered = await dispatcher.executeOn(userAggregate, userId, {
          type: 'RegisterUser',
          data: { userId, username: data.username, email: sealed, passwordHash, roles, at: metadata.timestamp, verification: { tokenHash: hashRefreshToken(token), expiresAt } },
        }, metadata);
        const taken = ((await uniqueness.lookup(EMAIL, emailIndex)) ?? (await uniqueness.lookup(EMAIL, email))) !== null;
        await mailer.send(taken ? registrationAttemptMail(email) : verificationMail(email, token, Math.round(auth.emailVerificationTtlSeconds / 3600)));
        return registered;
      } catch (error) {
        await uniqueness.release(USERNAME, username, userId);
        throw error;
      }
    },
  };

  const verifyEmail: WorkflowRegistration<VerifyEmailCommand> = {
    commandType: 'VerifyEmail',
    aggregates: [userAggregate],
    async handle({ data }, metadata, dispatcher) {
      const invalid = () => new RuleBrokenError('INVALID_VERIFICATION_TOKEN', 'Invalid or expired verification token');
      const dot = data.token.indexOf('.');
      if (dot <= 0) throw invalid();
      const userId = data.token.slice(0, dot);
      const { state } = await dispatcher.load(userAggregate, userId);
      if (state.status === 'None' || state.status === 'Forgotten') throw invalid();
      const email = await deps.vault.open(state.email);
      if (email === null) throw invalid();
      const emailIndex = await emailKey(email);
      // Whoever holds the token reads that inbox: telling them the address is taken leaks nothing.
      const holder = (await uniqueness.lookup(EMAIL, emailIndex)) ?? (await uniqueness.lookup(EMAIL, email));
      if (holder !== null && holder !== userId) throw new RuleBrokenError('EMAIL_TAKEN', 'This address already belongs to another account');
      const reserved = holder === null;
      if (reserved && (await uniqueness.reserve(EMAIL, emailIndex, userId))) throw new RuleBrokenError('EMAIL_TAKEN', 'This address already belongs to another account');
      try {
        return await dispatcher.executeOn(userAggregate, userId, { type: 'VerifyEmail', data: { userId, tokenHash: hashRefreshToken(data.token), at: metadata.timestamp } }, metadata);
      } catch (error) {
        if (reserved) await uniqueness.release(EMAIL, emailIndex, userId);
        if (error instanceof RuleBrokenError) throw invalid();
        throw error;
      }
    },
  };

  const authenticateUser: WorkflowRegistration<AuthenticateUserCommand> = {
    commandType: 'AuthenticateUser',
    aggregates: [userAggregate, sessionAggregate],
    async handle({ data }, metadata, dispatcher) {
      const invalid = () => new UnauthenticatedError('Invalid login or password');
      if (data.clientAddress) {
        await throttle(rateLimiter, `login:${data.clientAddress}`, auth.login.perAddressPerMinute, 60, 'login attempts from this address');
      }
      const login = parseLogin(data.login);
      const limits = await deps.limits();
      // Failures are throttled per (login, address), never for everyone: a stranger cannot lock a
      // player out, and an unknown login is throttled exactly like a known one (no enumeration).
      // Buckets are named by the login's blind index: a throttled email is not written down in clear.
      const guesses = failedLoginThrottle(rateLimiter, await deps.vault.blindIndex('login', login.key), data.clientAddress ?? 'unknown', limits);
      await guesses.check();
      const userId = await lookupLogin(login);
      const found = userId ? await dispatcher.load(userAggregate, userId) : null;
      if (!userId || !found || found.state.status === 'None' || found.state.status === 'Forgotten') {
        await passwords.verifyUnknownUser(data.password); // same time as a real check: no user enumeration
        await guesses.failed();
        throw invalid();
      }
      const { state } = found;
      if (!(await passwords.verify(data.password, state.passwordHash))) {
        await guesses.failed();
        const recorded = await dispatcher.executeOn(userAggregate, userId, {
          type: 'RecordFailedAuthentication',
          data: { userId, reason: 'INVALID_PASSWORD', at: metadata.timestamp, policy: { maxFailures: limits.loginMaxFailures, lockSeconds: limits.loginLockSeconds } },
        }, metadata, true);
        throw refusedAfterCommit(invalid(), recorded);
      }
      const issued = await issue(dispatcher, userId, state.roles, metadata);
      const recorded = await dispatcher.executeOn(userAggregate, userId, {
        type: 'RecordAuthentication',
        data: { userId, sessionId: issued.tokens.sessionId, at: metadata.timestamp },
      }, metadata, true);
      return { ...combine(recorded, issued.started), output: issued.tokens };
    },
  };

  const refreshToken: WorkflowRegistration<RefreshTokenCommand> = {
    commandType: 'RefreshToken',
    aggregates: [sessionAggregate],
    async handle({ data }, metadata, dispatcher) {
      const invalid = () => new UnauthenticatedError('Invalid or expired refresh token');
      const parsed = splitRefreshToken(data.refreshToken);
      if (!parsed) throw invalid();
      const { state } = await dispatcher.load(sessionAggregate, parsed.sessionId);
      if (state.status === 'None') throw invalid();
      const rotated = `${parsed.sessionId}.${newRefreshToken()}`;
      let handled;
      try {
        handled = await dispatcher.executeOn(sessionAggregate, parsed.sessionId, {
          type: 'RotateRefreshToken',
          data: {
            sessionId: parsed.sessionId,
            presentedTokenHash: hashRefreshToken(data.refreshToken),
            newTokenHash: hashRefreshToken(rotated),
            newExpiresAt: addSeconds(metadata.timestamp, auth.refreshTokenTtlSeconds),
            at: metadata.timestamp,
            graceSeconds: auth.refreshReuseGraceSeconds,
            maxLifetimeSeconds: auth.sessionMaxLifetimeSeconds,
          },
          // A lost race is decided again on fresh state: the winner retired this token, so the
          // loser is a reuse (RFC 9700) and revokes the session, not a bare conflict.
        }, metadata, true);
      } catch (error) {
        if (error instanceof RuleBrokenError || error instanceof NotFoundError) throw invalid();
        throw error;
      }
      // Reuse of a rotated token: the decider revoked the session (persisted above); refuse.
      if (handled.events.some((e) => e.eventType === 'SessionRevoked')) {
        throw refusedAfterCommit(new UnauthenticatedError('Refresh token reuse detected: the session has been revoked'), handled);
      }
      const { state: user } = await dispatcher.load(userAggregate, state.userId);
      if (user.status === 'Forgotten') throw invalid();
      const roles = user.status === 'None' ? [] : user.roles;
      const access = await tokens.signAccessToken({ userId: state.userId, sessionId: parsed.sessionId, roles: [...roles] });
      const output: IssuedTokens = { accessToken: access.token, refreshToken: rotated, expiresAt: access.expiresAt, userId: state.userId, sessionId: parsed.sessionId };
      return { ...handled, output };
    },
  };

  const logoutUser: WorkflowRegistration<LogoutUserCommand> = {
    commandType: 'LogoutUser',
    aggregates: [sessionAggregate],
    authorize: (_command, metadata) => {
      if (!metadata.userId) throw new UnauthenticatedError();
    },
    async handle({ data }, metadata, dispatcher) {
      const sessionId = data.sessionId ?? metadata.sessionId;
      if (!sessionId) throw new NotFoundError('No session to log out of');
      const { state } = await dispatcher.load(sessionAggregate, sessionId);
      // Somebody else's session is answered like one that does not exist: no probing for ids.
      if (state.status === 'None' || (state.userId !== metadata.userId && !isAdmin(metadata))) throw new NotFoundError('Session not found');
      return dispatcher.executeOn(sessionAggregate, sessionId, {
        type: 'EndSession',
        data: { sessionId, byUserId: metadata.userId ?? '', isAdmin: isAdmin(metadata), at: metadata.timestamp },
      }, metadata);
    },
  };

  /**
   * Crypto-shredding (docs/privacy.md). The email is read while it still can be, then the
   * tombstone is appended (the log records the decision), the email reservation released, the data
   * key destroyed and the sessions ended. A call on a forgotten user (a retry after a crash between
   * steps) destroys the key and ends sessions again and succeeds; only a crash between the
   * tombstone and the release leaves the email reserved (never readable). The username stays reserved: game histories keep naming
   * the account, and nobody else may take that name over.
   */
  const forgetUser: WorkflowRegistration<ForgetUserCommand> = {
    commandType: 'ForgetUser',
    aggregates: [userAggregate, sessionAggregate],
    authorize: ({ data }, metadata) => {
      if (!metadata.userId) throw new UnauthenticatedError();
      if (metadata.userId !== data.userId && !isAdmin(metadata)) throw new ForbiddenError('Only the user themself or an admin can forget a user');
    },
    async handle({ data }, metadata, dispatcher) {
      const { state } = await dispatcher.load(userAggregate, data.userId);
      if (state.status === 'None') throw new NotFoundError(`User ${data.userId} not found`);
      const self = metadata.userId === data.userId && !isAdmin(metadata);
      let handled: HandledCommand | null = null;
      let forgottenAt = state.status === 'Forgotten' ? state.forgottenAt : metadata.timestamp;
      if (state.status !== 'Forgotten') {
        // Re-authentication: a stolen access token alone cannot erase an account.
        if (self && !(data.password && (await passwords.verify(data.password, state.passwordHash)))) {
          throw ValidationError.field('password', 'Give your current password to forget your account');
        }
        // Read while the key still exists: the reservation is released by its blind index (or in clear, for legacy accounts).
        const email = await deps.vault.open(state.email);
        handled = await dispatcher.executeOn(userAggregate, data.userId, { type: 'ForgetUser', data: { userId: data.userId, forgottenBy: metadata.userId ?? '', at: metadata.timestamp } }, metadata, true);
        forgottenAt = metadata.timestamp;
        if (email !== null) {
          await uniqueness.release(EMAIL, await emailKey(email), data.userId);
          if (!deps.vault.isSealed(state.email)) await uniqueness.release(EMAIL, email, data.userId);
        }
      }
      await deps.vault.forget(data.userId);
      // Also on a retry: a crash before (or an account forgotten before this existed) is caught up.
      const redaction = await deps.redactLegacyPersonalData(data.userId, metadata);
      const ended: HandledCommand[] = redaction ? [redaction] : [];
      for (const sessionId of await deps.activeSessions(data.userId)) {
        try {
          ended.push(await dispatcher.executeOn(sessionAggregate, sessionId, { type: 'EndSession', data: { sessionId, byUserId: metadata.userId ?? '', isAdmin: isAdmin(metadata), at: metadata.timestamp } }, metadata));
        } catch (error) {
          if (!(error instanceof RuleBrokenError || error instanceof NotFoundError)) throw error; // ended meanwhile
        }
      }
      const output: ForgetUserOutcome = { userId: data.userId, forgottenAt, alreadyForgotten: handled === null };
      const base: HandledCommand = handled ?? { aggregateType: userAggregate.type, aggregateId: data.userId, version: 0, events: [], positions: [], retries: 0 };
      return { ...combine(base, ...ended), output };
    },
  };

  const table: Registration[] = [registerUser, verifyEmail, authenticateUser, refreshToken, logoutUser, forgetUser];
  return table;
}
