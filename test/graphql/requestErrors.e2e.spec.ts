/**
 * Request errors (SPEC §7): parse, validation and variable coercion errors reach the client with
 * graphql-js's own message, HTTP 400 under application/graphql-response+json (200 under legacy
 * application/json) and code BAD_USER_INPUT for variables; only unexpected errors are masked.
 * Secrets in variables (passwords, refresh tokens) reach neither the response nor any log line,
 * and client errors are logged at info, not as incidents.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';

const lines: Array<Record<string, unknown> & { level: number; msg?: string }> = [];
const raw: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      raw.push(line);
      lines.push(JSON.parse(line) as (typeof lines)[number]);
    }
    done();
  },
});

let app: TestApp;
beforeAll(async () => {
  // Deliberately without the app logger's redaction paths: nothing may depend on them here.
  app = await startTestApp({ log: pino({ level: 'debug' }, sink) });
});
afterAll(async () => app?.close());
beforeEach(() => {
  lines.length = 0;
  raw.length = 0;
});

const PLACE = 'mutation Place($i: PlaceTowerInput!) { placeTower(input: $i) { __typename } }';
const LOGIN = 'mutation Login($i: AuthenticateUserInput!) { authenticateUser(input: $i) { __typename } }';
const REGISTER = 'mutation Register($i: RegisterUserInput!) { registerUser(input: $i) { __typename } }';
const REFRESH = 'mutation Refresh($i: RefreshTokenInput!) { refreshToken(input: $i) { __typename } }';

const send = async (body: unknown, accept = 'application/graphql-response+json, application/json') => {
  const response = await app.client.post(body, { headers: { accept } });
  const json = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', json, text: JSON.stringify(json) };
};

/** Settles the log: the lines of a request are written by then. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('variable coercion errors', () => {
  const place = (input: Record<string, unknown>) => send({ query: PLACE, variables: { i: { sessionId: 's1', towerType: 'ARROW', x: 1, y: 1, ...input } } });

  it('an unknown enum value: the real message, 400, graphql-response+json, BAD_USER_INPUT', async () => {
    const result = await place({ towerType: 'NOPE' });
    expect(result.status).toBe(400);
    expect(result.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(result.json.data).toBeUndefined();
    expect(result.json.errors).toEqual([
      {
        message: 'Variable "$i" got invalid value "NOPE" at "i.towerType"; Value "NOPE" does not exist in "TowerType" enum.',
        locations: [{ line: 1, column: 16 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
  });

  it('a wrong type, an unknown input field and a missing required field', async () => {
    const wrongType = await place({ x: 'a' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.errors?.[0]?.message).toBe('Variable "$i" got invalid value "a" at "i.x"; Int cannot represent non-integer value: "a"');
    const unknownField = await place({ colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.errors?.[0]?.message).toMatch(/Field "colour" is not defined by type "PlaceTowerInput"/);
    const missing = await send({ query: PLACE, variables: { i: { sessionId: 's1', towerType: 'ARROW', x: 1 } } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Field "y" of required type "Int!" was not provided/), extensions: { code: 'BAD_USER_INPUT' } });
    const noVariable = await send({ query: PLACE, variables: {} });
    expect(noVariable.status).toBe(400);
    expect(noVariable.json.errors?.[0]?.message).toBe('Variable "$i" of required type "PlaceTowerInput!" was not provided.');
    for (const result of [wrongType, unknownField, missing, noVariable]) expect(result.text).not.toMatch(/Unexpected error|INTERNAL_SERVER_ERROR/);
  });

  it('legacy application/json gets 200 with the same errors (GraphQL-over-HTTP)', async () => {
    const result = await send({ query: PLACE, variables: { i: { sessionId: 's1', towerType: 'NOPE', x: 1, y: 1 } } }, 'application/json');
    expect(result.status).toBe(200);
    expect(result.contentType).toMatch(/^application\/json/);
    expect(result.json.errors?.[0]?.message).toMatch(/Value "NOPE" does not exist in "TowerType" enum/);
  });

  it('is logged at info as a request error, with no stack and no error-level line', async () => {
    await place({ towerType: 'NOPE' });
    await settle();
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.find((l) => l.msg === 'request error')).toMatchObject({ level: 30, code: 'BAD_USER_INPUT' });
    expect(raw.join('\n')).not.toMatch(/"stack"/);
  });
});

describe('secrets in variables', () => {
  const PASSWORD = 'hunter2-Sup3r-secret';
  const REFRESH_TOKEN = 'rt-0123456789abcdefghijklmnop';

  it('never reach the response or the log, whatever is wrong with the input', async () => {
    const cases = [
      { query: LOGIN, variables: { i: { login: 'bob', password: PASSWORD, extra: 1 } } }, // unknown field: graphql-js prints the whole object
      { query: LOGIN, variables: { i: { password: PASSWORD } } }, // missing field
      { query: LOGIN, variables: { i: { login: 'bob', password: [PASSWORD] } } }, // wrong type at the secret itself
      { query: LOGIN, variables: { i: { login: 42, password: PASSWORD } } }, // wrong type elsewhere
      { query: LOGIN, variables: { i: `${PASSWORD}` } }, // not an object at all
      { query: REGISTER, variables: { i: { username: 'bob', email: 'bob@example.com', password: PASSWORD, nope: true } } },
      { query: REFRESH, variables: { i: { refreshToken: REFRESH_TOKEN, more: 1 } } },
      { query: REFRESH, variables: { i: { refreshToken: { value: REFRESH_TOKEN } } } },
    ];
    for (const body of cases) {
      const result = await send(body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.json.errors?.[0]?.message).toMatch(/^Variable "\$i" got invalid value /);
      expect(result.text).not.toContain(PASSWORD);
      expect(result.text).not.toContain(REFRESH_TOKEN);
    }
    await settle();
    const log = raw.join('\n');
    expect(log).toContain('request error');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(REFRESH_TOKEN);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('the client still learns what was wrong', async () => {
    const unknown = await send({ query: LOGIN, variables: { i: { login: 'bob', password: PASSWORD, extra: 1 } } });
    expect(unknown.json.errors?.[0]?.message).toBe('Variable "$i" got invalid value [redacted]; Field "extra" is not defined by type "AuthenticateUserInput".');
    const wrongType = await send({ query: LOGIN, variables: { i: { login: 'bob', password: 12345678 } } });
    expect(wrongType.json.errors?.[0]?.message).toBe('Variable "$i" got invalid value [redacted] at "i.password"; String cannot represent a non string value: [redacted]');
    const notSecret = await send({ query: LOGIN, variables: { i: { login: 42, password: PASSWORD } } });
    expect(notSecret.json.errors?.[0]?.message).toBe('Variable "$i" got invalid value 42 at "i.login"; String cannot represent a non string value: 42');
  });
});

describe('parse and validation errors', () => {
  it('a syntax error: the real message, 400, GRAPHQL_PARSE_FAILED', async () => {
    const result = await send({ query: '{ me { id ' });
    expect(result.status).toBe(400);
    expect(result.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(result.json.errors?.[0]).toMatchObject({ message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('a validation error: the real message, 400, GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await send({ query: '{ me { nope } }' });
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]).toMatchObject({ message: 'Cannot query field "nope" on type "User".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const inlineEnum = await send({ query: '{ activeGameSessions(first: "x") { edges { cursor } } }' });
    expect(inlineEnum.status).toBe(400);
    expect(inlineEnum.json.errors?.[0]?.message).toMatch(/Int cannot represent non-integer value: "x"/);
  });
});

describe('expected refusals are not incidents', () => {
  it('a bad token and a bad X-Read-After answer with their code and are logged below error level', async () => {
    const badToken = await app.client.withToken('not-a-jwt').post({ query: '{ me { id } }' });
    expect(((await badToken.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const badReadAfter = await app.client.post({ query: '{ me { id } }' }, { headers: { 'x-read-after': 'garbage' } });
    const readAfter = (await badReadAfter.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> };
    expect(readAfter.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    await settle();
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.filter((l) => l.msg === 'request error').map((l) => l.code)).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'BAD_USER_INPUT']));
  });
});
