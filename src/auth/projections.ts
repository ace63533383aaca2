/**
 * Auth read models: users and sessions. The password hash in UserRegistered never reaches them.
 */
import type { EventEnvelope } from '../core/messages.js';
import type { CollectionDefinition, Page, ReadStore, ReadWrite } from '../core/ports.js';
import { index, patch, put } from '../core/projections/readModels.js';
import { scanByTime } from '../core/projections/timeRange.js';
import type { Projection } from '../core/projections/ports.js';
import type { SessionEvent } from './domain/session.js';
import type { Role, UserEvent } from './domain/user.js';
import { normalizeUsername } from './domain/validation.js';

export type UserView = {
  readonly id: string;
  readonly username: string;
  /** Lowercased username: the unique index. */
  readonly usernameKey: string;
  /** Sealed (PersonalDataVault: open it to show it); legacy accounts hold it in clear; null once forgotten. */
  readonly email: string | null;
  readonly roles: readonly Role[];
  readonly status: 'ACTIVE' | 'LOCKED' | 'FORGOTTEN';
  readonly createdAt: string;
  readonly createdAtMs: number;
  readonly lastLoginAt: string | null;
  /** Absent on documents written before email verification existed: those addresses count as verified. */
  readonly emailVerified?: boolean;
};

export type SessionView = {
  readonly id: string;
  readonly userId: string;
  readonly status: 'ACTIVE' | 'LOGGED_OUT' | 'REVOKED' | 'EXPIRED';
  readonly createdAt: string;
  readonly createdAtMs: number;
  readonly expiresAt: string;
  readonly lastRefreshedAt: string | null;
  readonly endedAt: string | null;
};

/** Logins (sessions started) and registrations in `[fromMs, toMs)`, newest first (what ops reports count). */
export const loginsBetween = (store: ReadStore) => (fromMs: number, toMs: number) => scanByTime<SessionView>(store, SESSIONS, 'createdAt', 'createdAtMs', fromMs, toMs);
/** A user's display name for other contexts (a game's player list); an unknown id shows its first characters. */
export const usernames = (store: ReadStore) => async (userId: string): Promise<string> => (await store.get<UserView>(USERS, userId))?.username ?? userId.slice(0, 8);

/** Ids of a user's sessions still active in the read model (forgetting a user ends them). */
export const activeSessionsOf = (store: ReadStore) => async (userId: string): Promise<string[]> => {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<SessionView> = await store.query<SessionView>(SESSIONS, { where: { userId, status: 'ACTIVE' }, first: 100, after });
    ids.push(...page.items.map((s) => s.id));
    if (!page.hasNextPage || page.endCursor === null) return ids;
    after = page.endCursor;
  }
};

export const registrationsBetween = (store: ReadStore) => (fromMs: number, toMs: number) => scanByTime<UserView>(store, USERS, 'createdAt', 'createdAtMs', fromMs, toMs);

export const USERS = 'users';
export const SESSIONS = 'sessions';

const collections: CollectionDefinition[] = [
  {
    name: USERS,
    // No email index: emails are sealed (a random IV per value), and one in clear is what crypto-shredding must not keep.
    indexes: [index('unique', 'username', 'usernameKey'), index('sorted', 'createdAt', 'createdAtMs'), index('set', 'status')],
  },
  { name: SESSIONS, indexes: [index('set', 'userId'), index('set', 'status'), index('sorted', 'createdAt', 'createdAtMs')] },
];

type AuthEvent = UserEvent | SessionEvent;

const project = (envelope: EventEnvelope): ReadWrite[] => {
  const event = { type: envelope.eventType, data: envelope.data } as AuthEvent;
  const user = (id: string, fields: Partial<UserView>): ReadWrite[] => [patch(USERS, id, fields)];
  const session = (id: string, fields: Partial<SessionView>): ReadWrite[] => [patch(SESSIONS, id, fields)];
  switch (event.type) {
    case 'UserRegistered': {
      const d = event.data;
      const doc: UserView = {
        id: d.userId,
        username: d.username,
        usernameKey: normalizeUsername(d.username),
        email: d.email,
        roles: d.roles,
        status: 'ACTIVE',
        createdAt: d.registeredAt,
        createdAtMs: Date.parse(d.registeredAt),
        lastLoginAt: null,
        emailVerified: true,
      };
      return [put(USERS, d.userId, doc)];
    }
    case 'EmailVerificationRequested':
      return user(event.data.userId, { emailVerified: false });
    case 'EmailVerified':
      return user(event.data.userId, { emailVerified: true });
    case 'UserAuthenticated':
      return user(event.data.userId, { lastLoginAt: event.data.authenticatedAt, status: 'ACTIVE' });
    case 'UserLocked':
      return user(event.data.userId, { status: 'LOCKED' });
    case 'RoleGranted':
      return []; // roles need the current list: handled with a read in projectWithView
    case 'SessionStarted': {
      const d = event.data;
      const doc: SessionView = {
        id: d.sessionId,
        userId: d.userId,
        status: 'ACTIVE',
        createdAt: d.startedAt,
        createdAtMs: Date.parse(d.startedAt),
        expiresAt: d.expiresAt,
        lastRefreshedAt: null,
        endedAt: null,
      };
      return [put(SESSIONS, d.sessionId, doc)];
    }
    case 'TokenRefreshed':
      return session(event.data.sessionId, { lastRefreshedAt: event.data.refreshedAt, expiresAt: event.data.expiresAt });
    case 'SessionRevoked':
      return session(event.data.sessionId, { status: 'REVOKED', endedAt: event.data.revokedAt });
    case 'UserLoggedOut':
      return session(event.data.sessionId, { status: 'LOGGED_OUT', endedAt: event.data.loggedOutAt });
    case 'SessionExpired':
      return session(event.data.sessionId, { status: 'EXPIRED', endedAt: event.data.expiredAt });
    default:
      return [];
  }
};

export const authProjection: Projection = {
  name: 'auth',
  // 2: emails sealed, the email index dropped (the rebuild leaves no index keyed by an email).
  version: 2,
  collections,
  handles: ['UserRegistered', 'EmailVerificationRequested', 'EmailVerified', 'UserAuthenticated', 'UserLocked', 'UserForgotten', 'RoleGranted', 'SessionStarted', 'TokenRefreshed', 'SessionRevoked', 'UserLoggedOut', 'SessionExpired'],
  async project(envelope, view) {
    if (envelope.eventType === 'UserForgotten') {
      // Only scrubs a user the read model has (a patch would create a document without the rest).
      const { userId } = envelope.data as { userId: string };
      return (await view.get<UserView>(USERS, userId)) ? [patch(USERS, userId, { status: 'FORGOTTEN', email: null })] : [];
    }
    if (envelope.eventType === 'RoleGranted') {
      const { userId, role } = envelope.data as { userId: string; role: Role };
      const current = await view.get<UserView>(USERS, userId);
      if (!current) return [];
      return [patch(USERS, userId, { roles: [...new Set([...current.roles, role])] })];
    }
    return project(envelope);
  },
};
