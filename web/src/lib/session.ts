/**
 * Who is signed in, with which tokens. The access token is refreshed before it expires (at ~70% of
 * its lifetime, at most a minute early); each refresh rotates the refresh token. A refresh token
 * the server refuses (already used: rotation detected a replay and revoked the session; or the
 * session was logged out elsewhere) signs the user out with a message saying so.
 *
 * Tokens live in localStorage so a reload keeps the session; tabs of one browser share them, and a
 * Web Lock makes sure only one tab rotates at a time (the others adopt the stored result).
 */
import { stringifyDocument } from '@urql/core';
import { WebRefreshDocument, type WebRefreshMutation, type ViewerFragment } from '../gql/graphql.js';
import { store } from './store.js';

export type Viewer = ViewerFragment;

export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  /** Epoch ms, when this access token was received (its lifetime is expiresAt − issuedAt). */
  readonly issuedAt: number;
  readonly sessionId: string | null;
}

export interface Session {
  readonly viewer: Viewer;
  readonly tokens: Tokens;
}

const KEY = 'defense-allies.session';

const load = (): Session | null => {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
};

const save = (value: Session | null) => {
  if (value) localStorage.setItem(KEY, JSON.stringify(value));
  else localStorage.removeItem(KEY);
};

export const session = store<Session | null>(load());
/** Why the user was signed out (shown on the account page until the next sign-in). */
export const signOutNotice = store<string | null>(null);

export const accessToken = (): string | null => session.get()?.tokens.accessToken ?? null;
export const isAdmin = (value: Session | null = session.get()): boolean => value?.viewer.roles?.includes('ADMIN') ?? false;

/** Called after every change of access token (sign in, refresh, sign out): the WebSocket reconnects with it. */
const tokenListeners = new Set<() => void>();
export const onTokenChange = (listener: () => void): (() => void) => {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
};
const tokenChanged = () => {
  for (const listener of [...tokenListeners]) listener();
};

let timer: ReturnType<typeof setTimeout> | undefined;

const schedule = () => {
  clearTimeout(timer);
  const current = session.get();
  if (!current) return;
  const { expiresAt, issuedAt } = current.tokens;
  const lifetime = Math.max(0, expiresAt - issuedAt);
  const at = expiresAt - Math.min(60_000, lifetime * 0.3);
  timer = setTimeout(() => void refreshNow().catch(() => undefined), Math.max(0, at - Date.now()));
};

const adopt = (next: Session | null) => {
  save(next);
  session.set(next);
  schedule();
  tokenChanged();
};

export const signIn = (viewer: Viewer, tokens: { accessToken: string; refreshToken: string; expiresAt: string; sessionId: string | null }) => {
  signOutNotice.set(null);
  adopt({ viewer, tokens: { ...tokens, expiresAt: Date.parse(tokens.expiresAt), issuedAt: Date.now() } });
};

/** Forgets the session here (the server side is ended by the logout mutation, see Account). */
export const signOutLocally = (notice: string | null = null) => {
  signOutNotice.set(notice);
  adopt(null);
};

const post = async <T>(query: string, variables: unknown): Promise<T> => {
  const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
};

const rotate = async (): Promise<boolean> => {
  const current = session.get();
  if (!current) return false;
  // Another tab may have rotated already: take its result instead of replaying our old token.
  const stored = load();
  if (stored && stored.viewer.id === current.viewer.id && stored.tokens.refreshToken !== current.tokens.refreshToken) {
    adopt(stored);
    return true;
  }
  const { refreshToken } = await post<WebRefreshMutation>(stringifyDocument(WebRefreshDocument), { input: { refreshToken: current.tokens.refreshToken } });
  if (session.get() !== current) return session.get() !== null;
  if (refreshToken.__typename === 'RefreshTokenSuccess') {
    adopt({ viewer: current.viewer, tokens: { ...current.tokens, accessToken: refreshToken.accessToken, refreshToken: refreshToken.refreshToken, expiresAt: Date.parse(refreshToken.expiresAt), issuedAt: Date.now() } });
    return true;
  }
  signOutLocally(
    `You were signed out: the server refused to renew your session (${refreshToken.message}). ` +
      'This happens when a refresh token is used twice — for example after it was copied — so the server ended the session to be safe. Please log in again.',
  );
  return false;
};

let inflight: Promise<boolean> | null = null;

/** Rotates the tokens now (one rotation at a time, across tabs). Network errors are retried in 2 s. */
export const refreshNow = (): Promise<boolean> => {
  inflight ??= (async () => {
    try {
      // Offline, a refresh can only fail: wait for the network (the access token may lapse meanwhile).
      if (!navigator.onLine) await new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return await (locks ? locks.request('defense-allies-refresh', rotate) : rotate());
    } catch (error) {
      clearTimeout(timer);
      timer = setTimeout(() => void refreshNow().catch(() => undefined), 2_000);
      throw error;
    } finally {
      inflight = null;
    }
  })();
  return inflight;
};

/** A token good for at least two more seconds (refreshing first when needed), or null when signed out. */
export const freshAccessToken = async (): Promise<string | null> => {
  const current = session.get();
  if (!current) return null;
  if (current.tokens.expiresAt - Date.now() < 2_000) await refreshNow().catch(() => undefined);
  return accessToken();
};

// Another tab signed in, refreshed or signed out.
window.addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  const stored = load();
  if (!stored) {
    if (session.get()) signOutLocally('You signed out in another tab.');
    return;
  }
  session.set(stored);
  schedule();
  tokenChanged();
});

schedule();
