import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { printSchemaSDL } from '../../src/schema.js';

it('the committed SDL (schema/schema.graphql) equals the code-first schema — run `npm run schema:print` when this fails', () => {
  expect(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8')).toBe(printSchemaSDL());
});

it('keeps the binding names of the public contract', () => {
  const sdl = printSchemaSDL();
  for (const name of [
    'interface Error',
    'type ValidationError implements Error',
    'type NotFoundError implements Error',
    'type ConflictError implements Error',
    'type UnauthenticatedError implements Error',
    'type ForbiddenError implements Error',
    'type DomainError implements Error',
    'union RegisterUserPayload',
    'union PlaceTowerPayload',
    'union UpdateConfigurationPayload',
    'enum Difficulty',
    'enum GameStatus',
    'gameSessionEvents(afterVersion: Int, sessionId: ID!): GameEvent!',
    'activeGameSessions(after: String, before: String, first: Int, last: Int): GameSessionConnection!',
  ]) {
    expect(sdl).toContain(name);
  }
});
