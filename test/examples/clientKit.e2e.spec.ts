/**
 * The client kit (examples/client-kit) against a real server on the suite's Redis, in
 * persisted-operations-only mode with the kit's own codegen'd allow-list: a whole two-player game,
 * followed over graphql-ws while the test drops the connection after the first waves — the kit
 * resumes with afterVersion and the follower sees every version exactly once. Token rotation:
 * a refused access token is refreshed once and the request retried; concurrent refreshes share one.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DefenseAlliesClient, KitRequestError } from '../../examples/client-kit/src/client.js';
import { play } from '../../examples/client-kit/src/play.js';
import { KitMeDocument, KitRegisterDocument } from '../../examples/client-kit/generated/graphql.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const allowList = fileURLToPath(new URL('../../examples/client-kit/generated/persisted-documents.json', import.meta.url));

/** The sockets the kit opens, so the test can cut them as a network would (no close handshake). */
const sockets: WebSocket[] = [];
class TrackedWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    sockets.push(this);
  }
}

let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await startTestApp({ overrides: { 'graphql.persistedOperationsOnly': true, 'graphql.persistedDocumentsFile': allowList } });
  url = `http://127.0.0.1:${(await app.server.listen(0)).port}`;
});
afterAll(() => app?.close());

describe('the client kit', () => {
  it('plays a whole game by hash only and follows it across a dropped WebSocket with no gap and no duplicate', async () => {
    let cut = 0;
    const result = await play(url, true, {
      client: { webSocketImpl: TrackedWebSocket },
      between: (wave) => {
        if (wave > 2) return;
        // Drop every open connection abruptly (1006 on the client), as a lost network would.
        for (const socket of sockets) {
          if (socket.readyState === WebSocket.OPEN) {
            socket.terminate();
            cut++;
          }
        }
      },
    });
    expect(['VICTORY', 'DEFEAT']).toContain(result.result);
    expect(cut).toBeGreaterThanOrEqual(1);
    expect(result.reconnects).toBe(cut);
    expect(sockets.length).toBe(cut + 1);
    // Every version from the first to the last, once each, in order.
    expect(result.events.map((e) => e.version)).toEqual(Array.from({ length: result.finalVersion }, (_, i) => i + 1));
    expect(new Set(result.events.map((e) => e.eventId)).size).toBe(result.finalVersion);
    expect(result.events.at(-1)?.eventType).toBe('GameEnded');
  });

  it('is refused when it sends a document instead of its hash (the server allows only the kit’s allow-list)', async () => {
    const byText = new DefenseAlliesClient({ url, persisted: false });
    await expect(byText.request(KitRegisterDocument, { input: { username: 'textual', email: 'textual@example.com', password: 'correct horse battery' } })).rejects.toBeInstanceOf(
      KitRequestError,
    );
  });

  it('refreshes a refused access token once, rotating the refresh token, and shares one refresh between concurrent callers', async () => {
    const kit = new DefenseAlliesClient({ url, persisted: true });
    const username = `rot${Date.now().toString(36)}`;
    await kit.request(KitRegisterDocument, { input: { username, email: `${username}@example.com`, password: 'correct horse battery' } });
    const session = await kit.login(username, 'correct horse battery');
    const firstRefresh = session.refreshToken;

    // Concurrent refreshes: one rotation (a second use of the same refresh token would revoke the session).
    await Promise.all([kit.refresh(), kit.refresh(), kit.refresh()]);
    expect(kit.current?.refreshToken).not.toBe(firstRefresh);
    expect((await kit.request(KitMeDocument, {})).me?.username).toBe(username);

    // An access token the server refuses (here: garbage; in life: expired) → refresh, retry, answered.
    const beforeRetry = kit.current!.refreshToken;
    kit.current!.accessToken = 'not-a-token';
    expect((await kit.request(KitMeDocument, {})).me?.username).toBe(username);
    expect(kit.current?.refreshToken).not.toBe(beforeRetry);

    // The spent refresh token is dead: reusing it is theft, the server revokes the whole session.
    const thief = new DefenseAlliesClient({ url, persisted: true });
    Object.assign(thief, { session: { userId: session.userId, username, accessToken: 'x', refreshToken: firstRefresh } });
    await expect(thief.refresh()).rejects.toBeInstanceOf(KitRequestError);
  });
});
