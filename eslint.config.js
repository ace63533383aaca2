import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test/generated/**', 'coverage/**'] },
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
      'no-restricted-imports': ['error', { patterns: ['ioredis', 'graphql', 'graphql-*', '@pothos/*', 'node:*', 'uuid', 'jose', '**/infrastructure/**', '**/graphql/**'] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'time arrives in the command' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'deciders are deterministic' }],
    },
  },
  {
    // The core kit talks to ports, never to Redis or GraphQL.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['ioredis', 'graphql', 'graphql-*', '@pothos/*', '**/infrastructure/**', '**/graphql/**'] }] },
  },
);
