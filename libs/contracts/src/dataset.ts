import { defineEvent, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { fileNameSchema, optionalFileNameSchema } from './file-name.ts';
import { pageRequestSchema, pageSchema } from './pagination.ts';
import { visibilitySchema } from './visibility.ts';

// Defined beside idempotent() in messaging, which reads it; every service imports it from here.
export { IDEMPOTENCY_KEY_HEADER } from '@microseg/messaging';

const id = z.string().uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256');
const timestamp = z.string();

export const lengthUnitSchema = z.enum(['nm', 'um', 'mm']);
export const pixelSizeSchema = z.object({ value: z.number().positive().finite(), unit: lengthUnitSchema });
export type PixelSizeValue = z.infer<typeof pixelSizeSchema>;
export const pixelSizeSourceSchema = z.enum(['upload', 'fei_tag', 'zeiss_tag', 'tiff', 'dataset']);
export type PixelSizeSource = z.infer<typeof pixelSizeSourceSchema>;

export const classDefinitionSchema = z.object({
  index: z.number().int().min(0).max(255),
  name: z.string().trim().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '#rrggbb'),
});

/** Free key/value metadata of an image (instrument, operator, magnification...). */
export const imageMetadataSchema = z
  .record(z.string().min(1).max(100), z.string().max(2_000))
  .refine((record) => Object.keys(record).length <= 100, 'at most 100 metadata keys');

export const objectRefSchema = z.object({ bucket: z.string(), key: z.string(), sha256 });

const datasetName = z.string().trim().min(1).max(120);
/** Export writes `images/<material>/<image name>.<ext>`: all three are file names. */
const materialName = optionalFileNameSchema(200);
const imageName = fileNameSchema(200);

export const datasetSchema = z.object({
  id,
  groupId: id,
  name: z.string(),
  material: z.string(),
  description: z.string(),
  classes: z.array(classDefinitionSchema),
  defaultPixelSize: pixelSizeSchema.nullable(),
  visibility: visibilitySchema,
  imageCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Dataset = z.infer<typeof datasetSchema>;

export const imageSchema = z.object({
  id,
  datasetId: id,
  groupId: id,
  name: z.string(),
  fileName: z.string(),
  format: z.enum(['png', 'tiff', 'jpeg']),
  lossy: z.boolean(),
  width: z.number().int(),
  height: z.number().int(),
  channels: z.number().int(),
  bitDepth: z.number().int(),
  pixelSize: pixelSizeSchema.nullable(),
  /**
   * Where the pixel size came from: the user (upload), an SEM vendor's own TIFF tag (FEI/Thermo
   * Fisher, Zeiss), the TIFF resolution tags, or the dataset default; null when none is known
   * (the image is then measured in pixels).
   */
  pixelSizeSource: pixelSizeSourceSchema.nullable(),
  sha256,
  sizeBytes: z.number().int(),
  metadata: z.record(z.string(), z.string()),
  limsId: z.string().nullable(),
  hasMask: z.boolean(),
  createdAt: timestamp,
  original: objectRefSchema,
  normalised: objectRefSchema,
  thumbnail: objectRefSchema,
});
export type Image = z.infer<typeof imageSchema>;

export const maskSourceSchema = z.enum(['ground_truth', 'model']);
export const maskSchema = z.object({
  id,
  imageId: id,
  datasetId: id,
  source: maskSourceSchema,
  /** The model version that predicted it; null for ground truth. */
  modelVersionId: z.string().nullable(),
  kind: z.enum(['index', 'colour']),
  sha256,
  classPixels: z.record(z.string(), z.number().int()),
  createdAt: timestamp,
  original: objectRefSchema,
  /** The mask as an 8-bit index PNG (the original itself for index PNGs). */
  index: objectRefSchema,
});
export type Mask = z.infer<typeof maskSchema>;

export const splitSubsetSchema = z.enum(['train', 'val', 'test']);
export const experimentSchema = z.object({
  name: z.string(),
  train: z.array(id),
  val: z.array(id),
  test: z.array(id),
  /** Notes kept with the split (e.g. held-out test sets that are not in the dataset). */
  notes: z.record(z.string(), z.string()),
  updatedAt: timestamp,
});
export type Experiment = z.infer<typeof experimentSchema>;

export const datasetVersionSchema = z.object({
  id,
  datasetId: id,
  number: z.number().int(),
  contentHash: sha256,
  imageCount: z.number().int(),
  maskCount: z.number().int(),
  experiments: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: timestamp,
});
export type DatasetVersion = z.infer<typeof datasetVersionSchema>;

/** What a training job reads: the frozen list of images with their working copies and masks. */
export const datasetVersionContentSchema = z.object({
  version: datasetVersionSchema,
  classes: z.array(classDefinitionSchema),
  images: z.array(
    z.object({ imageId: id, name: z.string(), normalised: objectRefSchema, mask: objectRefSchema.nullable() }),
  ),
  experiments: z.array(z.object({ name: z.string(), train: z.array(id), val: z.array(id), test: z.array(id) })),
});
export type DatasetVersionContent = z.infer<typeof datasetVersionContentSchema>;

export const deletionSchema = z.object({ id, deletedAt: timestamp });

/** Where a client puts the bytes: one presigned PUT, or one per part for large files. */
const fileTicketSchema = z.object({
  uploadId: id,
  url: z.string().nullable(),
  expiresAt: timestamp,
  /** The dataset already holds these bytes: no need to upload, this is the image. */
  existingImageId: id.nullable(),
  multipart: z
    .object({ partSizeBytes: z.number().int(), parts: z.array(z.object({ partNumber: z.number().int(), url: z.string() })) })
    .nullable(),
});
export const uploadTicketSchema = fileTicketSchema.extend({
  /** The ticket of the mask uploaded with the image, when one was asked for: both complete together. */
  mask: fileTicketSchema.extend({ mask: z.null().default(null) }).nullable().default(null),
});
export type UploadTicket = z.infer<typeof uploadTicketSchema>;

const uploadRequest = {
  fileName: fileNameSchema(200),
  sizeBytes: z.number().int().min(0),
  sha256,
  /** Shorter than the 15-minute maximum for clients that want it (and for tests of expiry). */
  expiresInSeconds: z.number().int().min(1).max(900).default(900),
};

const completedPartsSchema = z.array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1) })).max(10_000);

