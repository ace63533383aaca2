/**
 * A small typed client for the Defense Allies API — what a web or mobile client needs, in one
 * file, on `fetch` and `graphql-ws` only:
 *
 * - typed operations from GraphQL Code Generator (examples/client-kit/operations.graphql →
 *   generated/), sent as full documents or, with `persisted: true`, as their sha256 `documentId`
 *   only (the server's persisted-operations-only mode allows nothing else);
 * - sign-in with token rotation: an access token refused as UNAUTHENTICATED is refreshed once
 *   and the request retried; the refresh token is rotated on every use, and concurrent callers
 *   share one refresh (two refreshes with the same token count as reuse: the server revokes the
 *   session);
 * - a game followed over graphql-ws that survives dropped connections: on reconnect it
 *   subscribes again with `afterVersion` = the last version it handed out, so the server replays
 *   exactly what was missed — no gap, no duplicate.
 */
import { createClient, type Client } from 'graphql-ws';
import {
  KitGameEventsDocument,
  KitLoginDocument,
  KitRefreshDocument,
  type KitGameEventsSubscription,
  type TypedDocumentString,
} from '../generated/graphql.js';

export interface KitOptions {
  /** The API's HTTP base, e.g. `http://localhost:4000` (the kit talks to `<url>/graphql`). */
  readonly url: string;
  /** Send each operation's sha256 hash (`documentId`) instead of its text. */
  readonly persisted?: boolean;
  /** A WebSocket constructor where there is no global one (Node < 22: the `ws` package). */
  readonly webSocketImpl?: unknown;
  readonly fetch?: typeof fetch;
  /** Extra headers on every HTTP request (a `traceparent`, an `x-correlation-id`…). */
  readonly headers?: Record<string, string>;
}

export interface GraphQLErrorShape {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly type?: string; readonly [key: string]: unknown };
}

/** A request the server refused as a whole (top-level errors), with the errors it gave. */
export class KitRequestError extends Error {
  constructor(
    readonly errors: readonly GraphQLErrorShape[],
    readonly status: number,
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') || `HTTP ${status}`);
    this.name = 'KitRequestError';
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface Session {
  readonly userId: string;
  readonly username: string;
  accessToken: string;
  refreshToken: string;
}

export type GameEvent = KitGameEventsSubscription['gameSessionEvents'];

export interface FollowOptions {
  /** The last version already seen (0 or absent: from the start). */
  readonly afterVersion?: number;
  readonly onEvent: (event: GameEvent) => void;
  /** Each time the connection dropped and the kit subscribes again (for logs, UI). */
  readonly onReconnect?: (resumeAfter: number, attempt: number) => void;
  /** A failure that is not a dropped connection (refused subscription…): following stops. */
  readonly onError?: (error: unknown) => void;
  /** Give up after this many reconnects in a row without an event (default 10). */
  readonly maxRetries?: number;
}

export interface Following {
  /** The last version handed to onEvent. */
  readonly lastVersion: () => number;
  /** Settles when following stops (stop(), the subscription completed, or onError). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export class DefenseAlliesClient {
  private session: Session | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: KitOptions) {
    this.fetchFn = options.fetch ?? fetch;
  }

  get current(): Session | null {
    return this.session;
  }

  /** Sends a typed operation (with the session's token, when signed in); `data` or a KitRequestError. */
  async request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const attempt = () => this.send(document, variables, this.session?.accessToken);
    let result = await attempt();
    // An expired (or revoked) access token: refresh once, then retry with the new one.
    if (result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && this.session) {
      await this.refresh();
      result = await attempt();
    }
    if (result.errors?.length || !result.data) throw new KitRequestError(result.errors ?? [], result.status);
    return result.data;
  }

  /** Signs in; the tokens stay in this client for the next requests. */
  async login(login: string, password: string): Promise<Session> {
    const { authenticateUser: answer } = await this.request(KitLoginDocument, { input: { login, password } });
    if (answer.__typename !== 'AuthenticateUserSuccess') throw new Error(`login refused: ${answer.__typename}: ${answer.message}`);
    this.session = { userId: answer.user.id, username: answer.user.username, accessToken: answer.accessToken, refreshToken: answer.refreshToken };
    return this.session;
  }

  /**
   * A new access token for the refresh token, which is rotated (the old one is spent). Callers
   * that arrive while a refresh runs share it: sending the same refresh token twice is reuse.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.rotate().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async rotate(): Promise<void> {
    const session = this.session;
    if (!session) throw new Error('not signed in');
    const result = await this.send(KitRefreshDocument, { input: { refreshToken: session.refreshToken } }, undefined);
    const answer = result.data?.refreshToken;
    if (!answer || answer.__typename !== 'RefreshTokenSuccess') {
      this.session = null; // the session is over (expired, revoked, or the token was reused): sign in again
      throw new KitRequestError(result.errors ?? [{ message: answer ? `${answer.__typename}: ${answer.message}` : 'refresh failed' }], result.status);
    }
    session.accessToken = answer.accessToken;
    session.refreshToken = answer.refreshToken;
  }

  private async send<R, V>(document: TypedDocumentString<R, V>, variables: V, token: string | undefined) {
    const hash = (document.__meta__ as { hash?: string } | undefined)?.hash;
    if (this.options.persisted && !hash) throw new Error('this document has no persisted hash: regenerate with `npm run codegen`');
    const body = this.options.persisted ? { documentId: hash, variables } : { query: document.toString(), variables };
    const response = await this.fetchFn(`${this.options.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...this.options.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: R | null; errors?: GraphQLErrorShape[] };
    return { status: response.status, data: json.data ?? null, errors: json.errors };
  }

  /**
   * Follows a game's events over graphql-ws. A dropped connection is not the end: the kit waits
   * a little, takes a fresh access token if needed, and subscribes again after the last version
   * it delivered. Events arrive in version order; one already delivered is never delivered again.
   */
  followGame(sessionId: string, options: FollowOptions): Following {
    let last = options.afterVersion ?? 0;
    let stopped = false;
    let failures = 0;
    let client: Client | null = null;
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));

