/**
 * Who is calling: a bearer token is trusted only while its session lives (logout and revocation
 * take effect at once, on every node), and the first admin comes from the environment.
 */
import type { Config } from '../config.js';
import type { Dispatcher } from '../core/commands/dispatcher.js';
import { UnauthenticatedError } from '../core/errors.js';
import type { UniquenessStore } from '../core/ports.js';
import type { EventBus } from '../core/projections/ports.js';
import { SYSTEM_USER } from '../core/commands/callers.js';
import { sessionAggregate } from './commands.js';
import { isSessionActive, type Session } from './domain/session.js';
import type { Role } from './domain/user.js';
import type { TokenService } from './tokens.js';

/** The authenticated caller of a request or a WebSocket connection. */
export interface Viewer {
  readonly userId: string;
  readonly sessionId: string;
  readonly roles: readonly Role[];
  /** When the access token expires (ISO-8601). */
  readonly expiresAt: string;
}

/** Reads a session's current state (fresh, or through a `sessionCache`). */
export interface SessionReader {
  read(sessionId: string): Promise<Session>;
}

/** Every read goes to the store. */
export const freshSessions = (sessions: Pick<Dispatcher, 'load'>): SessionReader => ({
  read: async (sessionId) => (await sessions.load(sessionAggregate, sessionId)).state,
});

/** Verified access tokens kept per process: a token's signature is checked once, its expiry every time. */
const VERIFIED_TOKENS = 10_000;

/**
 * Signature and claims first (local; remembered per token until it expires), then the session
 * (one read, or none when the session cache holds it). Throws UnauthenticatedError.
 */
