import { createHash } from 'node:crypto';
import { type OodCalibration, type OodCalibrationFile, type OutOfDistribution, oodCalibrationFileSchema } from '@microseg/contracts';
import type { ArtifactManifest, OnnxDevice, S3Location } from '@microseg/model-artifact/onnx';
import { type ImageInput, type TensorRunner, encoderFeatures, featureDistance } from '@microseg/tf-runtime/onnx';
import { invalidInput } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import type { LoadedModel } from './model-cache.ts';
import type { StartTfjs } from './tfjs-engine.ts';

/** A version's calibration with its encoder ready to run; or why its images get no verdict. */
export type OodScoring =
  | { calibration: OodCalibrationFile; encoder: TensorRunner; bytes: number; dispose(): Promise<void> }
  | { reason: string };

const METHOD = 'encoder-feature-distance' as const;

async function readCalibration(location: S3Location, summary: OodCalibration): Promise<OodCalibrationFile> {
  const chunks: Buffer[] = [];
  for await (const chunk of await location.client.getObject(location.bucket, summary.file.key)) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== summary.file.sha256) {
    throw invalidInput('the out-of-distribution calibration file does not match the registry', { key: summary.file.key, expected: summary.file.sha256, actual: sha256 });
  }
  return oodCalibrationFileSchema.parse(JSON.parse(bytes.toString('utf8')));
}

/**
 * Loads what scoring a version's images needs: its calibration (checked against the registry's
 * sha256) and its encoder alone, on ONNX Runtime in its own thread where the exporter takes it,
 * else tfjs in this thread. A version without a calibration, or whose artifact holds no tfjs network
 * (an imported ONNX graph, whose encoder cannot be cut out), is scored with the reason instead.
 * Cutting the encoder out of the tfjs network starts tfjs: only for a version with a calibration.
 */
export async function loadOodScoring(
  location: S3Location,
  summary: OodCalibration | null | undefined,
  options: { onnxThreads: number; onnxDevice: OnnxDevice; tfjs: StartTfjs },
): Promise<OodScoring> {
  if (!summary) return { reason: 'the model version has no out-of-distribution calibration (registered without a validation split, or before calibrations)' };
  const calibration = await readCalibration(location, summary);
  const { runtime } = await options.tfjs();
  const [{ loadArtifact, startLayersOnnxRunner }, { encoderFeatureModel }] = await Promise.all([import('@microseg/model-artifact'), import('@microseg/segmentation')]);
  let loaded: Awaited<ReturnType<typeof loadArtifact>>;
  try {
    loaded = await loadArtifact(location);
  } catch {
    return { reason: 'the model version holds no tfjs network: its encoder cannot be run alone' };
  }
  const encoder = encoderFeatureModel(loaded.model);
  loaded.model.dispose();
  const onnx = await startLayersOnnxRunner(encoder, { ...(options.onnxThreads > 0 ? { threads: options.onnxThreads } : {}), device: options.onnxDevice });
  if (onnx) {
    encoder.dispose();
    return { calibration, encoder: onnx.runner, bytes: onnx.bytes, dispose: () => onnx.runner.release() };
  }
  return { calibration, encoder: runtime.layersRunner(encoder), bytes: encoder.countParams() * 4, dispose: async () => void encoder.dispose() };
}

/** The image's score against the version's calibration, flagged above its threshold; never a verdict without one. */
export async function scoreOutOfDistribution(scoring: OodScoring, image: ImageInput, manifest: ArtifactManifest): Promise<OutOfDistribution> {
  if ('reason' in scoring) return { score: null, threshold: null, flagged: null, method: METHOD, reason: scoring.reason };
  const { calibration } = scoring;
  const features = await encoderFeatures(image, scoring.encoder, {
    window: calibration.window,
    maxWindows: calibration.maxWindows,
    sixteenBit: manifest.input.sixteenBit,
    normalisation: {
      mean: manifest.input.normalisation.mean as [number, number, number],
      std: manifest.input.normalisation.std as [number, number, number],
    },
  });
  if (!features) return { score: null, threshold: calibration.threshold, flagged: null, method: calibration.method, reason: 'the image is under 32 px: the encoder has no features for it' };
  const score = featureDistance(calibration.reference, features);
  return { score, threshold: calibration.threshold, flagged: score > calibration.threshold, method: calibration.method, reason: null };
}

/**
 * The loaded model with its scoring attached (held and freed with it). A calibration that cannot be
 * read or run leaves the model usable: its images are segmented and get the reason, not a verdict.
 */
export async function withOodScoring(loaded: LoadedModel, load: () => Promise<OodScoring>, logger: Logger): Promise<LoadedModel> {
  let scoring: OodScoring;
  try {
    scoring = await load();
  } catch (error) {
    logger.warn({ err: error }, 'out-of-distribution calibration unusable: images get no verdict');
    scoring = { reason: `the out-of-distribution calibration could not be loaded: ${(error as Error).message}` };
  }
  if ('reason' in scoring) return { ...loaded, outOfDistribution: scoring };
  return {
    ...loaded,
    outOfDistribution: scoring,
    bytes: loaded.bytes + scoring.bytes,
    async dispose() {
      await Promise.all([loaded.dispose(), scoring.dispose()]);
    },
  };
}
