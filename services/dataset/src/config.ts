import { commonServiceVariables, databaseVariables, objectStoreVariables, z } from '@microseg/config';
import { DEFAULT_MAX_PIXELS } from '@microseg/micrograph';

export const datasetConfigSchema = z.object({
  ...commonServiceVariables,
  ...databaseVariables,
  ...objectStoreVariables,
  DATASET_BUCKET: z
    .string()
    .min(3)
    .max(63)
    .default('microseg-datasets')
    .describe("the bucket holding every group's originals, normalised copies, thumbnails and masks"),
  DATASET_MAX_IMAGE_PIXELS: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_MAX_PIXELS)
    .describe("images above this many pixels are refused from their header, before decoding (INVALID_INPUT with the limit and the image's size)"),
  DATASET_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(1024 * 1024 * 1024)
    .describe('the largest upload accepted'),
  DATASET_MULTIPART_THRESHOLD_BYTES: z.coerce
    .number()
    .int()
    .min(5 * 1024 * 1024)
    .default(64 * 1024 * 1024)
    .describe('uploads above this size are handed out as presigned multipart uploads'),
  DATASET_MAX_CONCURRENT_INGESTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe('uploads completed at the same time; each holds its file while it is checked and decoded'),
  DATASET_DECODE_MEMORY_MB: z.coerce
    .number()
    .int()
    .min(16)
    .default(512)
    .describe(
      "memory the decodes of this process may hold together, estimated from each image's header (images stream through libvips; masks are decoded whole); decodes beyond it wait their turn, one image above it runs alone. With the files of the ingests in flight and the process itself it sizes the container: 512 MB keeps three 100-megapixel uploads far below 1 GB",
    ),
  DATASET_DOWNLOAD_URL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(900)
    .default(900)
    .describe('how long download links (images, masks, thumbnails) live; 15 minutes is the most the storage lib signs'),
  DATASET_DELETED_OBJECTS_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60)
    .describe(
      'how long the objects of a deleted image, mask or dataset stay in the store before the sweeper removes them: links handed out before the delete stop working then (or at their expiry, if sooner), and work already running on the image (a segmentation) has time to finish. Objects a dataset version holds stay with the version',
    ),
  DATASET_DELETION_SWEEP_MS: z.coerce.number().int().min(100).default(10_000).describe('how often the sweeper looks for objects due for removal'),
});

export type DatasetConfig = z.infer<typeof datasetConfigSchema>;
