import { type Image, type Mask, datasetContracts as c } from '@microseg/contracts';
import DataLoader from 'dataloader';
import { type GatewayContext, requireCaller } from '../context.ts';
import type { InputMaybe, PixelSizeInput, Resolvers, VisibilityInput } from '../generated/resolvers-types.ts';
import { absentAsNull } from './absent-as-null.ts';
import { connectionOf, pageOfList } from './connection-page.ts';

/** Completing an upload decodes the whole image: give it longer than a plain query. */
const INGEST_TIMEOUT_MS = 120_000;

const defined = <T>(value: InputMaybe<T>): T | undefined => (value === null ? undefined : value);
const pixelSize = (value: InputMaybe<PixelSizeInput> | undefined) => (value ? { value: value.value, unit: value.unit } : undefined);
const visibility = (value: InputMaybe<VisibilityInput> | undefined) => (value ? { level: value.level, sharedWith: value.sharedWith ?? [] } : undefined);
const stringRecord = (value: unknown) => value as Record<string, string> | undefined;

interface DatasetLoaders {
  masksByImage: DataLoader<string, Mask[]>;
  imageUrls: DataLoader<string, { original: string; normalised: string; thumbnail: string; expiresAt: string }>;
  maskIndexUrl: DataLoader<string, string>;
}

// Per-request loaders beside the context rather than in it: the dataset concern keeps its fan-out here.
const loadersOf = new WeakMap<GatewayContext, DatasetLoaders>();

function loaders(context: GatewayContext): DatasetLoaders {
  let found = loadersOf.get(context);
  if (!found) {
    const { services } = context;
    found = {
      masksByImage: new DataLoader(async (ids) => {
        const { masks } = await services.call(c.listMasks, { imageIds: [...ids] });
        return ids.map((id) => masks.filter((m) => m.imageId === id));
      }),
      imageUrls: new DataLoader(async (ids) => {
        const urls = await services.call(c.downloadUrls, { imageIds: [...ids] });
        const byId = new Map(urls.images.map((u) => [u.imageId, { ...u, expiresAt: urls.expiresAt }]));
        return ids.map((id) => byId.get(id) ?? new Error(`image ${id} not found`));
      }),
      maskIndexUrl: new DataLoader(async (ids) => {
        const urls = await services.call(c.downloadUrls, { maskIds: [...ids] });
        const byId = new Map(urls.masks.map((u) => [u.maskId, u.index]));
        return ids.map((id) => byId.get(id) ?? new Error(`mask ${id} not found`));
      }),
    };
    loadersOf.set(context, found);
  }
  return found;
}

