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
import { isSessionActive } from './domain/session.js';
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

/** Signature and claims first (cheap, local), then the session (one read). Throws UnauthenticatedError. */
export const createAuthenticator =
  (tokens: TokenService, sessions: Pick<Dispatcher, 'load'>, now: () => Date = () => new Date()) =>
  async (token: string): Promise<Viewer> => {
    const claims = await tokens.verifyAccessToken(token);
    const { state } = await sessions.load(sessionAggregate, claims.sessionId);
    if (!isSessionActive(state, now().toISOString())) throw new UnauthenticatedError('Session has ended');
    return { userId: claims.userId, sessionId: claims.sessionId, roles: claims.roles, expiresAt: claims.expiresAt };
  };

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
