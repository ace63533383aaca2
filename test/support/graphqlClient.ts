/**
 * A typed GraphQL client over a fetch function (yoga.fetch in-process, or real HTTP), plus SSE and
 * graphql-ws subscription helpers. Documents are the codegen'd TypedDocumentStrings.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { recordSecrets } from './audit.js';

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  /** Phantom types carried by codegen's TypedDocumentString. */
  __apiType?: (variables: TVariables) => TResult;
}

export type ResultOf<D> = D extends TypedDocument<infer R, unknown> ? R : never;
export type VariablesOf<D> = D extends TypedDocument<unknown, infer V> ? V : never;

export interface GraphQLErrorShape {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

export interface GraphQLResponse<R> {
  readonly status: number;
  readonly data?: R | null;
  readonly errors?: readonly GraphQLErrorShape[];
  /** e.g. `readAfter`, a mutation's read-your-writes token. */
  readonly extensions?: Record<string, unknown>;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response> | Response;

export class GraphQLClient {
  constructor(
    private readonly fetchFn: FetchLike,
    private readonly baseUrl = 'http://localhost',
    private readonly headers: Record<string, string> = {},
  ) {}

  withToken(token: string | null): GraphQLClient {
    const headers = { ...this.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    else delete headers.authorization;
    return new GraphQLClient(this.fetchFn, this.baseUrl, headers);
  }

  withHeaders(extra: Record<string, string>): GraphQLClient {
    return new GraphQLClient(this.fetchFn, this.baseUrl, { ...this.headers, ...extra });
  }

  async execute<R, V>(document: TypedDocument<R, V>, ...[variables]: V extends Record<string, never> ? [V?] : [V]): Promise<GraphQLResponse<R>> {
    const response = await this.post({ query: document.toString(), variables: variables ?? {} });
    const body = (await response.json()) as { data?: R | null; errors?: GraphQLErrorShape[] };
    recordSecrets(body.data); // tokens handed out, for the secrets audit
    return { status: response.status, ...body };
  }

  /** `data` or a thrown error with the GraphQL errors (for setup steps that must succeed). */
  async data<R, V>(document: TypedDocument<R, V>, ...[variables]: V extends Record<string, never> ? [V?] : [V]): Promise<R> {
    const result = await (this.execute as (d: TypedDocument<R, V>, v?: V) => Promise<GraphQLResponse<R>>)(document, variables);
    if (!result.data || result.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors ?? result)}`);
    return result.data;
  }

  post(body: unknown, init: RequestInit = {}): Promise<Response> {
    recordSecrets(typeof body === 'string' ? safeJson(body) : body); // passwords and tokens sent, for the secrets audit
    recordSecrets({ accessToken: this.headers.authorization?.replace(/^Bearer /i, '') });
    return Promise.resolve(
      this.fetchFn(`${this.baseUrl}/graphql`, {
        method: 'POST',
        ...init,
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...this.headers, ...(init.headers as Record<string, string> | undefined) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  }

  get(path: string, init: RequestInit = {}): Promise<Response> {
    return Promise.resolve(this.fetchFn(`${this.baseUrl}${path}`, { ...init, headers: { ...this.headers, ...(init.headers as Record<string, string> | undefined) } }));
  }

  /** A subscription over SSE (Yoga's distinct-connections mode). */
  subscribeSSE<R, V>(document: TypedDocument<R, V>, variables?: V): LiveSubscription<R> {
    const controller = new AbortController();
    const queue = new AsyncQueue<GraphQLResponse<R>>();
    let reader: ReadableStreamDefaultReader<string> | null = null;
    const run = async () => {
      const response = await this.post({ query: document.toString(), variables: variables ?? {} }, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
      if (!response.body) throw new Error(`no SSE body (status ${response.status})`);
      reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const { frames, rest } = sseFrames(buffer + value);
        buffer = rest;
        for (const { event, data } of frames) {
          if (event === 'next' && data) queue.push({ status: response.status, ...(JSON.parse(data) as object) });
          if (event === 'complete') return queue.end();
        }
      }
      queue.end();
    };
    run().catch((error: unknown) => (controller.signal.aborted ? queue.end() : queue.fail(error)));
    // Closing is what a browser does: abort the request and stop reading the body (in-process
    // fetch only notices the latter).
    return { next: (timeoutMs) => queue.next(timeoutMs), close: async () => (controller.abort(), await reader?.cancel().catch(() => undefined)) };
  }
}

export interface LiveSubscription<R> {
  /** The next payload (rejects after `timeoutMs`, default 5 s). null when the stream completed. */
  next(timeoutMs?: number): Promise<GraphQLResponse<R> | null>;
  close(): Promise<void>;
}

/** The complete SSE frames at the head of `buffer` (their `event:` and `data:` lines), and what is left of it. */
export function sseFrames(buffer: string): { frames: { event?: string; data?: string }[]; rest: string } {
  const frames: { event?: string; data?: string }[] = [];
  let rest = buffer;
  let split: number;
  while ((split = rest.indexOf('\n\n')) >= 0) {
    const frame = rest.slice(0, split);
    rest = rest.slice(split + 2);
    frames.push({ event: /^event: (.*)$/m.exec(frame)?.[1], data: /^data: (.*)$/m.exec(frame)?.[1] });
  }
  return { frames, rest };
}

/** A subscription over graphql-ws against a listening server. */
export function subscribeWS<R, V>(wsUrl: string, token: string | null, document: TypedDocument<R, V>, variables?: V): LiveSubscription<R> & { connected: Promise<void> } {
  const queue = new AsyncQueue<GraphQLResponse<R>>();
  let resolveConnected!: () => void;
  const connected = new Promise<void>((resolve) => (resolveConnected = resolve));
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    // Connection errors reach the subscription's sink; no need for the default console.error.
    onNonLazyError: () => undefined,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { connected: () => resolveConnected() },
  });
  const dispose = client.subscribe<R>(
    { query: document.toString(), variables: (variables ?? {}) as Record<string, unknown> },
    {
      next: (value) => queue.push({ status: 200, ...(value as object) } as GraphQLResponse<R>),
      error: (error) => {
        const close = error as { code?: number; reason?: string };
        const errors: GraphQLErrorShape[] = Array.isArray(error)
          ? (error as GraphQLErrorShape[])
          : typeof close.code === 'number'
            ? [{ message: close.reason || 'connection closed', extensions: { closeCode: close.code } }]
            : [{ message: String((error as Error)?.message ?? error) }];
        queue.push({ status: 200, errors });
      },
      complete: () => queue.end(),
    },
  );
  return {
    connected,
    next: (timeoutMs) => queue.next(timeoutMs),
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

class AsyncQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Array<{ resolve: (v: T | null) => void; reject: (e: unknown) => void }> = [];
  private done = false;
  private error: unknown = null;

  push(item: T) {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(item);
    else this.items.push(item);
  }
  end() {
    this.done = true;
    for (const w of this.waiters.splice(0)) w.resolve(null);
  }
  fail(error: unknown) {
    this.error = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
  next(timeoutMs = 5_000): Promise<T | null> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    if (this.error) return Promise.reject(this.error);
    if (this.done) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const waiter = { resolve: (v: T | null) => (clearTimeout(timer), resolve(v)), reject: (e: unknown) => (clearTimeout(timer), reject(e)) };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no subscription payload within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

/**
 * Waits until a live-only subscription (no resume position) is really active: pokes the system
 * and waits for a payload that shows it, poking again if nothing came. Beats a fixed sleep on a
 * busy machine.
 */
export async function untilLive<R>(subscription: LiveSubscription<R>, poke: () => Promise<unknown>, seen: (payload: GraphQLResponse<R>) => boolean, attempts = 20): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    await poke();
    const deadline = Date.now() + 500;
    while (Date.now() < deadline) {
      const next = await subscription.next(Math.max(1, deadline - Date.now())).catch(() => null);
      if (next && seen(next)) return;
    }
  }
  throw new Error(`subscription not live after ${attempts} pokes`);
}
