/**
 * A subscriber that does not keep up is cut off, never waited for: its stream fails with
 * SubscriberTooSlowError once its bounded buffer overflows (liveFanOut.ts, the bus's iterators),
 * and this plugin turns that into what the transport can say:
 *   - graphql-ws: the socket closes with 4413 "Subscriber too slow" (the client reconnects and
 *     resumes with `afterVersion`);
 *   - SSE: one last payload with a SUBSCRIBER_TOO_SLOW error, then the stream completes.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { SubscriberTooSlowError } from '../core/errors.js';

/** graphql-ws close code for a subscriber cut off because its buffer overflowed. */
export const SUBSCRIBER_TOO_SLOW_CLOSE_CODE = 4413;
export const SUBSCRIBER_TOO_SLOW_CODE = 'SUBSCRIBER_TOO_SLOW';

interface ClosableSocket {
  close(code: number, reason: string): void;
  send(data: string): unknown;
}

/** The graphql-ws socket when the operation runs over one (webSocket.ts puts it in the context). */
const socketOf = (context: unknown): ClosableSocket | null => {
  const socket = (context as { socket?: Partial<ClosableSocket> } | null)?.socket;
  return socket && typeof socket.close === 'function' && typeof socket.send === 'function' ? (socket as ClosableSocket) : null;
};

type Stream = AsyncIterableIterator<ExecutionResult> | AsyncGenerator<ExecutionResult>;

export function cutOffWhenSlow(source: Stream, socket: ClosableSocket | null, onCutOff?: () => void): AsyncIterableIterator<ExecutionResult> {
  const inner = source[Symbol.asyncIterator]();
  let finished = false;
  const stream: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        return await inner.next();
      } catch (error) {
        if (!(error instanceof SubscriberTooSlowError)) throw error;
        finished = true;
        onCutOff?.();
        if (socket) {
          socket.close(SUBSCRIBER_TOO_SLOW_CLOSE_CODE, 'Subscriber too slow');
          return { done: true, value: undefined };
        }
        return { done: false, value: { errors: [new GraphQLError(error.message, { extensions: { code: SUBSCRIBER_TOO_SLOW_CODE } })] } };
      }
    },
    async return() {
      finished = true;
      await inner.return?.();
      return { done: true, value: undefined };
    },
    async throw(error) {
      finished = true;
      await inner.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}

export const slowSubscriberPlugin = (onCutOff?: () => void): Plugin => ({
  onSubscribe() {
    return {
      onSubscribeResult({ args, result, setResult }) {
        if (!(Symbol.asyncIterator in result)) return;
        setResult(cutOffWhenSlow(result, socketOf(args.contextValue), onCutOff));
      },
    };
  },
});
