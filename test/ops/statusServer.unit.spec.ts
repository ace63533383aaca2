/** The status face of a process without the api role: /health, /ready (200/503), /metrics (token), nothing else. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createOpsMetrics } from '../../src/ops/metrics.js';
import { statusServer, type StatusServer } from '../../src/ops/statusServer.js';

let server: StatusServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const start = async (ready: boolean, metricsToken: string | null = null) => {
  const metrics = createOpsMetrics({ processMetrics: false });
  metrics.attach({ schedulerActive: () => true });
  server = statusServer({
    ready: async () => ({ ready, roles: ['scheduler'], scheduler: ready ? 'active' : 'standby' }),
    metrics,
    metricsToken,
    roles: ['scheduler'],
    log: createLogger('silent'),
  });
  return (await server.listen(0)).url;
};

describe('status server', () => {
  it('answers /health, /ready with the report and its status, /metrics; 404 for the rest', async () => {
    const url = await start(true);
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok', roles: ['scheduler'] });
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, roles: ['scheduler'], scheduler: 'active' });
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^da_scheduler_active 1$/m);
    const other = await fetch(`${url}/graphql`);
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('not the api role');
    expect((await fetch(`${url}/ready`, { method: 'POST' })).status).toBe(405);
  });

  it('says 503 when not ready, and guards /metrics with the token when one is set', async () => {
    const url = await start(false, 'a-metrics-token-of-some-length');
    expect((await fetch(`${url}/ready`)).status).toBe(503);
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer a-metrics-token-of-some-length' } })).status).toBe(200);
  });
});
