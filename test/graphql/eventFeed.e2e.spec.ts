/** The admin event feed (all events, filtered) and a player's own events; secrets never leave. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthenticateUserDocument, CreateGameSessionDocument, EventsDocument, MyEventsDocument } from '../generated/graphql.js';
import { untilLive } from '../support/graphqlClient.js';
import { signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let adminToken: string;
beforeAll(async () => {
  app = await startTestApp({ overrides: { 'auth.adminUsername': 'ops', 'auth.adminPassword': 'ops-password-1' } });
  const { authenticateUser } = await app.client.data(AuthenticateUserDocument, { input: { login: 'ops', password: 'ops-password-1' } });
  if (authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error('admin login failed');
  adminToken = authenticateUser.accessToken;
});
afterAll(async () => app?.close());

it('admins follow every event live, filtered, without password or token hashes', async () => {
  const feed = app.client.withToken(adminToken).subscribeSSE(EventsDocument, { filter: { eventTypes: ['UserRegistered', 'SessionStarted'] } });
  try {
    // A live-only feed: wait until it demonstrably delivers before the real registration.
    await untilLive(feed, () => signUp(app), (p) => p.data?.events.eventType === 'UserRegistered');
    const player = await signUp(app);
    const seen = [];
    while (seen.length < 2) {
      const next = await feed.next();
      if (next?.data?.events.aggregateId === player.userId || (next?.data?.events.data as { userId?: string })?.userId === player.userId) seen.push(next!.data!.events);
    }
    expect(seen.map((e) => e.eventType)).toEqual(['UserRegistered', 'SessionStarted']);
    expect(JSON.stringify(seen)).not.toMatch(/scrypt|Hash/);
    expect(seen[0]!.data).toMatchObject({ userId: player.userId, username: player.username });
    expect(seen[0]!.correlationId).toBeTruthy();
  } finally {
    await feed.close();
  }
});

it('players cannot open the admin feed', async () => {
  const player = await signUp(app);
  const feed = player.client.subscribeSSE(EventsDocument, {});
  expect((await feed.next())?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  await feed.close();
  const anonymous = app.client.subscribeSSE(EventsDocument, {});
  expect((await anonymous.next())?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await anonymous.close();
});

it("myEvents carries the caller's own events only", async () => {
  const [alice, bob] = await Promise.all([signUp(app), signUp(app)]);
  const mine = alice.client.subscribeSSE(MyEventsDocument);
  try {
    const create = (p: typeof alice) => p.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 1 } });
    await untilLive(mine, () => create(alice), (p) => p.data?.myEvents.eventType === 'PlayerJoined');
    await create(bob);
    const { createGameSession } = await create(alice);
    const id = createGameSession.__typename === 'CreateGameSessionSuccess' ? createGameSession.gameSession.id : '';
    const received = [];
    while (received.length < 2) {
      const event = (await mine.next())?.data?.myEvents;
      if (!event) throw new Error('feed ended');
      expect(event.userId).toBe(alice.userId); // never bob's
      if (event.aggregateId === id) received.push(event);
    }
    expect(received).toMatchObject([
      { eventType: 'GameSessionCreated', version: 1 },
      { eventType: 'PlayerJoined', version: 2 },
    ]);
  } finally {
    await mine.close();
  }
});
