/**
 * The HTTP face of a process without the api role (ROLES=worker, ROLES=scheduler, or both): GET
 * /health (alive), /ready (readiness.ts) and /metrics (Prometheus, behind metrics.token when set),
 * nothing else. Probes and scrapers then treat every process of the build alike.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { OpsMetrics } from './metrics.js';
import type { ReadinessReport } from './readiness.js';

export interface StatusServerDeps {
  readonly ready: () => Promise<ReadinessReport>;
  readonly metrics: OpsMetrics;
  /** metrics.token: GET /metrics then needs `Authorization: Bearer <token>`. */
  readonly metricsToken: string | null;
  readonly roles: readonly string[];
  readonly log: Logger;
}

export interface StatusServer {
  listen(port: number): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
};

export function statusServer(deps: StatusServerDeps): StatusServer {
  const expected = deps.metricsToken ? Buffer.from(`Bearer ${deps.metricsToken}`, 'utf8') : null;
  const authorized = (req: IncomingMessage) => {
    if (!expected) return true;
    const given = Buffer.from(req.headers.authorization ?? '', 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://status').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method Not Allowed', { allow: 'GET, HEAD' });
    if (path === '/health') return send(res, 200, 'application/json', JSON.stringify({ status: 'ok', roles: deps.roles }));
    if (path === '/ready') {
      const report = await deps.ready().catch(() => ({ ready: false }));
      return send(res, report.ready ? 200 : 503, 'application/json', JSON.stringify(report));
    }
    if (path === '/metrics') {
      if (!authorized(req)) return send(res, 401, 'text/plain', 'Unauthorized', { 'www-authenticate': 'Bearer realm="metrics"' });
      const { contentType, body } = await deps.metrics.render();
      return send(res, 200, contentType, body);
    }
    send(res, 404, 'application/json', JSON.stringify({ error: `not found: this process runs ${deps.roles.join(', ')}, not the api role; it serves /health, /ready and /metrics only` }));
  };
  let server: Server | null = null;
  return {
    async listen(port) {
      const created = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
          deps.log.warn({ err: error }, 'status request failed');
          if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
          else res.destroy();
        });
      });
      server = created;
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(port, () => resolve());
      });
      const actual = (created.address() as AddressInfo).port;
      return { port: actual, url: `http://127.0.0.1:${actual}` };
    },
    async close() {
      const current = server;
      if (!current) return;
      const closed = new Promise((resolve) => current.close(resolve));
      current.closeAllConnections();
      await closed;
    },
  };
}
