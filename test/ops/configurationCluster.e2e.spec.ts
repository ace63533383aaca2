/**
 * Two server instances on one Redis (one key prefix): a configuration change made through one
 * takes effect on the other without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ADMIN, CONFIGURATION, CREATE_GAME, UPDATE_CONFIGURATION, adminOverrides, eventually, login, registerAndLogin } from './opsHelpers.js';

let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  first = await startTestApp({ overrides: adminOverrides });
  second = await startTestApp({ prefix: first.prefix, overrides: adminOverrides });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
});

describe('a configuration change', () => {
  it('takes effect on a second server instance without a restart', async () => {
    const admin = (await login(first.client, ADMIN.username, ADMIN.password)).client;
    // The second node serves the same users: a token from one node works on the other.
    const playerOnSecond = (await registerAndLogin(second.client, 'cluster_player')).client;

    const before = await playerOnSecond.data(CREATE_GAME, { input: { difficulty: 'EASY', maxPlayers: 2 } });
    expect(before.createGameSession.gameSession.players[0].gold).toBe(200);

    const updated = await admin.data(UPDATE_CONFIGURATION, { input: { key: 'game.startingGold', value: 777, expectedVersion: 0 } });
    expect(updated.updateConfiguration).toMatchObject({ __typename: 'UpdateConfigurationSuccess', configuration: { value: 777, version: 1 } });

    await eventually(async () => {
      const adminOnSecond = (await login(second.client, ADMIN.username, ADMIN.password)).client;
      const { configuration } = await adminOnSecond.data(CONFIGURATION, {});
      expect(configuration.find((e: { key: string }) => e.key === 'game.startingGold')).toMatchObject({ value: 777, version: 1 });
    });
    await eventually(async () => {
      const after = await playerOnSecond.data(CREATE_GAME, { input: { difficulty: 'NORMAL', maxPlayers: 2 } });
      expect(after.createGameSession.gameSession.players[0].gold).toBe(777);
    });
    expect(await second.server.services.settings.get('game.startingGold')).toBe(777);
  });
});
