/**
 * The listening side of the API: Node's HTTP server for Yoga plus graphql-ws on the same port,
 * and a graceful close (stop accepting, let requests finish briefly, complete subscriptions).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { Viewer } from './context.js';
import { attachWebSocket } from './webSocket.js';
import type { PersistedAllowList, Yoga } from './yoga.js';

export interface HttpListener {
  /** Starts HTTP + WebSocket on `port` (0 = any free port). */
  listen(port: number): Promise<{ port: number; url: string }>;
  /** Graceful: idle connections close at once, busy ones get up to 2 s, WebSocket subscriptions complete. */
  close(): Promise<void>;
}

export function httpListener(
  yoga: Yoga,
  log: Logger,
  authenticate: (token: string) => Promise<Viewer>,
  maxMessageBytes: number,
  wsKeepAliveMs?: number,
  allowList: PersistedAllowList | null = null,
): HttpListener {
  let http: Server | null = null;
  let ws: ReturnType<typeof attachWebSocket> | null = null;
  return {
    async listen(port) {
      const server = createServer(yoga);
      http = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve());
      });
      // Attached once listening: a port in use is then one error from listen, not also an
      // unhandled one re-emitted by the WebSocket server.
      ws = attachWebSocket(yoga, server, log, authenticate, maxMessageBytes, wsKeepAliveMs, allowList);
      const actual = (server.address() as AddressInfo).port;
      log.info({ port: actual }, `Defense Allies server listening on http://localhost:${actual}/graphql`);
      return { port: actual, url: `http://127.0.0.1:${actual}` };
    },
    async close() {
      const server = http;
      if (!server) return;
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await ws?.dispose();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      server.closeAllConnections();
    },
  };
}
