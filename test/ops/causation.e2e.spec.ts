/**
 * causationTree over GraphQL on real Redis: a matchmaking request, through the process manager,
 * to the game session it created, as one tree across aggregates.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createReadModelKeys } from '../../src/infrastructure/redis/keys.js';
import { RequestMatchDocument } from '../generated/graphql.js';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { eventually, signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, CAUSATION_TREE, adminOverrides, errorCode, login, type Json } from './opsHelpers.js';

let app: TestApp;
let admin: GraphQLClient;

beforeAll(async () => {
  app = await startTestApp({ overrides: adminOverrides });
  ({ client: admin } = await login(app.client, ADMIN.username, ADMIN.password));
});
afterAll(async () => {
  await app?.close();
});

describe('causationTree', () => {
  it('shows a match request, the process manager, the match and the game it created, in order, across aggregates', async () => {
    const [alice, bob] = await Promise.all([signUp(app), signUp(app)]);
    await alice.client.data(RequestMatchDocument, { input: { difficulty: 'NORMAL' } });
    const correlationId = `match-${randomUUID()}`;
    await bob.client.withHeaders({ 'x-correlation-id': correlationId }).data(RequestMatchDocument, { input: { difficulty: 'NORMAL' } });

    const tree = await eventually(async () => {
      const result = await admin.execute(CAUSATION_TREE, { correlationId });
      const nodes: Json[] = result.data?.causationTree?.nodes ?? [];
      return nodes.filter((n) => n.type === 'PlayerJoined').length === 2 ? result.data!.causationTree : null;
    }, 20_000);
    const nodes: Json[] = tree.nodes;
    const line = (n: Json) => `${'  '.repeat(n.depth)}${n.kind} ${n.type}`;
    const outline = nodes.map(line);
    // The request, then what the process manager did about it, each command under the event that caused it.
    const path = ['CORRELATION', 'COMMAND RequestMatch', 'EVENT MatchRequested', 'COMMAND FormMatch', 'EVENT MatchFormed', 'COMMAND CreateGameSession', 'EVENT GameSessionCreated'];
    let at = 0;
    for (const step of path) {
      const found = outline.findIndex((l, i) => i >= at && l.trim().startsWith(step));
      expect(found, `${step} after line ${at} in\n${outline.join('\n')}`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    expect(tree).toMatchObject({ kind: 'CORRELATION', id: correlationId, children: [{ kind: 'COMMAND', type: 'RequestMatch' }] });

    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const n of nodes.slice(1)) {
      expect(byId.get(n.parentId)?.depth).toBe(n.depth - 1);
      expect(n.at >= byId.get(n.parentId).at).toBe(true);
    }
    const command = nodes.find((n) => n.type === 'RequestMatch');
    expect(command.userId).toBe(bob.userId);
    expect(nodes.find((n) => n.type === 'FormMatch').userId).toBe('system');
    const joined = nodes.filter((n) => n.type === 'PlayerJoined');
    const created = nodes.find((n) => n.type === 'GameSessionCreated');
    expect(joined.every((n) => n.aggregateId === created.aggregateId && n.aggregateType === created.aggregateType)).toBe(true);
    expect(new Set(nodes.filter((n) => n.kind === 'EVENT').map((n) => n.aggregateType)).size).toBeGreaterThanOrEqual(2);
    // Events of stream-backed aggregates come with the stored event.
    expect(created.event).toMatchObject({ eventId: created.id, eventType: 'GameSessionCreated', correlationId, causationId: created.parentId });
    const times = nodes.filter((n) => n.kind === 'EVENT').map((n) => n.at);
    expect(times.length).toBeGreaterThanOrEqual(5);

    // The causation collection is unlisted: its document, and no every-id sorted set.
    const url = inject('redisUrl');
    if ((inject('redisClusterNodes') ?? []).length === 0 && url) {
      const redis = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        const keys = createReadModelKeys(app.prefix);
        expect(await redis.exists(keys.doc('causation', 1, 'causation', correlationId))).toBe(1);
        expect(await redis.exists(keys.ids('causation', 1, 'causation'))).toBe(0);
      } finally {
        await redis.quit();
      }
    }
  });

  it('refuses players, and says NOT_FOUND for an unknown correlation', async () => {
    const player = await signUp(app);
    expect(errorCode(await player.client.execute(CAUSATION_TREE, { correlationId: 'x' }))).toBe('FORBIDDEN');
    expect(errorCode(await admin.execute(CAUSATION_TREE, { correlationId: `none-${randomUUID()}` }))).toBe('NOT_FOUND');
  });
});
