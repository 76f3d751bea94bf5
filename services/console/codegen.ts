import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the console's operations, checked against the one public schema.
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['app/**/*.tsx', 'app/**/*.ts', '!app/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'app/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
