import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context.ts#GatewayContext',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        mappers: {
          Me: '@microseg/contracts#Principal',
          Dataset: '@microseg/contracts#Dataset as DatasetModel',
          Image: '@microseg/contracts#Image as ImageModel',
          Mask: '@microseg/contracts#Mask as MaskModel',
        },
      },
    },
  },
};

export default config;
