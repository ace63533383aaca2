/**
 * Session: a login, persisted state-based, holding the refresh-token chain (RFC 9700 rotation).
 *
 * Only SHA-256 hashes of refresh tokens enter commands, events and state; the token itself is
 * shown to the client once. Every refresh retires the presented token. Presenting a retired
 * token again means two parties hold the chain, so the whole session is revoked (theft
 * detection). `decide` *returns* `RefreshTokenReuseDetected` + `SessionRevoked` instead of
 * throwing, so the revocation is persisted; the handler must then answer the caller with an
 * error (e.g. INVALID_REFRESH_TOKEN), never with tokens.
 *
 * Access tokens outlive nothing: verification must also check that the session is Active
 * (`isSessionActive`), so logout and revocation take effect at once.
 */
import { ForbiddenError, NotFoundError, RuleBrokenError, ValidationError } from '../../core/errors.js';
import type { Command, Decider, Event } from '../../core/messages.js';
import { addSeconds, isBefore, toMillis } from './time.js';

export const snapshotVersion = 'session/1';

/**
 * Retired hashes kept for reuse detection. A token older than this many rotations is refused as
 * unknown (INVALID_REFRESH_TOKEN) instead of revoking the session: still safe, and the state
 * stays small for long-lived sessions.
 */
export const MAX_RETIRED_HASHES = 100;

export type EndReason = 'LOGOUT' | 'REVOKED' | 'EXPIRED';
export type RevocationReason = 'REFRESH_TOKEN_REUSE';

// ── commands ────────────────────────────────────────────────────────────────
export type StartSession = Command<
  'StartSession',
  { sessionId: string; userId: string; familyId: string; refreshTokenHash: string; expiresAt: string; at: string }
>;
/**
 * `graceSeconds`: a client whose refresh response was lost retries with the token it just
 * presented; within this window after its rotation that token is rotated again instead of being
 * treated as theft (the unseen replacement is retired, so reuse of *it* still revokes).
 */
/**
 * `maxLifetimeSeconds`: the absolute lifetime of the session, counted from its start. Refreshing
 * slides the expiry forward, but never past `startedAt + maxLifetimeSeconds` (then the user signs
 * in again), so a stolen chain cannot be kept alive forever.
 */
export type RotateRefreshToken = Command<
  'RotateRefreshToken',
  {
    sessionId: string;
    presentedTokenHash: string;
    newTokenHash: string;
    newExpiresAt: string;
    at: string;
    graceSeconds: number;
    maxLifetimeSeconds?: number;
  }
>;
export type EndSession = Command<'EndSession', { sessionId: string; byUserId: string; isAdmin: boolean; at: string }>;
/** For a sweeper: marks a session past its `expiresAt` as Ended(EXPIRED). */
export type ExpireSession = Command<'ExpireSession', { sessionId: string; at: string }>;
export type SessionCommand = StartSession | RotateRefreshToken | EndSession | ExpireSession;

// ── events ──────────────────────────────────────────────────────────────────
export type SessionStarted = Event<
  'SessionStarted',
  { sessionId: string; userId: string; familyId: string; refreshTokenHash: string; startedAt: string; expiresAt: string }
>;
/** `retiredTokenHash` is the token replaced; it equals `presentedTokenHash` unless `graceRetry`. */
export type TokenRefreshed = Event<
  'TokenRefreshed',
  {
    sessionId: string;
    userId: string;
    familyId: string;
    presentedTokenHash: string;
    retiredTokenHash: string;
    refreshTokenHash: string;
    expiresAt: string;
    refreshedAt: string;
    graceRetry: boolean;
  }
>;
export type RefreshTokenReuseDetected = Event<
  'RefreshTokenReuseDetected',
  { sessionId: string; userId: string; familyId: string; presentedTokenHash: string; detectedAt: string }
>;
export type SessionRevoked = Event<
  'SessionRevoked',
  { sessionId: string; userId: string; familyId: string; reason: RevocationReason; revokedAt: string }
>;
export type UserLoggedOut = Event<'UserLoggedOut', { sessionId: string; userId: string; byUserId: string; loggedOutAt: string }>;
export type SessionExpired = Event<'SessionExpired', { sessionId: string; userId: string; expiredAt: string }>;
export type SessionEvent = SessionStarted | TokenRefreshed | RefreshTokenReuseDetected | SessionRevoked | UserLoggedOut | SessionExpired;

