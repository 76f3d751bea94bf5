import { hasTfjsNetwork, loadArtifact, loadOnnxArtifact, readManifest } from '@microseg/model-artifact';
import { type BackendName, createTileWorkerPool, modelToSource } from '@microseg/tf-runtime';
import type { Client } from 'minio';
import type { CachedVersion, LoadedModel } from './model-cache.ts';

/**
 * Loads a version's artifact (self-tested on load) and, for wasm/cpu, starts its tile workers once:
 * every image of that version then runs on threads that already hold the network, and the
 * service's own thread stays free to answer requests and health checks while an image computes.
 * The cache's memory bound counts the copy in each worker.
 */
export async function loadVersionModel(client: Client, version: CachedVersion, options: { tileWorkers: number; backend: BackendName }): Promise<LoadedModel> {
  const location = { client, bucket: version.artifact.bucket, prefix: version.artifact.prefix };
  // A version imported from a bioimage.io package holds ONNX weights only: it runs on ONNX Runtime (one session, all cores).
  const manifest = await readManifest(location);
  if (!hasTfjsNetwork(manifest) && manifest.onnx) {
    const { runner } = await loadOnnxArtifact(location);
    const { size } = await client.statObject(location.bucket, `${location.prefix}/${manifest.onnx.file}`);
    return { model: runner, manifest, bytes: size };
  }
  const loaded = await loadArtifact(location);
  const weightBytes = loaded.model.countParams() * 4;
  // tfjs-node runs its own thread pool: the model stays in this thread there.
  if (options.tileWorkers === 0 || options.backend === 'tensorflow') return { ...loaded, bytes: weightBytes };
  const pool = await createTileWorkerPool({
    source: await modelToSource(loaded.model, [import.meta.resolve('@microseg/segmentation')]),
    workers: options.tileWorkers,
    backend: options.backend === 'cpu' ? 'cpu' : 'wasm',
  });
  return { ...loaded, pool, bytes: weightBytes * (1 + pool.size) };
}
