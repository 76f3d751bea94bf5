import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { LayersModel } from '@tensorflow/tfjs-layers';
import { MicroSegError } from '@microseg/errors';
import { type ModelSource, type TilePredictor, loadPredictor, modelToSource } from './model-source.ts';
import {
  type Segmentation,
  type TensorRunner,
  type TileExecutor,
  type TiledSegmentationOptions,
  planSegmentation,
  runTiles,
  runnerExecutor,
} from './segment-tiles.ts';
import { cropCentres } from './tile-io.ts';
import type { TilePlan } from './tile-plan.ts';
import { type TileWorkerPool, createTileWorkerPool } from './worker-pool.ts';

export interface SegmentImageOptions extends TiledSegmentationOptions {
  /**
   * A model or predict function runs in this thread; a ModelSource (or a LayersModel) can also run in
   * workers; a TensorRunner runs on its own engine's threads.
   */
  model: LayersModel | TilePredictor | ModelSource | TensorRunner;
  /**
   * Worker threads (each with a wasm backend and its own copy of the network); 0 runs in this thread on the
   * current backend. Default: one per core on the wasm/cpu backends, 0 on the native tensorflow backend.
   */
  workers?: number;
  /** Modules the workers import before rebuilding a LayersModel, e.g. the one registering its custom layers. */
  setupModules?: string[];
  /** An already started pool (services keep one per model rather than reloading the network per image). */
  pool?: TileWorkerPool;
}

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

function inThreadExecutor(predict: TilePredictor, plan: TilePlan): TileExecutor {
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
 * is bounded by the tile batches in flight plus the outputs, not by a padded copy of the image. Any network:
 * tfjs in this thread or in tile workers, or a TensorRunner (which segmentWithRunner runs without tfjs).
 */
export async function segmentImage(options: SegmentImageOptions): Promise<Segmentation> {
  const tiled = planSegmentation(options);
  const workers = Math.min(options.workers ?? defaultWorkers(options.model), tiled.batches);
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
    let execute: TileExecutor;
    const { plan } = tiled;
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
    return await runTiles(options, tiled, execute, pool ? pool.size * 2 : 1);
  } finally {
    await ownedPool?.close();
  }
}
