/**
 * Who is calling: a bearer token is trusted only while its session lives (logout and revocation
 * take effect at once, on every node), and the first admin comes from the environment.
 */
import type { Config } from '../config.js';
import type { Dispatcher } from '../core/commands/dispatcher.js';
import { UnauthenticatedError } from '../core/errors.js';
import type { UniquenessStore } from '../core/ports.js';
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
}

/** Signature and claims first (cheap, local), then the session (one read). Throws UnauthenticatedError. */
export const createAuthenticator =
  (tokens: TokenService, sessions: Pick<Dispatcher, 'load'>, now: () => Date = () => new Date()) =>
  async (token: string): Promise<Viewer> => {
    const claims = await tokens.verifyAccessToken(token);
    const { state } = await sessions.load(sessionAggregate, claims.sessionId);
    if (!isSessionActive(state, now().toISOString())) throw new UnauthenticatedError('Session has ended');
    return { userId: claims.userId, sessionId: claims.sessionId, roles: claims.roles };
  };

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
