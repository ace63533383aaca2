/**
 * A subscription lives only as long as the credentials it was opened with: when its session ends
 * (logout, revocation, expiry) or its access token expires, it receives one final
 * UNAUTHENTICATED error and completes — on every transport (graphql-ws and SSE alike), because
 * it wraps the source stream, not the socket.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context, Viewer } from './context.js';

/** Resolves with the reason when the viewer's credentials stop being good; `release` stops watching. */
export type CredentialsWatch = (viewer: Viewer) => { readonly ended: Promise<string>; release(): void };

type Stream = AsyncIterableIterator<ExecutionResult> | AsyncGenerator<ExecutionResult>;

export function guardStream(source: Stream, watch: ReturnType<CredentialsWatch>): AsyncIterableIterator<ExecutionResult> {
  const inner = source[Symbol.asyncIterator]();
  let finished = false;
  let reason: string | null = null;
  // The pending next() waiting on the source, woken when the credentials end. One short-lived
  // promise per call rather than a race on watch.ended, which would gather a reaction per event.
  let wake: ((ended: { reason: string }) => void) | null = null;
  void watch.ended.then((why) => {
    reason = why;
    wake?.({ reason: why });
  });
  const finish = () => {
    if (finished) return;
    finished = true;
    watch.release();
    void inner.return?.()?.catch(() => undefined);
  };
  const refuse = (why: string): IteratorResult<ExecutionResult> => {
    finish();
    return { done: false, value: { errors: [new GraphQLError(why, { extensions: { code: 'UNAUTHENTICATED' } })] } };
  };
  const guarded: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (finished) return { done: true, value: undefined };
      if (reason !== null) return refuse(reason);
      const ended = new Promise<{ reason: string }>((resolve) => (wake = resolve));
      const next = await Promise.race([inner.next(), ended]);
      wake = null;
      if ('reason' in next) return refuse(next.reason);
      if (next.done) finish();
      return next;
    },
    async return() {
      finish();
      return { done: true, value: undefined };
    },
    async throw(error) {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => guarded,
  };
  return guarded;
}

/** Guards every authenticated subscription; anonymous ones have no credentials to lose. */
export const sessionGuardPlugin = (watch: CredentialsWatch): Plugin => ({
  onSubscribe() {
    return {
      onSubscribeResult({ args, result, setResult }) {
        const viewer = (args.contextValue as Partial<Context>).viewer;
        if (!viewer || !(Symbol.asyncIterator in result)) return;
        setResult(guardStream(result, watch(viewer)));
      },
    };
  },
});
