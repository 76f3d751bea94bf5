import { type MeasurementProfile, metrologyContracts as c } from '@microseg/contracts';
import { type GatewayContext, requireCaller } from '../context.ts';
import type {
  InputMaybe,
  MaskSource,
  MeasurementProfileInput,
  Resolvers,
} from '../generated/resolvers-types.ts';
import { absentAsNull } from './absent-as-null.ts';
import { connectionOf, pageOfList } from './connection-page.ts';

/** Summaries pool every object of a dataset and render plots: give them longer than a plain query. */
const SUMMARY_TIMEOUT_MS = 60_000;

const defined = <T>(value: InputMaybe<T> | undefined): T | undefined =>
  value === null ? undefined : value;

function filter(args: {
  datasetVersionId?: InputMaybe<string>;
  source?: InputMaybe<MaskSource>;
  modelVersionId?: InputMaybe<string>;
  imageId?: InputMaybe<string>;
}) {
  return {
    ...(args.datasetVersionId ? { datasetVersionId: args.datasetVersionId } : {}),
    ...(args.imageId ? { imageId: args.imageId } : {}),
    ...(args.source ? { source: args.source } : {}),
    ...(args.modelVersionId ? { modelVersionId: args.modelVersionId } : {}),
  };
}

/** GraphQL input -> contract; the metrology contract validates values (connectivity 4|8, ranges) on send. */
function profileOf(input: MeasurementProfileInput): MeasurementProfile {
  const pixelSize = defined(input.pixelSize);
  return {
    classes: input.classes,
    particles: input.particles
      ? {
          classes: input.particles.classes,
          connectivity: (defined(input.particles.connectivity) ?? 8) as 4 | 8,
        }
      : null,
    thickness: input.thickness
      ? {
          classes: input.thickness.classes,
          radius: defined(input.thickness.radius) ?? 5,
          minArea: defined(input.thickness.minArea) ?? 1000,
        }
      : null,
    pixelSize: {
      policy: pixelSize?.policy ?? 'image',
      fixed: pixelSize?.fixed ? { value: pixelSize.fixed.value, unit: pixelSize.fixed.unit } : null,
    },
    histogramBins: defined(input.histogramBins) ?? 20,
  };
}

async function measurementsOf(
  context: GatewayContext,
  imageId: string,
  args: { source?: InputMaybe<MaskSource>; modelVersionId?: InputMaybe<string>; first?: InputMaybe<number>; after?: InputMaybe<string> },
) {
  requireCaller(context);
  // Specs too: GraphQL answers MeasurementPlots.specs from them.
  const { measurements } = await context.services.call(c.imageMeasurements, {
    imageId,
    plotSpecs: true,
    ...(args.source ? { source: args.source } : {}),
    ...(args.modelVersionId ? { modelVersionId: args.modelVersionId } : {}),
  });
  return pageOfList(measurements, (set) => set.id, args);
}

export const metrologyResolvers: Resolvers = {
  Image: {
    measurements: (image, args, context) => measurementsOf(context, image.id, args),
  },
  Query: {
    measurementProfile: (_parent, { datasetId }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getProfile, { datasetId }));
    },
    imageMeasurements: (_parent, { imageId, ...args }, context) =>
      measurementsOf(context, imageId, args),
    datasetMeasurements: async (_parent, { datasetId, source, modelVersionId, status, first, after }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.datasetMeasurements, {
        datasetId,
        first: first ?? 50,
        plotSpecs: true,
        ...(after ? { after } : {}),
        ...(source ? { source } : {}),
        ...(modelVersionId ? { modelVersionId } : {}),
        ...(status ? { status } : {}),
      });
      return connectionOf(page);
    },
    datasetMeasurementSummary: (_parent, args, context) => {
      requireCaller(context);
      return context.services.call(
        c.datasetSummary,
        { datasetId: args.datasetId, ...filter(args) },
        { timeoutMs: SUMMARY_TIMEOUT_MS },
      );
    },
    exportDatasetMeasurements: (_parent, args, context) => {
      requireCaller(context);
      return context.services.call(
        c.exportMeasurements,
        { datasetId: args.datasetId, format: args.format, ...filter(args) },
        { timeoutMs: SUMMARY_TIMEOUT_MS },
      );
    },
  },
  Mutation: {
    setMeasurementProfile: (_parent, { datasetId, input }, context) => {
      requireCaller(context);
      return context.services.call(c.setProfile, { datasetId, profile: profileOf(input) });
    },
    remeasureDataset: (_parent, { datasetId }, context) => {
      requireCaller(context);
      return context.services.call(c.remeasureDataset, { datasetId });
    },
  },
};