    const connect = (): Client =>
      createClient({
        url: `${this.options.url.replace(/^http/, 'ws')}/graphql`,
        ...(this.options.webSocketImpl ? { webSocketImpl: this.options.webSocketImpl } : {}),
        lazy: true,
        // Resuming is ours to do (with afterVersion); graphql-ws's own retry would resend the old variables.
        retryAttempts: 0,
        // Read at every connection: the token current then.
        connectionParams: () => (this.session ? { authorization: `Bearer ${this.session.accessToken}` } : {}),
      });

    const subscribe = () => {
      client = connect();
      // Persisted mode names the document by its hash here too (graphql-ws still wants the text).
      const hash = (KitGameEventsDocument.__meta__ as { hash?: string } | undefined)?.hash;
      const extensions = this.options.persisted && hash ? { persistedQuery: { version: 1, sha256Hash: hash } } : undefined;
      const dispose = client.subscribe<KitGameEventsSubscription>(
        { query: KitGameEventsDocument.toString(), variables: { sessionId, afterVersion: last }, ...(extensions ? { extensions } : {}) },
        {
          next: (message) => {
            if (message.errors?.length) return fail(new KitRequestError(message.errors as GraphQLErrorShape[], 200));
            const event = message.data?.gameSessionEvents;
            if (!event || event.version <= last) return; // a duplicate cannot happen with afterVersion; belt and braces
            if (event.version !== last + 1) return fail(new Error(`gap: version ${event.version} after ${last}`));
            last = event.version;
            failures = 0;
            options.onEvent(event);
          },
          error: (error) => {
            dispose();
            void client?.dispose();
            if (stopped) return finish();
            if (!droppedConnection(error)) return fail(error);
            if (++failures > (options.maxRetries ?? 10)) return fail(new Error(`gave up after ${failures - 1} reconnects`, { cause: error }));
            options.onReconnect?.(last, failures);
            // Backoff (100 ms, 200 ms, … 2 s); an expired access token is refreshed before the next connection.
            setTimeout(() => void resume(), Math.min(2_000, 100 * 2 ** (failures - 1)));
          },
          complete: () => {
            if (!stopped) finish();
          },
        },
      );
    };

    const resume = async () => {
      if (stopped) return;
      if (this.session && expiresSoon(this.session.accessToken)) await this.refresh().catch(fail);
      if (!stopped) subscribe();
    };

    const fail = (error: unknown) => {
      if (stopped) return;
      stopped = true;
      void client?.dispose();
      options.onError?.(error);
      finish();
    };

    subscribe();
    return {
      lastVersion: () => last,
      done,
      stop: async () => {
        stopped = true;
        await client?.dispose();
        finish();
      },
    };
  }
}

/**
 * A dropped connection (worth resubscribing) rather than a refusal: graphql-ws reports a
 * CloseEvent (abnormal 1006, going away 1001, or a server restart 1012) or a socket error event.
 * Closes 4401/4403 (token expired, forbidden) are resumed too: the next connection refreshes.
 */
const droppedConnection = (error: unknown): boolean => {
  if (Array.isArray(error)) return false; // GraphQL errors: the subscription was refused
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return [1000, 1001, 1005, 1006, 1011, 1012, 1013, 4401, 4408].includes(code);
  return typeof error === 'object' && error !== null && 'type' in error; // an 'error' Event from the socket
};

/** Whether a JWT expires within 5 s (read without verifying: only to decide when to refresh). */
const expiresSoon = (token: string): boolean => {
  try {
    const part = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const payload = JSON.parse(atob(part)) as { exp?: number };
    return typeof payload.exp === 'number' && payload.exp * 1000 < Date.now() + 5_000;
  } catch {
    return false;
  }
};
