/**
 * Every operation the web client sends (web/src/operations) passes the server's guard rails as
 * configured: validation, depth, cost, aliases, tokens. A request error would reach users as a
 * broken page (the lobby once asked for a query of cost 8392 against a limit of 5000). Variables
 * are left out, so an operation that gets as far as coercing them has passed every rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, print, type FragmentDefinitionNode, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';

const dir = new URL('../../web/src/operations/', import.meta.url);
const documents = readdirSync(dir)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => parse(readFileSync(new URL(file, dir), 'utf8')));
const fragments = documents.flatMap((d) => d.definitions.filter((x): x is FragmentDefinitionNode => x.kind === Kind.FRAGMENT_DEFINITION));
const operations = documents.flatMap((d) => d.definitions.filter((x): x is OperationDefinitionNode => x.kind === Kind.OPERATION_DEFINITION));

/** The operation with the fragments it spreads (and those they spread). */
const withFragments = (operation: OperationDefinitionNode): string => {
  const used = new Map<string, FragmentDefinitionNode>();
  const visit = (text: string) => {
    for (const fragment of fragments) {
      if (used.has(fragment.name.value) || !text.includes(`...${fragment.name.value}`)) continue;
      used.set(fragment.name.value, fragment);
      visit(print(fragment));
    }
  };
  visit(print(operation));
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] });
};

describe('web client operations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('has operations', () => expect(operations.length).toBeGreaterThan(20));

  it.each(operations.filter((op) => op.operation !== 'subscription').map((op) => [op.name?.value ?? '(anonymous)', op] as const))('%s passes validation and the guard rails', async (_name, op) => {
    const response = await app.server.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: withFragments(op), variables: {} }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    // Past validation: what is left are missing variables (400, BAD_USER_INPUT) or authentication.
    const refused = (body.errors ?? []).filter((e) => !/^Variable "\$\w+" of required type/.test(e.message) && e.extensions?.code !== 'UNAUTHENTICATED' && e.message !== 'Authentication required');
    expect(refused.map((e) => e.message)).toEqual([]);
  });

  it.each(operations.filter((op) => op.operation === 'subscription').map((op) => [op.name?.value ?? '(anonymous)', op] as const))('%s passes validation and the guard rails', async (_name, op) => {
    // Validation as Yoga runs it, with the guard rails' rules added by their plugins.
    const { validate, schema } = app.server.yoga.getEnveloped({});
    const errors = (await validate(schema, parse(withFragments(op)))) as readonly GraphQLError[];
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
