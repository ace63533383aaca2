import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The committed SDL (schema/schema.graphql, printed from the Pothos schema by `npm run schema:print`)
 * plus the operations in test/operations → typed documents for the tests, and those of the client kit
 * (examples/client-kit/operations.graphql) → its typed documents and persisted-documents.json.
 * CI runs `npm run codegen -- --check`, which fails when test/generated is stale.
 */
const typedDocuments = {
  preset: 'client',
  presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
  config: {
    documentMode: 'string',
    useTypeImports: true,
    enumsAsTypes: true,
    strictScalars: true,
    scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
  },
} as const;

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  importExtension: '.js',
  generates: {
    'test/generated/': { documents: ['test/operations/**/*.graphql'], ...typedDocuments },
    // The client kit (examples/client-kit): its own operations, and the allow-list a server in
    // persisted-operations-only mode loads (graphql.persistedDocumentsFile).
    'examples/client-kit/generated/': { documents: ['examples/client-kit/operations.graphql'], ...typedDocuments },
  },
};

export default config;
