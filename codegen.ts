import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The committed SDL (schema/schema.graphql, printed from the Pothos schema by `npm run schema:print`)
 * plus two sets of operations, each typed against it:
 * - test/operations → test/generated/ (string documents for the tests and examples);
 * - web/src/operations → web/src/gql/ (DocumentNodes for the web client's urql; no fragment masking).
 * CI runs `npm run codegen -- --check`, which fails when either output is stale.
 */
const scalars = { DateTime: 'string', JSON: 'unknown', ID: 'string' };

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'test/generated/': {
      documents: ['test/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, strictScalars: true, scalars },
    },
    'web/src/gql/': {
      documents: ['web/src/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'gql' },
      config: { useTypeImports: true, enumsAsTypes: true, strictScalars: true, scalars, skipTypename: false },
    },
  },
  importExtension: '.js',
};

export default config;
