import type { CodegenConfig } from '@graphql-codegen/cli';
import { publicEnumValues } from './src/public-enums.ts';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context.ts#GatewayContext',
        useTypeImports: true,
        enumsAsTypes: true,
        // Resolvers see the platform's own values; Apollo maps them to the schema's ALL_CAPS names.
        enumValues: publicEnumValues,
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        mappers: {
          // Each enum's resolver type is its own generated union of internal values (codegen leaves it
          // null when enumValues are objects: dotansimha/graphql-code-generator#10204).
          ...Object.fromEntries(Object.keys(publicEnumValues).map((name) => [name, name])),
          Me: '@microseg/contracts#Principal',
          Dataset: '@microseg/contracts#Dataset as DatasetModel',
          Image: '@microseg/contracts#Image as ImageModel',
          Mask: '@microseg/contracts#Mask as MaskModel',
          MeasurementSet: '@microseg/contracts#MeasurementSet as MeasurementSetModel',
          SourceMeasurementSummary: '@microseg/contracts#SourceSummary as SourceSummaryModel',
          MeasurementCompleted: '../resolvers/measurement-events.ts#MeasurementCompletedModel',
          Segmentation: '@microseg/contracts#Segmentation as SegmentationModel',
          AutomationPolicy: '@microseg/contracts#Policy as PolicyModel',
          PipelineRun: '@microseg/contracts#PipelineRun as PipelineRunModel',
          Webhook: '@microseg/contracts#Webhook as WebhookModel',
          WebhookDelivery: '@microseg/contracts#WebhookDelivery as WebhookDeliveryModel',
          TrainingJob: '@microseg/contracts#TrainingJob as TrainingJobModel',
          ModelVersion: '@microseg/contracts#ModelVersion as ModelVersionModel',
          Model: '@microseg/contracts#Model as RegistryModel',
          GateCheck: '@microseg/contracts#GateCheck as GateCheckModel',
          Benchmark: '@microseg/contracts#Benchmark as BenchmarkModel',
          Lineage: '@microseg/contracts#Lineage as LineageModel',
          ImportedWeights: '@microseg/contracts#ImportedWeights as ImportedWeightsModel',
          DeepZoom: '../resolvers/deep-zoom.ts#DeepZoomModel',
        },
      },
    },
  },
};

export default config;
