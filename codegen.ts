import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The committed SDL (schema/schema.graphql, printed from the Pothos schema by `npm run schema:print`)
 * plus three sets of operations, each typed against it:
 * - test/operations → test/generated/ (string documents for the tests);
 * - examples/client-kit/operations.graphql → its typed documents and persisted-documents.json;
 * - web/src/operations → web/src/gql/ (DocumentNodes for the web client's urql; no fragment masking).
 * CI runs `npm run codegen -- --check`, which fails when any output is stale.
 */
const scalars = { DateTime: 'string', JSON: 'unknown', ID: 'string' };
const typedDocuments = {
  preset: 'client',
  presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
  config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, strictScalars: true, scalars },
} as const;

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  importExtension: '.js',
  generates: {
    'test/generated/': { documents: ['test/operations/**/*.graphql'], ...typedDocuments },
    // The client kit (examples/client-kit): its own operations, and the allow-list a server in
    // persisted-operations-only mode loads (graphql.persistedDocumentsFile).
    'examples/client-kit/generated/': { documents: ['examples/client-kit/operations.graphql'], ...typedDocuments },
    'web/src/gql/': {
      documents: ['web/src/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'gql' },
      config: { useTypeImports: true, enumsAsTypes: true, strictScalars: true, scalars, skipTypename: false },
    },
  },
};

export default config;
