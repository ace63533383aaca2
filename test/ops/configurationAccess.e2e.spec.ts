/**
 * `configuration` (and every admin query) refused as a typed error: the field is `[ConfigurationEntry!]!`
 * by contract, so the refusal is a top-level error; it names the role and carries the same type name a
 * mutation's union would (`extensions.type: ForbiddenError`) next to `extensions.code`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../support/graphqlClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, CONFIGURATION, adminOverrides, login, registerAndLogin } from './opsHelpers.js';

let app: TestApp;
let admin: GraphQLClient;
let player: GraphQLClient;

beforeAll(async () => {
  app = await startTestApp({ overrides: adminOverrides });
  admin = (await login(app.client, ADMIN.username, ADMIN.password)).client;
  player = (await registerAndLogin(app.client, 'cfg_player')).client;
});
afterAll(() => app?.close());

describe('the configuration query', () => {
  it('answers a player with a ForbiddenError that names the role needed', async () => {
    const response = await player.execute(CONFIGURATION, {});
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      { message: 'Query.configuration needs the ADMIN role', path: ['configuration'], extensions: { code: 'FORBIDDEN', type: 'ForbiddenError' } },
    ]);
  });

  it('answers an anonymous caller with an UnauthenticatedError', async () => {
    const response = await app.client.execute(CONFIGURATION, {});
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      { message: 'Authentication required', path: ['configuration'], extensions: { code: 'UNAUTHENTICATED', type: 'UnauthenticatedError' } },
    ]);
  });

  it('answers an admin with every setting', async () => {
    const response = await admin.execute(CONFIGURATION, {});
    expect(response.errors).toBeUndefined();
    expect(response.data.configuration.map((entry: { key: string }) => entry.key)).toContain('game.startingGold');
  });
});
