/**
 * The GraphQL client: urql for queries and mutations over HTTP (always from the network; the
 * views that need to stay current follow subscriptions), and graphql-ws for subscriptions.
 *
 * Live subscriptions (`live`) outlive connections: when the access token changes (refresh, sign
 * in/out) the WebSocket is replaced and every live subscription re-subscribes on the new one,
 * asking its `variables()` again — so a game view passes `afterVersion: <last version seen>` and
 * resumes with no gap and no duplicate. The same happens after the browser goes offline and back,
 * and after any error. `connection` says what the user should see ("reconnecting…").
 */
import { Client, fetchExchange, subscriptionExchange, type AnyVariables, type OperationResult, type TypedDocumentNode } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { onEnd, pipe, subscribe } from 'wonka';
import { accessToken, freshAccessToken, onTokenChange } from './session.js';
import { store } from './store.js';

export type ConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting';
export const connection = store<ConnectionState>('idle');

const wsUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

let ws: WsClient;
const lives = new Set<{ restart(): void; pause(): void }>();

const makeWs = (): WsClient => {
  const client: WsClient = createWsClient({
    url: wsUrl(),
    lazy: true,
    lazyCloseTimeout: 2_000,
    keepAlive: 10_000,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(4_000, 250 * 2 ** retries))),
    connectionParams: async () => {
      const token = await freshAccessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connecting: () => {
        if (ws === client) connection.set(connection.get() === 'idle' ? 'connecting' : 'reconnecting');
      },
      connected: () => {
        if (ws === client) connection.set('live');
      },
      closed: () => {
        if (ws === client) connection.set(lives.size > 0 ? 'reconnecting' : 'idle');
      },
    },
  });
  return client;
};
ws = makeWs();

/** A new WebSocket for every live subscription (the old one is closed once they have moved). */
const reconnect = (state: ConnectionState = 'connecting') => {
  const old = ws;
  ws = makeWs();
  if (lives.size > 0) connection.set(state);
  for (const live of [...lives]) live.restart();
  setTimeout(() => void old.dispose(), 0);
};

/** Offline: the socket may look open for a while; drop it now, say so, and wait for the network. */
const pause = () => {
  const old = ws;
  ws = makeWs();
  if (lives.size > 0) connection.set('reconnecting');
  for (const live of [...lives]) live.pause();
  setTimeout(() => void old.dispose(), 0);
};

onTokenChange(() => (navigator.onLine ? reconnect() : pause()));
window.addEventListener('offline', pause);
window.addEventListener('online', () => reconnect('reconnecting'));

export const client = new Client({
  url: '/graphql',
  requestPolicy: 'network-only',
  preferGetMethod: false,
  exchanges: [
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ query: request.query ?? '', variables: request.variables as Record<string, unknown> | undefined }, sink) }),
      }),
    }),
    fetchExchange,
  ],
  fetch: async (input, init) => {
    const token = await freshAccessToken();
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  },
});

/** The message to show for a failed request (network or top-level GraphQL error). */
export const errorMessage = (result: Pick<OperationResult, 'error'>): string | null => {
  const error = result.error;
  if (!error) return null;
  if (error.networkError) return 'The server cannot be reached. Check your connection and try again.';
  const first = error.graphQLErrors[0];
  if (first?.extensions?.code === 'FORBIDDEN') return `Not allowed: ${first.message}`;
  if (first?.extensions?.code === 'UNAUTHENTICATED') return `Please log in: ${first.message}`;
  return first?.message ?? error.message;
};

export interface Fetched<R> {
  readonly data: R | null;
  readonly error: string | null;
  /** The top-level error code, e.g. FORBIDDEN. */
  readonly code: string | null;
}

export const query = async <R, V extends AnyVariables>(document: TypedDocumentNode<R, V>, variables: V): Promise<Fetched<R>> => {
  const result = await client.query(document, variables).toPromise();
  const code = result.error?.graphQLErrors[0]?.extensions?.code;
  return { data: result.data ?? null, error: errorMessage(result), code: typeof code === 'string' ? code : null };
};

export const mutation = async <R, V extends AnyVariables>(document: TypedDocumentNode<R, V>, variables: V): Promise<Fetched<R>> => {
  const result = await client.mutation(document, variables).toPromise();
  const code = result.error?.graphQLErrors[0]?.extensions?.code;
  return { data: result.data ?? null, error: errorMessage(result), code: typeof code === 'string' ? code : null };
};

export interface LiveHandlers<R> {
  data(data: R): void;
  /** An error the subscription ended with (it is retried after `retryMs`). */
  error?(message: string, code: string | null): void;
  /** Before every re-subscription (not before the first). */
  resubscribing?(): void;
}

/**
 * A subscription that re-subscribes (with fresh `variables()`) after an error, an end, a token
 * change or a dropped connection, until the returned function is called. `retryMs: null` gives
 * up after an error instead (e.g. FORBIDDEN: retrying will not help).
 */
export const live = <R, V extends AnyVariables>(
  document: TypedDocumentNode<R, V>,
  variables: () => V,
  handlers: LiveHandlers<R>,
  options: { retryMs?: number | null } = {},
): (() => void) => {
  const retryMs = options.retryMs === undefined ? 1_000 : options.retryMs;
  let stopped = false;
  let current: { unsubscribe(): void } | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const entry = {
    restart() {
      if (stopped) return;
      entry.pause();
      handlers.resubscribing?.();
      start();
    },
    pause() {
      clearTimeout(retry);
      const old = current;
      current = null;
      old?.unsubscribe();
    },
  };
  const later = () => {
    // Offline: the 'online' event restarts every live subscription.
    if (stopped || retryMs === null || !navigator.onLine) return;
    clearTimeout(retry);
    retry = setTimeout(() => entry.restart(), retryMs);
  };
  const start = () => {
    let self: { unsubscribe(): void } | null = null;
    self = pipe(
      client.subscription(document, variables()),
      onEnd(() => {
        if (current === self) later();
      }),
      subscribe((result) => {
        if (result.error) {
          const code = result.error.graphQLErrors[0]?.extensions?.code;
          handlers.error?.(errorMessage(result) ?? 'Subscription failed', typeof code === 'string' ? code : null);
          if (!stopped && current === self) {
            // Not allowed: asking again will not change that (the page offers what would).
            if (retryMs === null || code === 'FORBIDDEN') stop();
            else later();
          }
          return;
        }
        if (result.data) handlers.data(result.data);
      }),
    );
    current = self;
  };
  const stop = () => {
    stopped = true;
    clearTimeout(retry);
    lives.delete(entry);
    current?.unsubscribe();
    current = null;
    if (lives.size === 0 && connection.get() !== 'idle') connection.set('idle');
  };
  lives.add(entry);
  start();
  return stop;
};

export { accessToken };
