import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The committed SDL (schema/schema.graphql, printed from the Pothos schema by `npm run schema:print`)
 * plus the operations in test/operations → typed documents for the tests and examples.
 * CI runs `npm run codegen -- --check`, which fails when test/generated is stale.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/operations/**/*.graphql'],
  importExtension: '.js',
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
      },
    },
  },
};

export default config;
