import { MicroSegError } from '@microseg/errors';
import type { ClassRule, SixteenBitInput } from './conventions.ts';
import { type ProbabilityBand, assertProbabilityBand } from './probability-band.ts';
import { IMAGENET_NORMALISATION, type ImageInput, type Normalisation, validateImage } from './image-input.ts';
import { type TilePosition, createStitcher, createTileReader, cropCentres } from './tile-io.ts';
import { type TilePlan, planTiles } from './tile-plan.ts';
import type { TileCentres } from './worker-pool.ts';

// The tiling, stitching and class conventions without TensorFlow.js: a TensorRunner (ONNX Runtime)
// segments through segmentWithRunner, and segmentImage (segment-image.ts) adds the tfjs networks.

/**
 * A network run by another engine (ONNX Runtime: @microseg/model-artifact's OnnxRunner): NHWC
 * normalised tiles in, NHWC per-class probabilities out. It parallelises inside itself, so it runs
 * from this thread and never in tile workers.
 */
export interface TensorRunner {
  run(input: { shape: number[]; data: Float32Array }): Promise<{ shape: number[]; data: Float32Array }>;
}

/** How an image is cut into tiles and the tiles into masks, whatever network runs them. */
export interface TiledSegmentationOptions {
  image: ImageInput;
  /** 512 and 256 as in the paper. */
  tile?: number;
  stride?: number;
  /** Tiles per forward pass; memory grows with it, not with the image. */
  tileBatch?: number;
  probabilities?: boolean;
  normalisation?: Normalisation;
  /** The model version's class rule; `argmax` when not given (see ClassRule). */
  classRule?: ClassRule;
  /** The model version's 16-bit conversion; `full_range` when not given (see SixteenBitInput). */
  sixteenBit?: SixteenBitInput;
  /**
   * Told after each forward pass how many tiles it took and how long, from hand-off to result (on
   * tile workers that includes waiting for a free one): what a service reports as time per tile.
   */
  onBatch?: (tiles: number, seconds: number) => void;
  /** Also make the masks at this probability band's thresholds (see ProbabilityBand). */
  probabilityBand?: ProbabilityBand;
}

export interface Segmentation {
  width: number;
  height: number;
  classes: number;
  /** Class index per pixel (binary models: 0/1), row-major. */
  mask: Uint8Array | Uint16Array;
  /** Per-pixel class probabilities [height,width,classes] when requested. */
  probabilities?: Float32Array;
  /** The masks at the probability band's thresholds when one was given (see pixelBand). */
  band?: { lower: Uint8Array | Uint16Array; upper: Uint8Array | Uint16Array };
  tiles: number;
}

/** Runs a batch of normalised tiles [count,tile,tile,3] and hands back their centres' probabilities. */
export type TileExecutor = (tiles: Float32Array, count: number) => Promise<TileCentres>;

export interface TiledPlan {
  plan: TilePlan;
  positions: TilePosition[];
  tileBatch: number;
  batches: number;
}

/** Checks the options and lays out the tiles (see planTiles), before any network is touched. */
export function planSegmentation(options: TiledSegmentationOptions): TiledPlan {
  validateImage(options.image);
  if (options.probabilityBand) assertProbabilityBand(options.probabilityBand);
  const plan = planTiles(options.image.width, options.image.height, options.tile ?? 512, options.stride ?? 256);
  const tileBatch = options.tileBatch ?? 1;
  if (!Number.isInteger(tileBatch) || tileBatch < 1) {
    throw new MicroSegError('INVALID_INPUT', `tileBatch must be a positive integer, got ${tileBatch}`, { details: { tileBatch } });
  }
  const positions: TilePosition[] = [];
  for (let row = 0; row < plan.rows; row++) for (let column = 0; column < plan.columns; column++) positions.push({ column, row });
  return { plan, positions, tileBatch, batches: Math.ceil(positions.length / tileBatch) };
}

/** Segments an image with a network that parallelises inside itself (ONNX Runtime), from this thread. */
export async function segmentWithRunner(options: TiledSegmentationOptions & { model: TensorRunner }): Promise<Segmentation> {
  const tiled = planSegmentation(options);
  return runTiles(options, tiled, runnerExecutor(options.model, tiled.plan), 1);
}

export function runnerExecutor(runner: TensorRunner, plan: TilePlan): TileExecutor {
  return async (tiles, count) => {
    const output = await runner.run({ shape: [count, plan.tile, plan.tile, 3], data: tiles });
    const classes = output.shape[3]!;
    return { data: cropCentres(output.data, count, plan.tile, plan.margin, plan.stride, classes), classes };
  };
}

/**
 * Streams the tiles through `execute`, at most `maxInFlight` batches at once, so that memory is bounded by
 * the batches in flight plus the outputs, not by a padded copy of the image.
 */
export async function runTiles(
  options: TiledSegmentationOptions,
  { plan, positions, tileBatch }: TiledPlan,
  execute: TileExecutor,
  maxInFlight: number,
): Promise<Segmentation> {
  const readTile = createTileReader(options.image, plan, options.normalisation ?? IMAGENET_NORMALISATION, options.sixteenBit);
  const tileValues = plan.tile * plan.tile * 3;
  let stitcher: ReturnType<typeof createStitcher> | undefined;
  const inFlight = new Set<Promise<void>>();

  try {
    for (let first = 0; first < positions.length; first += tileBatch) {
      const batch = positions.slice(first, first + tileBatch);
      const tiles = new Float32Array(batch.length * tileValues);
      batch.forEach((position, i) => readTile(position, tiles, i * tileValues));
      const handedOff = performance.now();
      const job = execute(tiles, batch.length).then(({ data, classes }) => {
        options.onBatch?.(batch.length, (performance.now() - handedOff) / 1000);
        stitcher ??= createStitcher(plan, classes, options.probabilities ?? false, options.classRule ?? 'argmax', options.probabilityBand);
        const centreValues = plan.stride * plan.stride * classes;
        batch.forEach((position, i) => stitcher!.write(position, data, i * centreValues));
      });
      const tracked: Promise<void> = job.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } catch (error) {
    // Let the other batches settle so that none rejects unobserved, then report the first failure.
    await Promise.allSettled(inFlight);
    throw error;
  }
  const done = stitcher!;
  return {
    width: plan.width,
    height: plan.height,
    classes: done.classes,
    mask: done.mask,
    ...(done.probabilities ? { probabilities: done.probabilities } : {}),
    ...(done.bandMasks ? { band: done.bandMasks } : {}),
    tiles: positions.length,
  };
}