export const createAuthenticator = (tokens: TokenService, sessions: Pick<Dispatcher, 'load'> | SessionReader, now: () => Date = () => new Date()) => {
  const reader = 'read' in sessions ? sessions : freshSessions(sessions);
  const verified = new Map<string, Awaited<ReturnType<TokenService['verifyAccessToken']>>>();
  return async (token: string): Promise<Viewer> => {
    const at = now();
    let claims = verified.get(token);
    if (claims === undefined || Date.parse(claims.expiresAt) <= at.getTime()) {
      verified.delete(token);
      claims = await tokens.verifyAccessToken(token);
      verified.set(token, claims);
      if (verified.size > VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    }
    const state = await reader.read(claims.sessionId);
    if (!isSessionActive(state, at.toISOString())) throw new UnauthenticatedError('Session has ended');
    return { userId: claims.userId, sessionId: claims.sessionId, roles: claims.roles, expiresAt: claims.expiresAt };
  };
};

/** Whether the feed that carries session events to this node is connected, and since when: `null` while it is down; the number changes at every interruption. */
export type InvalidationLink = () => number | null;

export interface SessionCacheOptions {
  /** Sessions kept (least recently used first out). */
  readonly entries: number;
  /** Longest an entry is trusted without a read: the bound on staleness should an invalidation be lost. */
  readonly maxAgeMs: number;
  readonly now?: () => number;
}

/**
 * The sessions of this node's callers, kept in process so the session check costs no round trip,
 * and kept correct by the session events themselves: every event of a session (login, refresh,
 * logout, revocation, expiry) drops its entry, on this node at commit (`forget`, before the
 * command answers) and on every other node through the live bus (Redis delivers the PUBLISH to
 * every subscribed node before the publishing node gets its reply, so before logout answers).
 * An entry is served only while the bus link has stayed up since it was read (messages sent while
 * it was down are lost: every entry is then dropped), only when no invalidation arrived while it
 * was read, only for an active session, and for at most `maxAgeMs`. Until the bus subscription is
 * live, every check reads the store.
 */
export function sessionCache(sessions: Pick<Dispatcher, 'load'>, bus: Pick<EventBus, 'subscribe'>, link: InvalidationLink, options: SessionCacheOptions) {
  const now = options.now ?? Date.now;
  const fresh = freshSessions(sessions);
  const entries = new Map<string, { readonly state: Session; readonly link: number; readonly at: number }>();
  // Bumped by every invalidation: a read that overlapped one is not kept (it may predate the event).
  let invalidations = 0;
  let subscription: Promise<() => Promise<void>> | null = null;
  let live = false;
  const forget = (sessionId: string): void => {
    invalidations++;
    entries.delete(sessionId);
  };
  return {
    /** Subscribes to the session events; entries are kept only once this has resolved. */
    async start(): Promise<void> {
      subscription ??= bus.subscribe({ aggregateType: sessionAggregate.type }, (event) => forget(event.aggregateId));
      await subscription;
      live = true;
    },
    async stop(): Promise<void> {
      live = false;
      entries.clear();
      const unsubscribe = await subscription;
      subscription = null;
      await unsubscribe?.();
    },
    /** Drops what this node's own commit changed (a dispatcher committed hook). */
    forget(events: readonly { readonly aggregateType: string; readonly aggregateId: string }[]): void {
      for (const e of events) if (e.aggregateType === sessionAggregate.type) forget(e.aggregateId);
    },
    async read(sessionId: string): Promise<Session> {
      const linked = link();
      const at = now();
      const hit = entries.get(sessionId);
      if (hit && live && linked !== null && hit.link === linked && at - hit.at < options.maxAgeMs && hit.state.status === 'Active') {
        entries.delete(sessionId);
        entries.set(sessionId, hit);
        return hit.state;
      }
      entries.delete(sessionId);
      const before = invalidations;
      const state = await fresh.read(sessionId);
      if (live && state.status === 'Active' && linked !== null && link() === linked && invalidations === before) {
        entries.set(sessionId, { state, link: linked, at });
        if (entries.size > options.entries) entries.delete(entries.keys().next().value!);
      }
      return state;
    },
    /** Sessions held (metrics, tests). */
    size: () => entries.size,
  };
}

export type SessionCache = ReturnType<typeof sessionCache>;

/** The events that end a session: whoever holds its tokens is out from then on. */
export const SESSION_ENDED = ['UserLoggedOut', 'SessionRevoked', 'SessionExpired'];

/**
 * Watches one caller's credentials for a long-lived stream: resolves when the session ends (any
 * node publishes the event on the live bus) or the access token expires. One bus subscription per
 * session however many streams it has open.
 */
export function credentialsWatch(bus: Pick<EventBus, 'subscribe'>, onError: (error: unknown) => void = () => undefined) {
  // Per session: the streams to tell (each its own callback, dropped on release, so a long session
  // opening and closing streams accumulates nothing) and the bus subscription that tells them.
  const sessions = new Map<string, { readonly ending: Set<(reason: string) => void>; readonly stop: Promise<() => Promise<void>> }>();
  const watchSession = (sessionId: string) => {
    let entry = sessions.get(sessionId);
    if (!entry) {
      const ending = new Set<(reason: string) => void>();
      const stop = bus.subscribe({ aggregateType: sessionAggregate.type, aggregateId: sessionId, eventTypes: SESSION_ENDED }, () => {
        for (const end of ending) end('Session has ended');
      });
      stop.catch(onError);
      entry = { ending, stop };
      sessions.set(sessionId, entry);
    }
    return entry;
  };
  return (viewer: { readonly sessionId: string; readonly expiresAt?: string }) => {
    const session = watchSession(viewer.sessionId);
    let end!: (reason: string) => void;
    const ended = new Promise<string>((resolve) => (end = resolve));
    session.ending.add(end);
    // setTimeout holds at most ~24.8 days; tokens live minutes.
    const timer = viewer.expiresAt ? setTimeout(() => end('Access token expired'), Math.min(2 ** 31 - 1, Math.max(0, Date.parse(viewer.expiresAt) - Date.now()))) : null;
    timer?.unref();
    let released = false;
    return {
      ended,
      release: () => {
        if (released) return;
        released = true;
        if (timer) clearTimeout(timer);
        session.ending.delete(end);
        if (session.ending.size > 0) return;
        sessions.delete(viewer.sessionId);
        void session.stop.then((unsubscribe) => unsubscribe()).catch(onError);
      },
    };
  };
}

/** ADMIN_USERNAME + ADMIN_PASSWORD: creates that admin at start when no such user exists (idempotent across restarts and nodes). */
export async function bootstrapAdmin(auth: Config['auth'], dispatcher: Dispatcher, uniqueness: UniquenessStore): Promise<'created' | 'exists' | 'not configured'> {
  const { adminUsername, adminPassword, adminEmail } = auth;
  if (!adminUsername || !adminPassword) return 'not configured';
  if (await uniqueness.lookup('username', adminUsername.toLowerCase())) return 'exists';
  await dispatcher.dispatch(
    {
      type: 'RegisterUser',
      data: { username: adminUsername, email: adminEmail ?? `${adminUsername.toLowerCase()}@admin.invalid`, password: adminPassword, roles: ['ADMIN', 'PLAYER'] },
    },
    { userId: SYSTEM_USER, roles: ['ADMIN'] },
  );
  return 'created';
}
