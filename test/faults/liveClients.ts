/**
 * Raw live clients for the fault suite, where the test must control the socket itself: a
 * graphql-transport-ws client whose TCP reads can be paused (a subscriber that never reads), and
 * an SSE client over real HTTP that can do the same. Each records every payload and how it ended.
 */
import { request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { sseFrames } from '../support/graphqlClient.js';

export interface Recorded {
  /** Every `next` payload, in arrival order. */
  readonly payloads: Array<{ data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Close code (WS) or 'complete' / 'ended' / an error message. */
  ended: string | number | null;
  pause(): void;
  resume(): void;
  close(): void;
  /** Resolves when the stream ended (completed, closed or failed). */
  readonly done: Promise<void>;
}

/** A graphql-transport-ws subscription over a raw `ws` socket (no retries, no reconnects). */
export const rawWebSocket = (url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Recorded> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const recorded: Recorded = {
      payloads: [],
      ended: null,
      pause: () => (socket as unknown as { _socket: Socket })._socket.pause(),
      resume: () => (socket as unknown as { _socket: Socket })._socket.resume(),
      close: () => socket.close(1000),
      done,
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString('utf8')) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        resolve(recorded);
      } else if (message.type === 'next') recorded.payloads.push(message.payload as Recorded['payloads'][number]);
      else if (message.type === 'error') recorded.payloads.push({ errors: message.payload as [] });
      else if (message.type === 'complete') recorded.ended ??= 'complete';
    });
    socket.on('close', (code) => {
      recorded.ended ??= code;
      reject(new Error(`closed with ${code} before connection_ack`)); // no-op once acknowledged
      finish();
    });
    socket.on('error', (error) => {
      recorded.ended ??= error.message;
      reject(error);
      finish();
    });
  });

/** An SSE subscription over real HTTP (Yoga's distinct-connections mode). */
export const rawSSE = (baseUrl: string, token: string, query: string, variables: Record<string, unknown>): Promise<Recorded> =>
  new Promise((resolve, reject) => {
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    let response: IncomingMessage | null = null;
    const req = request(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    });
    const recorded: Recorded = {
      payloads: [],
      ended: null,
      pause: () => response?.socket.pause(),
      resume: () => response?.socket.resume(),
      close: () => req.destroy(),
      done,
    };
    req.on('response', (res) => {
      response = res;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const { frames, rest } = sseFrames(buffer + chunk);
        buffer = rest;
        for (const { event, data } of frames) {
          if (event === 'next' && data) recorded.payloads.push(JSON.parse(data) as Recorded['payloads'][number]);
          if (event === 'complete') recorded.ended ??= 'complete';
        }
      });
      res.on('end', () => {
        recorded.ended ??= 'ended';
        finish();
      });
      res.on('error', (error) => {
        recorded.ended ??= error.message;
        finish();
      });
      resolve(recorded);
    });
    req.on('error', (error) => {
      recorded.ended ??= error.message;
      reject(error);
      finish();
    });
    req.end(JSON.stringify({ query, variables }));
  });

/** Event versions of the `gameSessionEvents` payloads received so far. */
export const versionsOf = (recorded: Recorded): number[] =>
  recorded.payloads.flatMap((p) => {
    const event = p.data?.gameSessionEvents as { version?: number } | undefined;
    return typeof event?.version === 'number' ? [event.version] : [];
  });

export const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
