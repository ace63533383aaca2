import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const contexts = ['auth', 'game', 'ops'];
const io = ['ioredis', 'graphql', 'graphql-*', '@pothos/*'];
const layersAbove = () => ['**/infrastructure/**', '**/graphql/**', ...contexts.map((c) => `**/${c}/**`), '**/compose.js', '**/config.js', '**/logger.js'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test/generated/**', 'web/src/gql/**', 'examples/client-kit/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain is pure: no I/O, no clock, no GraphQL.
    files: ['src/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...io, 'node:*', 'uuid', 'jose', '**/infrastructure/**', '**/graphql/**', '**/compose.js', ...contexts.map((c) => `**/${c}/**`)] },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'time arrives in the command' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'deciders are deterministic' }],
    },
  },
  {
    // The core kit talks to ports: nothing outside core, no Redis, no GraphQL.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...io, ...layersAbove('core')] }] },
  },
  // Bounded contexts share ids and events, never imports: what one needs from another arrives as a
  // port wired in the composition root (compose.ts). Nor do they reach for an adapter.
  ...contexts.map((context) => ({
    files: [`src/${context}/**/*.ts`],
    ignores: ['src/*/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: contexts.filter((c) => c !== context).map((c) => `**/${c}/**`), message: 'contexts talk through ports and events, wired in compose.ts' },
            { group: ['**/infrastructure/**', 'ioredis'], message: 'adapters are wired in compose.ts; depend on a port from core/ports.ts' },
            { group: ['**/compose.js'], message: 'the composition root imports contexts, not the other way round' },
          ],
        },
      ],
    },
  })),
  {
    // The shared GraphQL layer knows no context: contexts add their types to the builder and their services to AppServices.
    files: ['src/graphql/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...contexts.map((c) => `**/${c}/**`), '**/infrastructure/**', '**/compose.js'], message: 'graphql/ is below the contexts' }] }] },
  },
  {
    // Adapters implement ports; they never call up into contexts or GraphQL.
    files: ['src/infrastructure/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...contexts.map((c) => `**/${c}/**`), '**/graphql/**', '**/compose.js'], message: 'adapters implement core ports' }] }] },
  },
  {
    // The in-memory twin implements the ports on its own; it shares nothing with the Redis layout.
    files: ['src/infrastructure/memory/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/redis/**', 'ioredis', ...contexts.map((c) => `**/${c}/**`), '**/graphql/**'], message: 'adapters are twins, not emulators' }] },
      ],
    },
  },
);
