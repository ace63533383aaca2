/** Signs players up and in through the public API (what a client does). */
import { AuthenticateUserDocument, RegisterUserDocument } from '../generated/graphql.js';
import type { GraphQLClient } from './graphqlClient.js';
import type { TestApp } from './testApp.js';

export interface Player {
  readonly userId: string;
  readonly username: string;
  readonly token: string;
  readonly client: GraphQLClient;
}

let counter = 0;

export async function signUp(app: TestApp, base = 'p', password = 'correct horse'): Promise<Player> {
  const username = `${base}${Date.now().toString(36).slice(-4)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const anonymous = app.client.withHeaders({ 'x-forwarded-for': `10.200.${counter % 250}.${Math.floor(Math.random() * 250)}` });
  const { registerUser } = await anonymous.data(RegisterUserDocument, { input: { username, email: `${username}@example.com`, password } });
  if (registerUser.__typename !== 'RegisterUserSuccess') throw new Error(`register: ${JSON.stringify(registerUser)}`);
  const { authenticateUser } = await anonymous.data(AuthenticateUserDocument, { input: { login: username, password } });
  if (authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error(`login: ${JSON.stringify(authenticateUser)}`);
  return { userId: registerUser.user.id, username, token: authenticateUser.accessToken, client: app.client.withToken(authenticateUser.accessToken) };
}

/** Polls until `check` returns a value (not undefined/null/false) or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
