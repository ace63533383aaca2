/** tracingFromEnv: off without an endpoint, and with one, spans reach it over OTLP/HTTP. */
import { createServer } from 'node:http';
import { trace } from '@opentelemetry/api';
import { afterEach, expect, it } from 'vitest';
import { tracingFromEnv } from '../../src/ops/tracing.js';

afterEach(() => trace.disable());

it('is off without an OTLP endpoint, or when switched off', () => {
  expect(tracingFromEnv({}, 'api')).toBeNull();
  expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_SDK_DISABLED: 'true' }, 'api')).toBeNull();
  expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_TRACES_EXPORTER: 'none' }, 'api')).toBeNull();
});

it('exports spans to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces with the service name', async () => {
  const received: Array<{ url: string; body: string }> = [];
  const collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = collector.address() as { port: number };
    const tracing = tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/`, OTEL_SERVICE_NAME: 'da-test' }, 'api');
    tracing!.tracer.startActiveSpan('exported span', (span) => span.end());
    await tracing!.shutdown(); // flushes the batch
    expect(received.map((r) => r.url)).toEqual(['/v1/traces']);
    expect(received[0]!.body).toContain('exported span');
    expect(received[0]!.body).toContain('da-test');
  } finally {
    collector.close();
  }
});
