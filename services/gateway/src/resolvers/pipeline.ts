import {
  type Image,
  type MaskEvaluation,
  type MeasurementSet,
  type Segmentation,
  datasetContracts,
  inferenceContracts as c,
  metrologyContracts,
} from '@microseg/contracts';
import DataLoader from 'dataloader';
import { type GatewayContext, requireCaller } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { absentAsNull } from './absent-as-null.ts';
import { connectionOf, pageOfList } from './connection-page.ts';
import { readableModelVersions } from './model-version-visibility.ts';

interface PipelineLoaders {
  segmentationsByImage: DataLoader<string, Segmentation[]>;
  maskUrl: DataLoader<string, string>;
  image: DataLoader<string, Image>;
  /** Per image: its model masks against its manual mask (computed by metrology on first request, then cached). */
  evaluationsByImage: DataLoader<string, MaskEvaluation[]>;
}

/** A first evaluation reads both masks and renders the accuracy map: more than a plain query. */
const EVALUATION_TIMEOUT_MS = 60_000;

const loadersOf = new WeakMap<GatewayContext, PipelineLoaders>();

function loaders(context: GatewayContext): PipelineLoaders {
  let found = loadersOf.get(context);
  if (!found) {
    const { services } = context;
    found = {
      segmentationsByImage: new DataLoader(async (ids) => {
        const { segmentations } = await services.call(c.listSegmentations, { imageIds: [...ids] });
        return ids.map((id) => segmentations.filter((s) => s.imageId === id));
      }, { maxBatchSize: 500 }),
      maskUrl: new DataLoader(async (ids) => {
        const urls = await services.call(datasetContracts.downloadUrls, { maskIds: [...ids] });
        const byId = new Map(urls.masks.map((u) => [u.maskId, u.index]));
        return ids.map((id) => byId.get(id) ?? new Error(`mask ${id} not found`));
      }),
      image: new DataLoader(async (ids) => {
        const { images } = await services.call(datasetContracts.getImages, { ids: [...ids] });
        const byId = new Map(images.map((image) => [image.id, image]));
        return ids.map((id) => byId.get(id) ?? new Error(`image ${id} not found`));
      }, { maxBatchSize: 500 }),
      evaluationsByImage: new DataLoader(async (ids) => {
        const { evaluations } = await services.call(metrologyContracts.imageEvaluations, { imageIds: [...ids] }, { timeoutMs: EVALUATION_TIMEOUT_MS });
        return ids.map((id) => evaluations.filter((e) => e.imageId === id));
      }, { maxBatchSize: 100 }),
    };
    loadersOf.set(context, found);
  }
  return found;
}

async function provenance(set: MeasurementSet, context: GatewayContext) {
  const { image, segmentationsByImage } = loaders(context);
  const [source, version, segmentations] = await Promise.all([
    image.load(set.imageId),
    // Null when the caller may not read the version (another group's private one): provenance then says so.
    set.modelVersionId ? readableModelVersions(context).load(set.modelVersionId) : null,
    set.modelVersionId ? segmentationsByImage.load(set.imageId) : [],
  ]);
  return {
    imageId: set.imageId,
    imageSha256: source.sha256,
    limsId: source.limsId,
    maskId: set.maskId,
    maskSha256: set.maskSha256,
    source: set.source,
    modelVersion: version
      ? {
          id: version.id,
          modelId: version.modelId,
          modelName: version.modelName,
          number: version.number,
          architecture: version.architecture,
          encoder: version.encoder,
          codeVersion: version.codeVersion,
          classRule: version.classRule,
          sixteenBitInput: version.sixteenBitInput,
          trainingData: {
            datasetId: version.dataset.datasetId,
            datasetVersionId: version.dataset.versionId,
            contentHash: version.dataset.contentHash,
            experiment: version.dataset.experiment,
          },
        }
      : null,
    segmentation: segmentations.find((s) => s.maskId === set.maskId) ?? null,
    parameters: set.profile,
    profileHash: set.profileHash,
    codeVersion: set.codeVersion,
    measuredAt: set.completedAt,
  };
}

export const pipelineResolvers: Resolvers = {
  Query: {
    datasetSegmentations: async (_parent, { datasetId, first, after, filter }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.datasetSegmentations, {
        datasetId,
        first: first ?? 50,
        ...(after ? { after } : {}),
        ...(filter?.modelVersionId ? { modelVersionId: filter.modelVersionId } : {}),
        ...(filter?.status ? { status: filter.status } : {}),
      });
      return connectionOf(page);
    },
    policies: async (_parent, { datasetId, ...page }, context) => {
      requireCaller(context);
      const { policies } = await context.services.call(c.listPolicies, datasetId ? { datasetId } : {});
      return pageOfList(policies, (policy) => policy.id, page);
    },
    pipelineRun: (_parent, { id }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getRun, { id }));
    },
    pipelineRuns: async (_parent, { datasetId, state, first, after }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.listRuns, {
        first: first ?? 50,
        ...(after ? { after } : {}),
        ...(datasetId ? { datasetId } : {}),
        ...(state ? { state } : {}),
      });
      return connectionOf(page);
    },
    driftReport: (_parent, input, context) => {
      requireCaller(context);
      return context.services.call(c.driftReport, input);
    },
  },
  Mutation: {
    createPolicy: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createPolicy, input);
    },
    pausePolicy: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.setPolicyPaused, { id, paused: true });
    },
    resumePolicy: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.setPolicyPaused, { id, paused: false });
    },
    runPolicy: (_parent, { id, datasetVersionId }, context) => {
      requireCaller(context);
      return context.services.call(c.runPolicy, { id, ...(datasetVersionId ? { datasetVersionId } : {}) });
    },
  },
  Image: {
    segmentations: async (image, { filter, ...page }, context) => {
      const all = await loaders(context).segmentationsByImage.load(image.id);
      const matching = all.filter((s) => (!filter?.modelVersionId || s.modelVersionId === filter.modelVersionId) && (!filter?.status || s.status === filter.status));
      return pageOfList(matching, (segmentation) => segmentation.id, page);
    },
    evaluations: async (image, { modelVersionId }, context) => {
      requireCaller(context);
      const all = await loaders(context).evaluationsByImage.load(image.id);
      return modelVersionId ? all.filter((e) => e.modelVersionId === modelVersionId) : all;
    },
  },
  Segmentation: {
    maskUrl: (segmentation, _args, context) => (segmentation.maskId ? loaders(context).maskUrl.load(segmentation.maskId) : null),
    evaluation: async (segmentation, _args, context) => {
      if (!segmentation.maskId) return null;
      const all = await loaders(context).evaluationsByImage.load(segmentation.imageId);
      return all.find((e) => e.modelMaskId === segmentation.maskId) ?? null;
    },
  },
  MeasurementSet: {
    provenance: (set, _args, context) => provenance(set, context),
  },
};