export const datasetResolvers: Resolvers = {
  Query: {
    datasets: async (_parent, { first, after, filter }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.listDatasets, {
        first: first ?? 50,
        ...(after ? { after } : {}),
        ...(filter?.material ? { material: filter.material } : {}),
        ...(filter?.nameContains ? { nameContains: filter.nameContains } : {}),
        ownedOnly: filter?.ownedOnly ?? false,
      });
      return connectionOf(page);
    },
    dataset: (_parent, { id }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getDataset, { id }));
    },
    image: (_parent, { id }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getImage, { id }));
    },
    imageByLimsId: (_parent, { limsId }, context) => {
      // The dataset service answers from the caller's group alone, so the group scopes the cache.
      const { groupId } = requireCaller(context);
      return context.imageLookups.get(groupId, limsId, () => absentAsNull(context.services.call(c.findImageByLimsId, { limsId })));
    },
    datasetVersion: async (_parent, { id }, context) => {
      requireCaller(context);
      return (await absentAsNull(context.services.call(c.getVersionContent, { id })))?.version ?? null;
    },
  },
  Dataset: {
    owner: (dataset, _args, context) => context.loaders.groupById.load(dataset.groupId),
    images: async (dataset, { first, after, filter }, context) => {
      const page = await context.services.call(c.listImages, {
        datasetId: dataset.id,
        first: first ?? 50,
        ...(after ? { after } : {}),
        filter: {
          ...(filter?.experiment ? { experiment: filter.experiment } : {}),
          ...(filter?.subset ? { subset: filter.subset } : {}),
          ...(filter?.limsId ? { limsId: filter.limsId } : {}),
          ...(filter?.metadata ? { metadata: stringRecord(filter.metadata) } : {}),
          ...(typeof filter?.hasMask === 'boolean' ? { hasMask: filter.hasMask } : {}),
        },
      });
      return connectionOf(page);
    },
    experiments: async (dataset, _args, context) => (await context.services.call(c.listExperiments, { datasetId: dataset.id })).experiments,
    versions: async (dataset, args, context) => {
      const { versions } = await context.services.call(c.listVersions, { datasetId: dataset.id });
      return pageOfList(versions, (version) => version.id, args);
    },
  },
  Image: {
    masks: (image: Image, _args, context) => loaders(context).masksByImage.load(image.id),
    downloadUrls: (image: Image, _args, context) => loaders(context).imageUrls.load(image.id),
  },
  Mask: {
    indexUrl: (mask: Mask, _args, context) => loaders(context).maskIndexUrl.load(mask.id),
  },
  Mutation: {
    createDataset: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createDataset, {
        name: input.name,
        material: input.material ?? '',
        description: input.description ?? '',
        classes: input.classes,
        ...(input.defaultPixelSize ? { defaultPixelSize: pixelSize(input.defaultPixelSize) } : {}),
        ...(input.visibility ? { visibility: visibility(input.visibility) } : {}),
      });
    },
    updateDataset: (_parent, { id, input }, context) => {
      requireCaller(context);
      return context.services.call(c.updateDataset, {
        id,
        name: defined(input.name),
        material: defined(input.material),
        description: defined(input.description),
        // Explicit null clears the default pixel size; absent leaves it.
        ...(input.defaultPixelSize !== undefined ? { defaultPixelSize: pixelSize(input.defaultPixelSize) ?? null } : {}),
        visibility: visibility(input.visibility),
      });
    },
    deleteDataset: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.deleteDataset, { id });
    },
    createDatasetVersion: (_parent, { datasetId, note }, context) => {
      requireCaller(context);
      return context.services.call(c.createVersion, { datasetId, ...(note ? { note } : {}) }, { timeoutMs: INGEST_TIMEOUT_MS });
    },
    createImageUpload: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createImageUpload, {
        datasetId: input.datasetId,
        fileName: input.fileName,
        sizeBytes: input.sizeBytes,
        sha256: input.sha256,
        contentType: defined(input.contentType),
        expiresInSeconds: defined(input.expiresInSeconds),
        mask: input.mask ?? undefined,
      });
    },
    completeImageUpload: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(
        c.completeImageUpload,
        {
          uploadId: input.uploadId,
          name: defined(input.name),
          limsId: defined(input.limsId),
          pixelSize: pixelSize(input.pixelSize),
          metadata: stringRecord(input.metadata ?? {}),
          parts: defined(input.parts),
          mask: input.mask ? { uploadId: input.mask.uploadId, parts: defined(input.mask.parts) } : undefined,
        },
        { timeoutMs: INGEST_TIMEOUT_MS },
      );
    },
    createMaskUpload: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createMaskUpload, {
        imageId: input.imageId,
        fileName: input.fileName,
        sizeBytes: input.sizeBytes,
        sha256: input.sha256,
        expiresInSeconds: defined(input.expiresInSeconds),
      });
    },
    completeMaskUpload: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(
        c.completeMaskUpload,
        {
          uploadId: input.uploadId,
          source: input.source ?? 'ground_truth',
          modelVersionId: defined(input.modelVersionId),
          parts: defined(input.parts),
        },
        { timeoutMs: INGEST_TIMEOUT_MS },
      );
    },
    updateImage: (_parent, { id, input }, context) => {
      requireCaller(context);
      return context.services.call(c.updateImage, {
        id,
        name: defined(input.name),
        ...(input.limsId !== undefined ? { limsId: input.limsId } : {}),
        ...(input.pixelSize !== undefined ? { pixelSize: pixelSize(input.pixelSize) ?? null } : {}),
        metadata: stringRecord(defined(input.metadata)),
      });
    },
    deleteImage: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.deleteImage, { id });
    },
    deleteMask: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.deleteMask, { id });
    },
    setExperiment: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.setExperiment, {
        datasetId: input.datasetId,
        name: input.name,
        train: input.train ?? [],
        val: input.val ?? [],
        test: input.test ?? [],
        notes: stringRecord(input.notes ?? {}),
      });
    },
    deleteExperiment: (_parent, { datasetId, name }, context) => {
      requireCaller(context);
      return context.services.call(c.deleteExperiment, { datasetId, name });
    },
  },
};
