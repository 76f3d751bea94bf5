import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { LayersModel } from '@tensorflow/tfjs-layers';
import { MicroSegError } from '@microseg/errors';
import type { ClassRule, SixteenBitInput } from './conventions.ts';
import { type ProbabilityBand, assertProbabilityBand } from './probability-band.ts';
import { IMAGENET_NORMALISATION, type ImageInput, type Normalisation, validateImage } from './image-input.ts';
import { type ModelSource, type TilePredictor, loadPredictor, modelToSource } from './model-source.ts';
import { type TilePosition, createStitcher, createTileReader, cropCentres } from './tile-io.ts';
import { type TilePlan, planTiles } from './tile-plan.ts';
import { type TileCentres, type TileWorkerPool, createTileWorkerPool } from './worker-pool.ts';

/**
 * A network run by another engine (ONNX Runtime: @microseg/model-artifact's OnnxRunner): NHWC
 * normalised tiles in, NHWC per-class probabilities out. It parallelises inside itself, so it runs
 * from this thread and never in tile workers.
 */
export interface TensorRunner {
  run(input: { shape: number[]; data: Float32Array }): Promise<{ shape: number[]; data: Float32Array }>;
}

export interface SegmentImageOptions {
  image: ImageInput;
  /**
   * A model or predict function runs in this thread; a ModelSource (or a LayersModel) can also run in
   * workers; a TensorRunner runs on its own engine's threads.
   */
  model: LayersModel | TilePredictor | ModelSource | TensorRunner;
  /** 512 and 256 as in the paper. */
  tile?: number;
  stride?: number;
  /** Tiles per forward pass; memory grows with it, not with the image. */
  tileBatch?: number;
  /**
   * Worker threads (each with a wasm backend and its own copy of the network); 0 runs in this thread on the
   * current backend. Default: one per core on the wasm/cpu backends, 0 on the native tensorflow backend.
   */
  workers?: number;
  /** Modules the workers import before rebuilding a LayersModel, e.g. the one registering its custom layers. */
  setupModules?: string[];
  /** An already started pool (services keep one per model rather than reloading the network per image). */
  pool?: TileWorkerPool;
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

type Executor = (tiles: Float32Array, count: number) => Promise<TileCentres>;

function isModelSource(model: SegmentImageOptions['model']): model is ModelSource {
  return typeof model === 'object' && !(model instanceof LayersModel) && 'kind' in model;
}

function isTensorRunner(model: SegmentImageOptions['model']): model is TensorRunner {
  return typeof model === 'object' && !(model instanceof LayersModel) && !('kind' in model) && typeof model.run === 'function';
}

function defaultWorkers(model: SegmentImageOptions['model']): number {
  if (typeof model === 'function' || isTensorRunner(model) || tf.getBackend() === 'tensorflow') return 0;
  return availableParallelism();
}

function runnerExecutor(runner: TensorRunner, plan: TilePlan): Executor {
  return async (tiles, count) => {
    const output = await runner.run({ shape: [count, plan.tile, plan.tile, 3], data: tiles });
    const classes = output.shape[3]!;
    return { data: cropCentres(output.data, count, plan.tile, plan.margin, plan.stride, classes), classes };
  };
}

function inThreadExecutor(predict: TilePredictor, plan: TilePlan): Executor {
  return async (tiles, count) => {
    const probabilities = tf.tidy(() => predict(tf.tensor4d(tiles, [count, plan.tile, plan.tile, 3])));
    const values = (await probabilities.data()) as Float32Array;
    const classes = probabilities.shape[3];
    probabilities.dispose();
    return { data: cropCentres(values, count, plan.tile, plan.margin, plan.stride, classes), classes };
  };
}

/**
 * Segments an image of any size the way the paper's code does (see planTiles), streaming tiles so that memory
 * is bounded by the tile batches in flight plus the outputs, not by a padded copy of the image.
 */
export async function segmentImage(options: SegmentImageOptions): Promise<Segmentation> {
  validateImage(options.image);
  if (options.probabilityBand) assertProbabilityBand(options.probabilityBand);
  const plan = planTiles(options.image.width, options.image.height, options.tile ?? 512, options.stride ?? 256);
  const tileBatch = options.tileBatch ?? 1;
  if (!Number.isInteger(tileBatch) || tileBatch < 1) {
    throw new MicroSegError('INVALID_INPUT', `tileBatch must be a positive integer, got ${tileBatch}`, { details: { tileBatch } });
  }
  const positions: TilePosition[] = [];
  for (let row = 0; row < plan.rows; row++) for (let column = 0; column < plan.columns; column++) positions.push({ column, row });
  const batches = Math.ceil(positions.length / tileBatch);

  const workers = Math.min(options.workers ?? defaultWorkers(options.model), batches);
  let pool = options.pool;
  let ownedPool: TileWorkerPool | undefined;
  if (isTensorRunner(options.model) && (workers > 0 || pool)) {
    throw new MicroSegError('INVALID_INPUT', 'a TensorRunner uses its own threads: it takes no tile workers or pool', {
      details: { workers: options.workers ?? null, pool: pool !== undefined },
    });
  }
  if (!pool && workers > 0) {
    if (typeof options.model === 'function' || isTensorRunner(options.model)) {
      throw new MicroSegError('INVALID_INPUT', 'a predict function cannot move to worker threads: pass a ModelSource or LayersModel', {
        details: { workers },
      });
    }
    const source = isModelSource(options.model) ? options.model : await modelToSource(options.model, options.setupModules);
    // Workers run wasm unless this process was told to use the (slow, reference) cpu backend.
    const backend = tf.getBackend() === 'cpu' ? 'cpu' : 'wasm';
    pool = ownedPool = await createTileWorkerPool({ source, workers, backend });
  }
  try {
    let execute: Executor;
    if (pool) {
      const active = pool;
      execute = (data, count) => active.run({ data, count, tile: plan.tile, margin: plan.margin, size: plan.stride });
    } else if (isTensorRunner(options.model)) {
      execute = runnerExecutor(options.model, plan);
    } else {
      const model = options.model;
      const predict =
        model instanceof LayersModel ? (x: tf.Tensor4D) => model.predict(x) as tf.Tensor4D : isModelSource(model) ? await loadPredictor(model) : model;
      execute = inThreadExecutor(predict, plan);
    }
    return await runTiles(options, plan, positions, tileBatch, execute, pool ? pool.size * 2 : 1);
  } finally {
    await ownedPool?.close();
  }
}

async function runTiles(
  options: SegmentImageOptions,
  plan: TilePlan,
  positions: TilePosition[],
  tileBatch: number,
  execute: Executor,
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