// ── state ───────────────────────────────────────────────────────────────────
export interface SessionData {
  readonly sessionId: string;
  readonly userId: string;
  readonly familyId: string;
  readonly refreshTokenHash: string;
  /** Oldest first, at most MAX_RETIRED_HASHES. */
  readonly retiredTokenHashes: readonly string[];
  /** The token the last regular rotation consumed, and when: the only one a grace retry may present. */
  readonly lastRotation: { readonly tokenHash: string; readonly at: string } | null;
  readonly startedAt: string;
  readonly expiresAt: string;
  readonly lastRefreshedAt: string | null;
}
export type Session =
  | { status: 'None' }
  | ({ status: 'Active' } & SessionData)
  | ({ status: 'Ended'; reason: EndReason; endedAt: string } & SessionData);
type Existing = Exclude<Session, { status: 'None' }>;
type Active = Extract<Session, { status: 'Active' }>;

export const initialState = (): Session => ({ status: 'None' });

/** What access-token verification must ask: not ended and not past its expiry at `at`. */
export const isSessionActive = (state: Session, at: string): boolean => state.status === 'Active' && isBefore(at, state.expiresAt);

// ── decide ──────────────────────────────────────────────────────────────────
const requireHash = (hash: string, field: string): void => {
  if (hash.length === 0) throw ValidationError.field(field, `${field} is required`);
};

const requireFuture = (expiresAt: string, at: string, field: string): void => {
  if (toMillis(expiresAt, field) <= toMillis(at)) throw ValidationError.field(field, `${field} must be after the current time`);
};

const startSession = ({ data }: StartSession, state: Session): SessionStarted => {
  if (state.status !== 'None') throw new RuleBrokenError('SESSION_ALREADY_EXISTS', 'Session already exists');
  requireHash(data.refreshTokenHash, 'refreshTokenHash');
  requireFuture(data.expiresAt, data.at, 'expiresAt');
  const { at, ...rest } = data;
  return { type: 'SessionStarted', data: { ...rest, startedAt: at } };
};

const activeForRefresh = (state: Session, at: string): Active => {
  // A session that does not exist is reported like an unknown token: no probing for session ids.
  if (state.status === 'None') throw new RuleBrokenError('INVALID_REFRESH_TOKEN', 'Invalid refresh token');
  if (state.status === 'Ended') throw new RuleBrokenError('SESSION_ENDED', 'Session has ended');
  if (!isBefore(at, state.expiresAt)) throw new RuleBrokenError('SESSION_EXPIRED', 'Session has expired');
  return state;
};

const isGraceRetry = (session: Active, presented: string, at: string, graceSeconds: number): boolean =>
  session.lastRotation !== null &&
  session.lastRotation.tokenHash === presented &&
  graceSeconds > 0 &&
  isBefore(at, addSeconds(session.lastRotation.at, graceSeconds));

const rotateRefreshToken = ({ data }: RotateRefreshToken, state: Session): SessionEvent[] => {
  const session = activeForRefresh(state, data.at);
  requireHash(data.newTokenHash, 'newTokenHash');
  requireFuture(data.newExpiresAt, data.at, 'newExpiresAt');
  const absoluteEnd = data.maxLifetimeSeconds === undefined ? null : addSeconds(session.startedAt, data.maxLifetimeSeconds);
  if (absoluteEnd !== null && !isBefore(data.at, absoluteEnd)) throw new RuleBrokenError('SESSION_EXPIRED', 'Session has reached its maximum lifetime');
  const expiresAt = absoluteEnd !== null && isBefore(absoluteEnd, data.newExpiresAt) ? absoluteEnd : data.newExpiresAt;
  if (data.newTokenHash === session.refreshTokenHash || session.retiredTokenHashes.includes(data.newTokenHash)) {
    throw ValidationError.field('newTokenHash', 'newTokenHash must be a fresh token');
  }
  const { sessionId, userId, familyId } = session;
  const current = data.presentedTokenHash === session.refreshTokenHash;
  if (current || isGraceRetry(session, data.presentedTokenHash, data.at, data.graceSeconds)) {
    return [
      {
        type: 'TokenRefreshed',
        data: {
          sessionId,
          userId,
          familyId,
          presentedTokenHash: data.presentedTokenHash,
          retiredTokenHash: session.refreshTokenHash,
          refreshTokenHash: data.newTokenHash,
          expiresAt,
          refreshedAt: data.at,
          graceRetry: !current,
        },
      },
    ];
  }
  if (session.retiredTokenHashes.includes(data.presentedTokenHash)) {
    return [
      { type: 'RefreshTokenReuseDetected', data: { sessionId, userId, familyId, presentedTokenHash: data.presentedTokenHash, detectedAt: data.at } },
      { type: 'SessionRevoked', data: { sessionId, userId, familyId, reason: 'REFRESH_TOKEN_REUSE', revokedAt: data.at } },
    ];
  }
  throw new RuleBrokenError('INVALID_REFRESH_TOKEN', 'Invalid refresh token');
};

