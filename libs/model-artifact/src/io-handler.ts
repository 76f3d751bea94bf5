import { invalidInput, isMicroSegError } from '@microseg/errors';
import { io } from '@tensorflow/tfjs-core';
import { type ArtifactFiles, checkFileName } from './artifact-files.ts';
import { directoryFiles } from './directory-files.ts';
import { MODEL_JSON } from './manifest.ts';
import { type S3Location, s3Files } from './s3-files.ts';

/**
 * Weight shards stay under S3's 5 MiB minimum part size, so every object goes up as one PUT,
 * and under the 4 MiB shards tfjs' converter writes, so browsers fetch them in parallel.
 */
const SHARD_BYTES = 4 * 1024 * 1024;

/** Optional model.json fields that tfjs fills in and reads back. */
const PASSED_THROUGH = [
  'format',
  'generatedBy',
  'convertedBy',
  'signature',
  'userDefinedMetadata',
  'modelInitializer',
  'initializerSignature',
] as const;

/**
 * A tfjs IOHandler (for `model.save` and `loadLayersModel`) over artifact files: model.json
 * plus `group1-shardNofM.bin` weight files, the layout `tfjs.converter` and `model.save` use.
 */
export function artifactIOHandler(files: ArtifactFiles): io.IOHandler {
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw invalidInput('only layers and graph models with JSON topology can be saved');
      }
      const weights = new Uint8Array(
        artifacts.weightData
          ? io.CompositeArrayBuffer.join(artifacts.weightData)
          : new ArrayBuffer(0),
      );
      const count = Math.max(1, Math.ceil(weights.length / SHARD_BYTES));
      const paths = Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
      const modelJSON: io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        weightsManifest: [{ paths, weights: artifacts.weightSpecs ?? [] }],
      };
      if (artifacts.trainingConfig) modelJSON.trainingConfig = artifacts.trainingConfig;
      for (const field of PASSED_THROUGH)
        if (artifacts[field] !== undefined) Object.assign(modelJSON, { [field]: artifacts[field] });

      for (const [i, path] of paths.entries())
        await files.write(path, weights.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
      await files.write(MODEL_JSON, new TextEncoder().encode(JSON.stringify(modelJSON)));
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<io.ModelArtifacts> {
      let modelJSON: io.ModelJSON;
      try {
        modelJSON = JSON.parse(
          new TextDecoder().decode(await files.read(MODEL_JSON)),
        ) as io.ModelJSON;
      } catch (error) {
        if (isMicroSegError(error)) throw error;
        throw invalidInput(`${MODEL_JSON} in ${files.location} is not valid JSON`, {}, error);
      }
      if (
        typeof modelJSON !== 'object' ||
        modelJSON === null ||
        typeof modelJSON.modelTopology !== 'object'
      ) {
        throw invalidInput(`${MODEL_JSON} in ${files.location} has no model topology`);
      }
      return io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
        if (!Array.isArray(manifest))
          throw invalidInput(`${MODEL_JSON} has no valid weights manifest`);
        const specs: io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          if (!Array.isArray(group?.paths) || !Array.isArray(group.weights))
            throw invalidInput(`${MODEL_JSON} has a malformed weight group`);
          specs.push(...group.weights);
          for (const path of group.paths) {
            const data = await files.read(checkFileName(path));
            buffers.push(data.slice().buffer);
          }
        }
        return [specs, buffers];
      });
    },
  };
}

/** An IOHandler for a model in a local directory (no tfjs-node needed). */
export function directoryIOHandler(directory: string): io.IOHandler {
  return artifactIOHandler(directoryFiles(directory));
}

/** An IOHandler for a model stored under a prefix of an S3 bucket, through the minio client. */
export function s3IOHandler(location: S3Location): io.IOHandler {
  return artifactIOHandler(s3Files(location));
}
