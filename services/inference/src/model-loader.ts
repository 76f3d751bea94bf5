import type { Logger } from '@microseg/logging';
import { isMicroSegError } from '@microseg/errors';
import { type ArtifactLocation, ArtifactErrorReason, type OnnxDevice, hasTfjsNetwork, loadOnnxArtifact, readManifest } from '@microseg/model-artifact/onnx';
import { segmentWithRunner } from '@microseg/tf-runtime/onnx';
import type { LoadedModel } from './model-cache.ts';
import type { StartTfjs } from './tfjs-engine.ts';

export const INFERENCE_ENGINES = ['onnx', 'tfjs'] as const;
export type InferenceEngine = (typeof INFERENCE_ENGINES)[number];

export interface ModelLoaderOptions {
  engine: InferenceEngine;
  /** onnx: ONNX Runtime intra-op threads (0: defaultThreads, the cores or the container's CPU limit) and execution provider. */
  onnxThreads: number;
  onnxDevice: OnnxDevice;
  /** Tiles per network run: faster per tile, working memory grows with it. */
  tileBatch: number;
  /** tfjs: tile worker threads per model. */
  tileWorkers: number;
  /** TensorFlow.js, started on first need (the tfjs engine, an artifact saved before ONNX export): never for an artifact's own model.onnx. */
  tfjs: StartTfjs;
  logger: Logger;
}

/**
 * Working memory of one 512 px tile of UNet-ResNet18 in ONNX Runtime, whose arena keeps the largest run's
 * buffers: resident memory grew 215-225 MiB per tile added to a batch. A bound for the cache, not an allocation.
 */
const ONNX_TILE_WORKING_BYTES = 224 * 2 ** 20;

/**
 * Loads a version's artifact (self-tested on load) with the configured engine. ONNX Runtime: one session
 * per model in this process, hosted in its own thread (onnxruntime-node computes on the calling thread's
 * event loop), so the service keeps answering requests and health checks while an image computes. An
 * artifact saved before ONNX export gets its graph exported on load from the verified tfjs network and
 * proven against the same test vector; only a network the exporter refuses runs on tfjs. A version
 * imported from a bioimage.io package holds ONNX weights only: it runs on ONNX Runtime whatever the engine.
 */
export async function loadVersionModel(location: ArtifactLocation, options: ModelLoaderOptions): Promise<LoadedModel> {
  if (options.engine === 'tfjs' && !hasTfjsNetwork(await readManifest(location))) return loadOnnxModel(location, options);
  if (options.engine === 'onnx') {
    try {
      return await loadOnnxModel(location, options);
    } catch (error) {
      if (!isExportRefusal(error)) throw error;
      options.logger.warn({ err: error }, 'the network has no ONNX form: it runs on tfjs');
    }
  }
  return loadTfjsModel(location, options);
}

async function loadOnnxModel(location: ArtifactLocation, options: ModelLoaderOptions): Promise<LoadedModel> {
  const { runner, manifest, onnx, bytes } = await loadOnnxSession(location, options);
  const tile = manifest.tile.size;
  const tileWorking = ONNX_TILE_WORKING_BYTES * (tile / 512) ** 2;
  options.logger.info(
    { provider: runner.provider, threads: runner.threads, onnx, ...(runner.cpuReason ? { cpuReason: runner.cpuReason } : {}) },
    `model loaded on ONNX Runtime (${runner.provider})`,
  );
  return {
    manifest,
    segment: (segmentation) => segmentWithRunner({ ...segmentation, model: runner, tileBatch: options.tileBatch }),
    backend: `onnxruntime-${runner.provider}`,
    bytes: bytes + tileWorking * options.tileBatch,
    dispose: () => runner.release(),
  };
}

/** The artifact's model.onnx; one saved before ONNX export has it exported from its tfjs network, which starts tfjs. */
async function loadOnnxSession(location: ArtifactLocation, options: ModelLoaderOptions) {
  const session = { ...(options.onnxThreads > 0 ? { threads: options.onnxThreads } : {}), device: options.onnxDevice, offThread: true };
  try {
    return await loadOnnxArtifact(location, session);
  } catch (error) {
    if (!(isMicroSegError(error) && error.details['reason'] === ArtifactErrorReason.ONNX_MISSING)) throw error;
  }
  await options.tfjs();
  return loadOnnxArtifact(location, { ...session, exportMissing: true });
}

/** The exporter's refusal (a layer with no ONNX form) is the one ONNX failure that tfjs can still serve. */
function isExportRefusal(error: unknown): boolean {
  return isMicroSegError(error) && error.details['reason'] === ArtifactErrorReason.ONNX_EXPORT_REFUSED;
}

/** tfjs: for wasm/cpu the tile workers start once per model, each holding a copy of the network. */
async function loadTfjsModel(location: ArtifactLocation, options: ModelLoaderOptions): Promise<LoadedModel> {
  const { runtime, backend } = await options.tfjs();
  const { loadArtifact } = await import('@microseg/model-artifact');
  const { model, manifest } = await loadArtifact(location);
  const weightBytes = model.countParams() * 4;
  // tfjs-node runs its own thread pool: the model stays in this thread there.
  if (options.tileWorkers === 0 || backend === 'tensorflow') {
    return {
      manifest,
      segment: (segmentation) => runtime.segmentImage({ ...segmentation, model, workers: 0 }),
      backend,
      bytes: weightBytes,
      dispose: async () => void model.dispose(),
    };
  }
  const pool = await runtime.createTileWorkerPool({
    source: await runtime.modelToSource(model, [import.meta.resolve('@microseg/segmentation')]),
    workers: options.tileWorkers,
    backend: backend === 'cpu' ? 'cpu' : 'wasm',
  });
  return {
    manifest,
    segment: (segmentation) => runtime.segmentImage({ ...segmentation, model, pool }),
    backend: pool.backend,
    bytes: weightBytes * (1 + pool.size),
    async dispose() {
      model.dispose();
      await pool.close();
    },
  };
}
