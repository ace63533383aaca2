/**
 * OpenTelemetry (ops/tracing.ts) through the whole server on real Redis, spans caught by an
 * in-memory exporter: a mutation sent with a W3C `traceparent` becomes one trace — the operation,
 * its command, the aggregate's load and append, and (asynchronously) the projection that handles
 * its event — and the trace id is in the command's log line. Without a tracer nothing is traced,
 * but the incoming trace id still reaches the logs.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../src/ops/tracing.js';
import { CreateGameSessionDocument } from '../generated/graphql.js';
import { eventually, signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const logSink = () => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
};

const newTrace = () => {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, traceparent: `00-${traceId}-${parentId}-01` };
};

const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

describe('with a tracer', () => {
  const exporter = new InMemorySpanExporter();
  const sink = logSink();
  let tracing: Tracing;
  let app: TestApp;

  beforeAll(async () => {
    tracing = startTracing(new SimpleSpanProcessor(exporter), { serviceName: 'test', role: 'api' });
    app = await startTestApp({ tracer: tracing.tracer, log: sink.log });
  });
  afterAll(async () => {
    await app?.close();
    await tracing?.shutdown();
  });

  it('makes one trace of a mutation: operation → command → load and append, then the projection of its event', async () => {
    const host = await signUp(app, 'tracer');
    const { traceId, parentId, traceparent } = newTrace();

    const { createGameSession } = await host.client.withHeaders({ traceparent }).data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
    if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
    const sessionId = createGameSession.gameSession.id;

    const inTrace = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const named = (name: string) => inTrace().filter((span) => span.name === name);
    // The game projection handles GameSessionCreated and PlayerJoined (the host) on its own schedule: wait for both.
    await eventually(async () => named('project game').length >= 2, 15_000);

    const [operation] = named('mutation CreateGameSession');
    expect(operation).toBeDefined();
    expect(operation!.kind).toBe(SpanKind.SERVER);
    expect(parentOf(operation!)).toBe(parentId);
    expect(operation!.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'CreateGameSession', 'enduser.id': host.userId });

    const [command] = named('command CreateGameSession');
    expect(command).toBeDefined();
    expect(parentOf(command!)).toBe(operation!.spanContext().spanId);
    expect(command!.attributes).toMatchObject({ 'da.command.type': 'CreateGameSession', 'da.aggregate.type': 'game_session', 'da.aggregate.id': sessionId, 'da.events': 2 });
    const commandId = command!.attributes['da.command.id'];

    const [append] = named('append game_session');
    expect(append).toBeDefined();
    expect(append!.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(append!)).toBe(command!.spanContext().spanId);
    expect(append!.attributes).toMatchObject({ 'db.system.name': 'redis', 'da.aggregate.id': sessionId, 'da.events': 2, 'da.expected_version': 0 });
    expect(named('load game_session').every((load) => parentOf(load) === command!.spanContext().spanId)).toBe(true);

    // Asynchronously, on the projection's own loop: still this trace, under the command that caused the events.
    const projected = named('project game');
    expect(projected.map((span) => span.attributes['da.event.type']).sort()).toEqual(['GameSessionCreated', 'PlayerJoined']);
    for (const span of projected) {
      expect(span.kind).toBe(SpanKind.CONSUMER);
      expect(parentOf(span)).toBe(command!.spanContext().spanId);
      expect(span.attributes).toMatchObject({ 'da.consumer': 'game', 'da.aggregate.id': sessionId });
    }
    // Every span of the trace hangs off the caller's span: nothing is orphaned.
    const ids = new Set([parentId, ...inTrace().map((span) => span.spanContext().spanId)]);
    expect(inTrace().filter((span) => !ids.has(parentOf(span) ?? ''))).toEqual([]);

    // The command's log line carries the trace id next to its command and correlation ids.
    const line = sink.lines.find((l) => l.msg === 'command handled' && l.commandId === commandId);
    expect(line).toMatchObject({ commandType: 'CreateGameSession', traceId });
  });

  it('starts a new trace for a request without traceparent, and ignores a malformed one', async () => {
    const host = await signUp(app, 'tracer');
    exporter.reset();
    await host.client.withHeaders({ traceparent: '00-zz-not-a-trace-01' }).data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 1 } });
    const operation = await eventually(async () => exporter.getFinishedSpans().find((span) => span.name === 'mutation CreateGameSession'));
    expect(parentOf(operation)).toBeUndefined();
    expect(operation.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('without a tracer (the default)', () => {
  const sink = logSink();
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ log: sink.log });
  });
  afterAll(() => app?.close());

  it("still logs the caller's trace id with the request and its commands", async () => {
    const host = await signUp(app, 'untraced');
    const { traceId, traceparent } = newTrace();
    await host.client.withHeaders({ traceparent }).data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 1 } });
    await eventually(async () => sink.lines.find((l) => l.msg === 'command handled' && l.commandType === 'CreateGameSession'));
    expect(sink.lines.find((l) => l.msg === 'command handled' && l.commandType === 'CreateGameSession')).toMatchObject({ traceId });
    await eventually(async () => sink.lines.find((l) => l.msg === 'graphql operation' && l.operationName === 'CreateGameSession'));
    expect(sink.lines.find((l) => l.msg === 'graphql operation' && l.operationName === 'CreateGameSession')).toMatchObject({ traceId });
  });
});
