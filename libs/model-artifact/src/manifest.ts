import { invalidInput } from '@microseg/errors';
import { z } from 'zod';

export const MANIFEST_FILE = 'microseg.json';
/** The tfjs network's topology and weights manifest (absent from an artifact imported as ONNX only). */
export const MODEL_JSON = 'model.json';
export const MANIFEST_FORMAT_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256');
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'a plain file name');
const count = z.int().positive();

const ClassSchema = z.object({
  index: z.int().nonnegative(),
  name: z.string().min(1),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour'),
});

const InputSchema = z
  .object({
    /** Channels the network takes (3 for ImageNet-style encoders). */
    channels: z.int().min(1).max(4),
    /** Grayscale images: repeat the one channel to fill `channels` (PMM's convention). */
    grayscale: z.enum(['replicate']),
    /** Pixel bit depths accepted; values are divided by 2^bits - 1 before normalisation. */
    bitDepths: z.array(z.union([z.literal(8), z.literal(16)])).min(1),
    /**
     * How 16-bit samples reach 0..1: `full_range` divides by 65535; `high_byte` keeps the high byte
     * as the paper's code reads them (see @microseg/tf-runtime's SixteenBitInput). Artifacts saved
     * before it was recorded used `full_range`.
     */
    sixteenBit: z.enum(['full_range', 'high_byte']).default('full_range'),
    normalisation: z.object({ mean: z.array(z.number()), std: z.array(z.number().positive()) }),
  })
  .refine(
    (input) =>
      input.normalisation.mean.length === input.channels &&
      input.normalisation.std.length === input.channels,
    {
      message: 'normalisation mean and std need one value per channel',
      path: ['normalisation'],
    },
  );

const TensorFileSchema = z.object({ file: fileName, shape: z.array(count).min(1) });

/** The description of a model a user gives when saving it; the rest of microseg.json is computed. */
export const ModelDescriptionSchema = z.object({
  name: z.string().min(1),
  /** The decoder, as the segmentation library names it (e.g. `unet`, `fpn`). */
  architecture: z.string().min(1),
  /** The encoder, as the segmentation library names it (e.g. `resnet50`). */
  encoder: z.string().min(1),
  classes: z
    .array(ClassSchema)
    .min(1)
    .refine((classes) => classes.every((c, i) => c.index === i), {
      message: 'class indices must be 0, 1, 2... in order',
    }),
  input: InputSchema,
  /**
   * How probabilities become classes: `threshold` (the paper's: a class above 0.5, the background
   * elsewhere) or `argmax` (see @microseg/tf-runtime's ClassRule). Artifacts saved before it was
   * recorded were run with `argmax`.
   */
  classRule: z.enum(['threshold', 'argmax']).default('argmax'),
  tile: z.object({ size: count, stride: count }).refine((tile) => tile.stride <= tile.size, {
    message: 'the tile stride cannot exceed the tile size',
  }),
  /** The pixel size of the training images; null when unknown. */
  trainingPixelSize: z
    .object({ value: z.number().positive(), unit: z.enum(['nm', 'um']) })
    .nullable(),
  /** Where the initial weights came from (a PyTorch checkpoint, MicroNet release...). */
  sourceWeights: z.array(z.object({ name: z.string().min(1), sha256, url: z.string().optional() })),
  metrics: z.record(z.string(), z.number()),
  licence: z.string().min(1),
  codeVersion: z.string().min(1),
  createdAt: z.iso.datetime().optional(),
});

export const ArtifactManifestSchema = ModelDescriptionSchema.extend({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  /** sha256 of every other file of the artifact; a file not listed here is not loaded. */
  files: z.record(fileName, sha256),
  /**
   * The same network as an ONNX model (NCHW input `input`, output `output`) for ONNX Runtime; its
   * sha256 is in `files`. Absent in artifacts saved before MicroSeg exported ONNX: those run on tfjs.
   */
  onnx: z.object({ file: fileName, opset: count, input: z.string().min(1), output: z.string().min(1) }).optional(),
  /** The reproducibility check run on every load: this input must give this output. */
  test: z.object({
    input: TensorFileSchema,
    output: TensorFileSchema,
    tolerance: z.number().positive(),
  }),
});

export type ModelDescription = z.input<typeof ModelDescriptionSchema>;
export type ArtifactManifest = z.infer<typeof ArtifactManifestSchema>;
export type ModelClass = z.infer<typeof ClassSchema>;

function issues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function parseModelDescription(value: unknown): z.infer<typeof ModelDescriptionSchema> {
  const result = ModelDescriptionSchema.safeParse(value);
  if (!result.success)
    throw invalidInput('model description is invalid', { issues: issues(result.error) });
  return result.data;
}

export function parseManifest(bytes: Uint8Array, location: string): ArtifactManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw invalidInput(
      `${MANIFEST_FILE} in ${location} is not valid JSON`,
      { reason: 'manifest-invalid' },
      error,
    );
  }
  return validateManifest(json, location);
}

/** Checks a manifest about to be written or just read; `location` names it in the message. */
export function validateManifest(json: unknown, location: string): ArtifactManifest {
  const result = ArtifactManifestSchema.safeParse(json);
  if (!result.success) {
    throw invalidInput(`${MANIFEST_FILE} in ${location} is invalid`, {
      reason: 'manifest-invalid',
      issues: issues(result.error),
    });
  }
  return result.data;
}
