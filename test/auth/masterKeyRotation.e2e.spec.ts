/**
 * Master-key rotation end to end on real Redis (docs/privacy.md "Rotate the master key"): a
 * deployment's data keys are wrapped by one master key; it restarts with a new key and the old one
 * as previous, ROTATE_DATA_KEYS rewraps everything, and a deployment with the new key alone still
 * opens every email and finds every login by email (the blind index did not move).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { masterKeyId } from '../../src/infrastructure/shared/vault.js';
import { AuthenticateUserDocument, MeDocument, RegisterUserDocument, VerifyEmailDocument } from '../generated/graphql.js';
import { startTestApp, testPrefix, type TestApp } from '../support/testApp.js';
import { ADMIN, PERFORM_MAINTENANCE, adminOverrides, login } from '../ops/opsHelpers.js';

const OLD = 'the-master-key-in-force-before-rotation-0123';
const NEW = 'the-master-key-in-force-after-rotation-45678';

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});
const start = async (prefix: string, privacy: Record<string, unknown>) => {
  const app = await startTestApp({ prefix, overrides: { ...adminOverrides, ...privacy } });
  open.push(app);
  return app;
};
const stop = async (app: TestApp) => {
  open.splice(open.indexOf(app), 1);
  await app.close();
};
const signInByEmail = async (app: TestApp, email: string, password: string) => {
  const anonymous = app.client.withHeaders({ 'x-forwarded-for': `10.79.${Math.floor(Math.random() * 250)}.1` });
  const { authenticateUser } = await anonymous.data(AuthenticateUserDocument, { input: { login: email, password } });
  if (authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error(JSON.stringify(authenticateUser));
  return app.client.withToken(authenticateUser.accessToken);
};

describe('ROTATE_DATA_KEYS over GraphQL', () => {
  it('rewraps every data key; the new master key alone then opens every email and finds every login', async () => {
    const prefix = testPrefix();
    const before = await start(prefix, { 'privacy.masterKey': OLD });
    const tag = randomUUID().slice(0, 8);
    const email = `rotating.${tag}@example.org`;
    const password = `pw-${tag}-long-enough`;
    const anonymous = before.client.withHeaders({ 'x-forwarded-for': '10.79.0.1' });
    const registered = (await anonymous.data(RegisterUserDocument, { input: { username: `rot_${tag}`, email, password } })).registerUser;
    if (registered.__typename !== 'RegisterUserSuccess') throw new Error(JSON.stringify(registered));
    await anonymous.data(VerifyEmailDocument, { input: { token: before.mail.lastTo(email)?.token ?? '' } });
    expect((await (await signInByEmail(before, email, password)).data(MeDocument)).me).toMatchObject({ email });
    await stop(before);

    // Every node restarted with the new key, the old one still accepted; then the task.
    const during = await start(prefix, { 'privacy.masterKey': NEW, 'privacy.previousMasterKeys': [OLD] });
    expect((await (await signInByEmail(during, email, password)).data(MeDocument)).me).toMatchObject({ email });
    const { client: admin } = await login(during.client, ADMIN.username, ADMIN.password);
    const rotated = (await admin.data(PERFORM_MAINTENANCE, { input: { task: 'ROTATE_DATA_KEYS' } })).performMaintenance;
    expect(rotated.result).toMatchObject({ masterKeyId: masterKeyId(NEW), failed: [], complete: true });
    expect(rotated.result.rewrapped).toBeGreaterThanOrEqual(2); // this user's key and the blind-index key at least
    expect((await admin.data(PERFORM_MAINTENANCE, { input: { task: 'ROTATE_DATA_KEYS' } })).performMaintenance.result).toMatchObject({ rewrapped: 0, complete: true });
    await stop(during);

    // The old key dropped from configuration: nothing needs it any more.
    const after = await start(prefix, { 'privacy.masterKey': NEW });
    expect((await (await signInByEmail(after, email, password)).data(MeDocument)).me).toMatchObject({ email });
  });
});