const existing = (state: Session): Existing => {
  if (state.status === 'None') throw new NotFoundError('Session not found');
  return state;
};

const endSession = ({ data }: EndSession, state: Session): UserLoggedOut[] => {
  const session = existing(state);
  // Authorisation first, so a stranger learns nothing about the session's status.
  if (data.byUserId !== session.userId && !data.isAdmin) throw new ForbiddenError('Only the session owner or an admin may end it');
  // Logging out twice is not an error: the outcome the caller wants already holds.
  if (session.status === 'Ended') return [];
  return [{ type: 'UserLoggedOut', data: { sessionId: session.sessionId, userId: session.userId, byUserId: data.byUserId, loggedOutAt: data.at } }];
};

const expireSession = ({ data }: ExpireSession, state: Session): SessionExpired[] => {
  const session = existing(state);
  if (session.status === 'Ended') return [];
  if (isBefore(data.at, session.expiresAt)) throw new RuleBrokenError('SESSION_NOT_EXPIRED', `Session expires at ${session.expiresAt}`);
  return [{ type: 'SessionExpired', data: { sessionId: session.sessionId, userId: session.userId, expiredAt: session.expiresAt } }];
};

export const decide = (command: SessionCommand, state: Session): SessionEvent[] => {
  switch (command.type) {
    case 'StartSession':
      return [startSession(command, state)];
    case 'RotateRefreshToken':
      return rotateRefreshToken(command, state);
    case 'EndSession':
      return endSession(command, state);
    case 'ExpireSession':
      return expireSession(command, state);
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${String(unreachable)}`);
    }
  }
};

// ── evolve ──────────────────────────────────────────────────────────────────
const retire = (hashes: readonly string[], hash: string): string[] =>
  (hashes.includes(hash) ? [...hashes] : [...hashes, hash]).slice(-MAX_RETIRED_HASHES);

const end = (session: Active, reason: EndReason, endedAt: string): Session => ({ ...session, status: 'Ended', reason, endedAt });

/** Folds one event; events that do not fit the state leave it unchanged (evolve never throws). */
export const evolve = (state: Session, event: SessionEvent): Session => {
  if (event.type === 'SessionStarted') {
    if (state.status !== 'None') return state;
    const { startedAt, ...rest } = event.data;
    return { status: 'Active', ...rest, startedAt, retiredTokenHashes: [], lastRotation: null, lastRefreshedAt: null };
  }
  if (state.status !== 'Active') return state;
  switch (event.type) {
    case 'TokenRefreshed': {
      const { retiredTokenHash, refreshTokenHash, expiresAt, refreshedAt, graceRetry } = event.data;
      return {
        ...state,
        refreshTokenHash,
        retiredTokenHashes: retire(state.retiredTokenHashes, retiredTokenHash),
        // A grace retry keeps the original rotation as the anchor: retrying cannot stretch the window.
        lastRotation: graceRetry ? state.lastRotation : { tokenHash: retiredTokenHash, at: refreshedAt },
        expiresAt,
        lastRefreshedAt: refreshedAt,
      };
    }
    case 'RefreshTokenReuseDetected':
      return state;
    case 'SessionRevoked':
      return end(state, 'REVOKED', event.data.revokedAt);
    case 'UserLoggedOut':
      return end(state, 'LOGOUT', event.data.loggedOutAt);
    case 'SessionExpired':
      return end(state, 'EXPIRED', event.data.expiredAt);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};

export const sessionDecider: Decider<SessionCommand, SessionEvent, Session> = { decide, evolve, initialState };
