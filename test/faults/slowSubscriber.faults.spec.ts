/**
 * Fault: subscribers that never read. One graphql-ws and one SSE client stop reading their socket
 * while a game emits 10 MB of events; a healthy graphql-ws and SSE subscriber follow the same
 * game. The server must not buffer for the sleepers without bound: once one has more than
 * `eventBus.bufferSize` events waiting (beyond what the kernel's socket buffers hold) it is cut
 * off — graphql-ws with close code 4413, SSE with a final SUBSCRIBER_TOO_SLOW error — and the
 * healthy subscribers receive every event, in order, exactly once.
 *
 * The burst is appended to the game's stream and published on the server's own bus, exactly what
 * a commit does, with large payloads: game commands alone would need ~10,000 events to fill the
 * ~4 MB of loopback socket buffers in front of each sleeper.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateGameSessionDocument, GameSessionEventsDocument } from '../generated/graphql.js';
import { eventually, signUp, type Player } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { newEvent } from '../infrastructure/events.js';
import { range, rawSSE, rawWebSocket, versionsOf } from './liveClients.js';

const BUFFER = 8;
const EVENTS = 40;
const PAYLOAD_BYTES = 256 * 1024;

let app: TestApp;
let baseUrl: string;

beforeAll(async () => {
  // graphql-ws would drop a client that answers no ping (1006) before a slow machine overflows its
  // buffer: the keep-alive is long here, so what is tested is the cut-off itself.
  app = await startTestApp({ overrides: { 'eventBus.bufferSize': BUFFER, 'graphql.wsKeepAliveMs': 300_000 } });
  const { port } = await app.server.listen(0);
  baseUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app?.close();
});

const createSession = async (host: Player) => {
  const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 4 } });
  if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
  return createGameSession.gameSession;
};

it('cuts off a subscriber that never reads (WS 4413, SSE SUBSCRIBER_TOO_SLOW); the others get every event', async () => {
  const host = await signUp(app);
  const session = await createSession(host);
  const query = GameSessionEventsDocument.toString();
  const variables = { sessionId: session.id, afterVersion: session.version };
  const wsUrl = `${baseUrl.replace('http', 'ws')}/graphql`;
  const [healthyWs, sleepingWs, healthySse, sleepingSse] = await Promise.all([
    rawWebSocket(wsUrl, host.token, query, variables),
    rawWebSocket(wsUrl, host.token, query, variables),
    rawSSE(baseUrl, host.token, query, variables),
    rawSSE(baseUrl, host.token, query, variables),
  ]);
  sleepingWs.pause();
  sleepingSse.pause();
  const fanOut = () => app.server.services.liveStreams.counts();
  await eventually(async () => fanOut().followers === 4, 15_000);

  const { eventStore } = app.server.infrastructure;
  const { bus } = app.server.readModels;
  const ref = { aggregateType: 'game_session', aggregateId: session.id };
  let version = session.version;
  const started = Date.now();
  const blob = 'x'.repeat(PAYLOAD_BYTES);
  for (let batch = 0; batch < EVENTS / 10; batch++) {
    const events = Array.from({ length: 10 }, () => newEvent('SpectatorNote', { blob }));
    const { envelopes } = await eventStore.append(ref, events, { expectedVersion: version });
    version += envelopes.length;
    await bus.publishBatch(envelopes);
  }
  const last = version;

  // The sleepers are released on the server while they still read nothing…
  await eventually(async () => fanOut().followers === 2, 60_000);
  const cutOffs = /^da_subscribers_cut_off_total(?:\{[^}]*\})? (\d+)$/m.exec(await (await app.client.get('/metrics')).text())?.[1];
  console.log(`cut off after ${Date.now() - started} ms (${cutOffs} cut-offs); ws ${versionsOf(healthyWs).length} sse ${versionsOf(healthySse).length} delivered so far`);
  // …and when they read again they find a contiguous prefix, then the cut-off.
  sleepingWs.resume();
  sleepingSse.resume();
  await Promise.all([sleepingWs.done, sleepingSse.done]);
  expect(sleepingWs.ended).toBe(4413);
  const wsSeen = versionsOf(sleepingWs);
  expect(wsSeen.length).toBeLessThan(last - session.version);
  expect(wsSeen).toEqual(range(session.version + 1, session.version + wsSeen.length));

  const sseSeen = versionsOf(sleepingSse);
  expect(sseSeen.length).toBeLessThan(last - session.version);
  expect(sseSeen).toEqual(range(session.version + 1, session.version + sseSeen.length));
  expect(sleepingSse.payloads.at(-1)?.errors?.[0]?.extensions?.code).toBe('SUBSCRIBER_TOO_SLOW');
  expect(sleepingSse.ended).toBe('complete');

  // The healthy ones: everything, in order, exactly once.
  await eventually(async () => versionsOf(healthyWs).length >= last - session.version && versionsOf(healthySse).length >= last - session.version, 60_000, 100);
  expect(versionsOf(healthyWs)).toEqual(range(session.version + 1, last));
  expect(versionsOf(healthySse)).toEqual(range(session.version + 1, last));
  expect(healthyWs.ended).toBeNull();
  expect(healthySse.ended).toBeNull();

  const metrics = await (await app.client.get('/metrics')).text();
  expect(metrics).toMatch(/^da_subscribers_cut_off_total(\{[^}]*\})? 2$/m);
  healthyWs.close();
  healthySse.close();
}, 180_000);