export const downloadUrlsSchema = z.object({
  images: z.array(z.object({ imageId: id, original: z.string(), normalised: z.string(), thumbnail: z.string() })),
  masks: z.array(z.object({ maskId: id, original: z.string(), index: z.string() })),
  expiresAt: timestamp,
});

export const imageFilterSchema = z.object({
  experiment: z.string().optional(),
  subset: splitSubsetSchema.optional(),
  limsId: z.string().optional(),
  /** Images whose metadata contains every one of these key/values. */
  metadata: z.record(z.string(), z.string()).optional(),
  hasMask: z.boolean().optional(),
});

export const datasetContracts = {
  createDataset: defineRequest({
    subject: 'microseg.dataset.v1.datasets.create',
    request: z.object({
      name: datasetName,
      material: materialName.default(''),
      description: z.string().max(10_000).default(''),
      classes: z.array(classDefinitionSchema).min(1).max(256),
      defaultPixelSize: pixelSizeSchema.optional(),
      visibility: visibilitySchema.optional(),
    }),
    response: datasetSchema,
  }),
  getDataset: defineRequest({ subject: 'microseg.dataset.v1.datasets.get', request: z.object({ id }), response: datasetSchema }),
  listDatasets: defineRequest({
    subject: 'microseg.dataset.v1.datasets.list',
    request: pageRequestSchema.extend({ material: z.string().optional(), nameContains: z.string().optional(), ownedOnly: z.boolean().default(false) }),
    response: pageSchema(datasetSchema),
  }),
  updateDataset: defineRequest({
    subject: 'microseg.dataset.v1.datasets.update',
    request: z.object({
      id,
      name: datasetName.optional(),
      material: materialName.optional(),
      description: z.string().max(10_000).optional(),
      defaultPixelSize: pixelSizeSchema.nullable().optional(),
      visibility: visibilitySchema.optional(),
    }),
    response: datasetSchema,
  }),
  deleteDataset: defineRequest({ subject: 'microseg.dataset.v1.datasets.delete', request: z.object({ id }), response: deletionSchema }),

  createImageUpload: defineRequest({
    subject: 'microseg.dataset.v1.images.upload.create',
    request: z.object({
      datasetId: id,
      contentType: z.string().max(100).optional(),
      ...uploadRequest,
      /** The image's ground-truth mask, uploaded beside it and committed with it (or neither). */
      mask: z.object({ fileName: fileNameSchema(200), sizeBytes: uploadRequest.sizeBytes, sha256 }).optional(),
    }),
    response: uploadTicketSchema,
  }),
  completeImageUpload: defineRequest({
    subject: 'microseg.dataset.v1.images.upload.complete',
    request: z.object({
      uploadId: id,
      /** Default: the file name without its extension. Unique within the dataset. */
      name: imageName.optional(),
      limsId: z.string().trim().min(1).max(200).optional(),
      pixelSize: pixelSizeSchema.optional(),
      metadata: imageMetadataSchema.default({}),
      parts: completedPartsSchema.optional(),
      /** The mask upload of the same createImageUpload: validated before anything is committed. */
      mask: z.object({ uploadId: id, parts: completedPartsSchema.optional() }).optional(),
    }),
    response: z.object({ image: imageSchema, deduplicated: z.boolean(), mask: maskSchema.nullable().default(null) }),
  }),
  createMaskUpload: defineRequest({
    subject: 'microseg.dataset.v1.masks.upload.create',
    request: z.object({
      imageId: id,
      ...uploadRequest,
      /** Signed for the in-cluster object store endpoint, not S3_PUBLIC_ENDPOINT: for platform services (the gateway never sets it). */
      internal: z.boolean().default(false),
    }),
    response: uploadTicketSchema,
  }),
  completeMaskUpload: defineRequest({
    subject: 'microseg.dataset.v1.masks.upload.complete',
    request: z.object({
      uploadId: id,
      source: maskSourceSchema.default('ground_truth'),
      modelVersionId: z.string().min(1).max(200).optional(),
      parts: completedPartsSchema.optional(),
    }),
    response: maskSchema,
  }),

  getImage: defineRequest({ subject: 'microseg.dataset.v1.images.get', request: z.object({ id }), response: imageSchema }),
  getImages: defineRequest({
    subject: 'microseg.dataset.v1.images.get-many',
    request: z.object({ ids: z.array(id).max(500) }),
    response: z.object({ images: z.array(imageSchema) }),
  }),
  findImageByLimsId: defineRequest({
    subject: 'microseg.dataset.v1.images.by-lims-id',
    request: z.object({ limsId: z.string().min(1).max(200) }),
    response: imageSchema,
  }),
  listImages: defineRequest({
    subject: 'microseg.dataset.v1.images.list',
    request: pageRequestSchema.extend({ datasetId: id, filter: imageFilterSchema.default({}) }),
    response: pageSchema(imageSchema),
  }),
  updateImage: defineRequest({
    subject: 'microseg.dataset.v1.images.update',
    request: z.object({
      id,
      name: imageName.optional(),
      limsId: z.string().trim().min(1).max(200).nullable().optional(),
      pixelSize: pixelSizeSchema.nullable().optional(),
      metadata: imageMetadataSchema.optional(),
    }),
    response: imageSchema,
  }),
  deleteImage: defineRequest({ subject: 'microseg.dataset.v1.images.delete', request: z.object({ id }), response: deletionSchema }),
  downloadUrls: defineRequest({
    subject: 'microseg.dataset.v1.download-urls',
    request: z.object({ imageIds: z.array(id).max(500).default([]), maskIds: z.array(id).max(500).default([]) }),
    response: downloadUrlsSchema,
  }),

  listMasks: defineRequest({
    subject: 'microseg.dataset.v1.masks.list',
    request: z.object({ imageIds: z.array(id).max(500) }),
    response: z.object({ masks: z.array(maskSchema) }),
  }),
  deleteMask: defineRequest({ subject: 'microseg.dataset.v1.masks.delete', request: z.object({ id }), response: deletionSchema }),

  setExperiment: defineRequest({
    subject: 'microseg.dataset.v1.experiments.set',
    request: z.object({
      datasetId: id,
      name: z.string().trim().min(1).max(120),
      train: z.array(id).max(100_000).default([]),
      val: z.array(id).max(100_000).default([]),
      test: z.array(id).max(100_000).default([]),
      notes: z.record(z.string(), z.string()).default({}),
    }),
    response: experimentSchema,
  }),
  listExperiments: defineRequest({
    subject: 'microseg.dataset.v1.experiments.list',
    request: z.object({ datasetId: id }),
    response: z.object({ experiments: z.array(experimentSchema) }),
  }),
  deleteExperiment: defineRequest({
    subject: 'microseg.dataset.v1.experiments.delete',
    request: z.object({ datasetId: id, name: z.string().min(1) }),
    response: deletionSchema,
  }),

  createVersion: defineRequest({
    subject: 'microseg.dataset.v1.versions.create',
    request: z.object({ datasetId: id, note: z.string().max(2_000).optional() }),
    response: datasetVersionSchema,
  }),
  listVersions: defineRequest({
    subject: 'microseg.dataset.v1.versions.list',
    request: z.object({ datasetId: id }),
    response: z.object({ versions: z.array(datasetVersionSchema) }),
  }),
  getVersionContent: defineRequest({
    subject: 'microseg.dataset.v1.versions.content',
    request: z.object({ id }),
    response: datasetVersionContentSchema,
  }),
} as const;

