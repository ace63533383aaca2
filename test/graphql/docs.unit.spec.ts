/** The example operations in README.md and docs/ stay valid against the committed schema. */
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

describe.each(['README.md', 'docs/playing.md', 'docs/operations.md', 'docs/history.md', 'docs/evolution.md', 'docs/web-client.md', 'docs/deployment.md', 'docs/privacy.md'])('%s', (file) => {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const operations = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split(/\n(?=mutation|query|subscription)/));
  it('has examples', () => expect(operations.length).toBeGreaterThan(0));
  it.each(operations.map((op) => [op.trim().slice(0, 60).replace(/\s+/g, ' '), op]))('%s', (_title, op) => {
    // Placeholders such as "<id>" stand for values the reader pastes in.
    const errors = validate(schema, parse(op.replace(/"<[^>]+>"/g, '"x"')));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
