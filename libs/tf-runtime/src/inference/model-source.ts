import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { MicroSegError } from '@microseg/errors';

/** Runs the network on a batch of normalised tiles [n,h,w,3] and returns per-class probabilities [n,h,w,classes]. */
export type TilePredictor = (batch: tf.Tensor4D) => tf.Tensor4D;

/**
 * How a worker thread obtains the network, since models cannot cross threads: each worker loads its own.
 * `setupModules` are imported first (e.g. to register custom layers with tfjs-layers).
 */
export type ModelSource = (
  | { kind: 'model-json'; path: string }
  | { kind: 'artifacts'; artifacts: tf.io.ModelArtifacts }
  | { kind: 'factory'; module: string; exportName?: string; args?: unknown[] }
) & { setupModules?: string[] };

function moduleUrl(specifier: string): string {
  return specifier.startsWith('/') ? pathToFileURL(specifier).href : specifier;
}

interface ModelJson {
  modelTopology: unknown;
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/** A tfjs layers model.json with its weight files beside it (what model.save('file://...') writes). */
async function loadModelJson(path: string): Promise<tfl.LayersModel> {
  let manifest: ModelJson;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as ModelJson;
  } catch (cause) {
    throw new MicroSegError('INVALID_INPUT', `cannot read tfjs model ${path}`, { details: { path }, cause });
  }
  const specs = manifest.weightsManifest.flatMap((group) => group.weights);
  const buffers = await Promise.all(manifest.weightsManifest.flatMap((group) => group.paths.map((p) => readFile(join(dirname(path), p)))));
  const weightData = tf.io.concatenateArrayBuffers(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: manifest.modelTopology as object, weightSpecs: specs, weightData }));
}

function asPredictor(loaded: unknown, origin: string): TilePredictor {
  if (loaded instanceof tfl.LayersModel) return (batch) => loaded.predict(batch) as tf.Tensor4D;
  if (typeof loaded === 'function') return loaded as TilePredictor;
  if (loaded && typeof (loaded as { predict?: unknown }).predict === 'function') {
    const model = loaded as { predict(x: tf.Tensor4D): tf.Tensor4D };
    return (batch) => model.predict(batch);
  }
  throw new MicroSegError('INVALID_INPUT', `${origin} did not produce a LayersModel or predict function`, { details: { origin } });
}

export async function loadPredictor(source: ModelSource): Promise<TilePredictor> {
  for (const setup of source.setupModules ?? []) await import(moduleUrl(setup));
  switch (source.kind) {
    case 'model-json':
      return asPredictor(await loadModelJson(source.path), source.path);
    case 'artifacts':
      return asPredictor(await tfl.loadLayersModel(tf.io.fromMemory(source.artifacts)), 'model artifacts');
    case 'factory': {
      const module = (await import(moduleUrl(source.module))) as Record<string, unknown>;
      const factory = module[source.exportName ?? 'default'];
      if (typeof factory !== 'function') {
        throw new MicroSegError('INVALID_INPUT', `${source.module} has no function export ${source.exportName ?? 'default'}`, {
          details: { module: source.module, exportName: source.exportName ?? 'default' },
        });
      }
      return asPredictor(await (factory as (...args: unknown[]) => unknown)(...(source.args ?? [])), source.module);
    }
  }
}

/** Serialises an in-memory model (topology and weights) so worker threads can rebuild it. */
export async function modelToSource(model: tfl.LayersModel, setupModules?: string[]): Promise<ModelSource> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { kind: 'artifacts', artifacts: captured!, ...(setupModules ? { setupModules } : {}) };
}