export const datasetEvents = {
  imageUploaded: defineEvent({
    subject: 'microseg.events.image.uploaded.v1',
    schema: z.object({
      imageId: id,
      datasetId: id,
      groupId: id,
      sha256,
      width: z.number().int(),
      height: z.number().int(),
      channels: z.number().int(),
      bitDepth: z.number().int(),
      original: objectRefSchema,
      normalised: objectRefSchema,
      thumbnail: objectRefSchema,
      uploadedAt: timestamp,
    }),
  }),
  /** A mask was committed (ground truth by upload; model masks carry their model version). */
  maskCreated: defineEvent({
    subject: 'microseg.events.mask.created.v1',
    schema: z.object({
      maskId: id,
      imageId: id,
      datasetId: id,
      groupId: id,
      source: maskSourceSchema,
      modelVersionId: z.string().nullable(),
      /** The mask as an 8-bit index PNG. */
      index: objectRefSchema,
      width: z.number().int(),
      height: z.number().int(),
      /** The image's pixel size when the mask was committed; null when unknown. */
      pixelSize: pixelSizeSchema.nullable(),
      /** Where that pixel size came from; null when unknown (and in events from before it was sent). */
      pixelSizeSource: pixelSizeSourceSchema.nullable().default(null),
      createdAt: timestamp,
    }),
  }),
} as const;
