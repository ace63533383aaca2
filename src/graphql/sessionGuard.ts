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
  const finish = () => {
    if (finished) return;
    finished = true;
    watch.release();
    void inner.return?.()?.catch(() => undefined);
  };
  const ended = watch.ended.then((reason) => ({ reason }));
  const guarded: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (finished) return { done: true, value: undefined };
      const next = await Promise.race([inner.next(), ended]);
      if ('reason' in next) {
        finish();
        return { done: false, value: { errors: [new GraphQLError(next.reason, { extensions: { code: 'UNAUTHENTICATED' } })] } };
      }
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
