import { createHash } from 'node:crypto';
import type { Image, OutOfDistribution } from '@microseg/contracts';
import { invalidInput } from '@microseg/errors';
import { decodeImage, encodeIndexPng } from '@microseg/micrograph';
import type { ObjectStore } from '@microseg/storage';
import { DEFAULT_PROBABILITY_BAND, type ImageInput } from '@microseg/tf-runtime/onnx';
import type { LoadedModel } from './model-cache.ts';
import { scoreOutOfDistribution } from './ood-scorer.ts';

export interface SegmentedImage {
  maskPng: Buffer;
  maskSha256: string;
  probabilities: Float32Array | undefined;
  /** The masks at the probability band's thresholds, as index PNGs (see @microseg/tf-runtime's ProbabilityBand). */
  band: { low: number; high: number; classRule: 'threshold' | 'argmax'; lowerPng: Buffer; upperPng: Buffer };
  tiles: number;
  computeMs: number;
  /** The backend that computed it (provenance). */
  backend: string;
  /** Null only for a model loaded without scoring attached. */
  outOfDistribution: OutOfDistribution | null;
}

async function readAll(store: ObjectStore, bucket: string, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.getObject(bucket, key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Whether the model takes this image (bit depth, channels) before any tile runs: a mismatch is the
 * image's fault, recorded as a failed step, not a crash to retry.
 */
function assertModelTakes(loaded: LoadedModel, image: Pick<Image, 'bitDepth' | 'channels' | 'id'>): void {
  const { input } = loaded.manifest;
  if (!input.bitDepths.includes(image.bitDepth as 8 | 16)) {
    throw invalidInput(`the model takes ${input.bitDepths.join(' or ')}-bit images; this one is ${image.bitDepth}-bit`, {
      problem: 'bit-depth', imageId: image.id, bitDepth: image.bitDepth, accepted: input.bitDepths,
    });
  }
  if (image.channels !== 1 && image.channels !== input.channels) {
    throw invalidInput(`the model takes ${input.channels}-channel (or grayscale) images; this one has ${image.channels}`, {
      problem: 'channels', imageId: image.id, channels: image.channels, accepted: input.channels,
    });
  }
}

/** Reads the image's lossless working copy and runs the paper's tiled inference on it. */
export async function segmentStoredImage(
  store: ObjectStore,
  loaded: LoadedModel,
  image: Image,
  options: { probabilities: boolean; working: () => void; onBatch?: (tiles: number, seconds: number) => void },
): Promise<SegmentedImage> {
  assertModelTakes(loaded, image);
  const decoded = await decodeImage(await readAll(store, image.normalised.bucket, image.normalised.key));
  options.working();
  const input: ImageInput = {
    data: decoded.pixels,
    width: decoded.info.width,
    height: decoded.info.height,
    channels: decoded.info.channels,
    bitDepth: decoded.info.bitDepth,
  };
  const { manifest } = loaded;
  const started = performance.now();
  const result = await loaded.segment({
    image: input,
    tile: manifest.tile.size,
    stride: manifest.tile.stride,
    probabilities: options.probabilities,
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    // The version's conventions: how probabilities become classes, how 16-bit pixels are read.
    classRule: manifest.classRule,
    sixteenBit: manifest.input.sixteenBit,
    // Every segmentation gets its band: metrology's intervals are made from it.
    probabilityBand: DEFAULT_PROBABILITY_BAND,
    normalisation: {
      mean: manifest.input.normalisation.mean as [number, number, number],
      std: manifest.input.normalisation.std as [number, number, number],
    },
  });
  const computeMs = performance.now() - started;
  options.working();
  // After the mask, outside computeMs: the encoder's extra pass is the score's cost, not the segmentation's.
  const outOfDistribution = loaded.outOfDistribution ? await scoreOutOfDistribution(loaded.outOfDistribution, input, manifest) : null;
  options.working();
  const indices = result.mask instanceof Uint8Array ? result.mask : Uint8Array.from(result.mask);
  const maskPng = await encodeIndexPng(indices, result.width, result.height);
  const asBytes = (mask: Uint8Array | Uint16Array) => (mask instanceof Uint8Array ? mask : Uint8Array.from(mask));
  const [lowerPng, upperPng] = await Promise.all([
    encodeIndexPng(asBytes(result.band!.lower), result.width, result.height),
    encodeIndexPng(asBytes(result.band!.upper), result.width, result.height),
  ]);
  return {
    maskPng,
    maskSha256: createHash('sha256').update(maskPng).digest('hex'),
    probabilities: result.probabilities,
    band: { ...DEFAULT_PROBABILITY_BAND, classRule: manifest.classRule, lowerPng, upperPng },
    tiles: result.tiles,
    computeMs,
    backend: loaded.backend,
    outOfDistribution,
  };
}
