import { createHash } from 'node:crypto';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { OOD_CALIBRATION_FILE, type OodCalibration, type OodCalibrationFile } from '@microseg/contracts';
import { startLayersOnnxRunner } from '@microseg/model-artifact';
import { encoderFeatureModel } from '@microseg/segmentation';
import {
  DEFAULT_THRESHOLD_RULE, type EncoderFeatures, type ImageInput, calibrateThreshold, encoderFeatures, featureDistance, fitFeatureReference, layersRunner,
} from '@microseg/tf-runtime';
import type { Client } from 'minio';
import type { LoadedItem } from './training-data.ts';

/** The tile the version's inference uses (register-version.ts): feature windows are as large. */
const WINDOW = 512;
const MAX_WINDOWS = 16;

/** An image as the job loaded it: already in 0..1 (16-bit ones converted as the version converts them). */
export type CalibrationItem = { sample: Pick<LoadedItem['sample'], 'image'> };

/** Float input, as inference sees the image after scaling. */
function asImage({ sample }: CalibrationItem): ImageInput {
  const { data, width, height, channels } = sample.image;
  return { data, width, height, channels, bitDepth: 32 };
}

export type OodCalibrationOutcome = { calibration: OodCalibrationFile } | { reason: string };

/**
 * Calibrates the out-of-distribution score of a trained network: the reference is its encoder's
 * features on the training images, the threshold a high quantile of the validation images'
 * scores (DEFAULT_THRESHOLD_RULE). No validation split, no calibration: never a guessed threshold.
 */
export async function calibrateOutOfDistribution(model: LayersModel, data: { train: readonly CalibrationItem[]; val: readonly CalibrationItem[] }): Promise<OodCalibrationOutcome> {
  if (data.val.length === 0) return { reason: 'the training data has no validation split to calibrate on' };
  const encoder = encoderFeatureModel(model);
  // ONNX Runtime where the exporter takes the encoder, as inference scores images (and several times faster than tfjs here).
  const onnx = await startLayersOnnxRunner(encoder);
  try {
    const runner = onnx?.runner ?? layersRunner(encoder);
    const options = { window: WINDOW, maxWindows: MAX_WINDOWS };
    const featuresOf = async (items: readonly CalibrationItem[]) => {
      const out: EncoderFeatures[] = [];
      for (const item of items) {
        const features = await encoderFeatures(asImage(item), runner, options);
        if (features) out.push(features);
      }
      return out;
    };
    const train = await featuresOf(data.train);
    if (train.length === 0) return { reason: 'every training image is under 32 px: the encoder has no features for it' };
    const reference = fitFeatureReference(train);
    const scores = (await featuresOf(data.val)).map((features) => featureDistance(reference, features));
    if (scores.length === 0) return { reason: 'every validation image is under 32 px: the encoder has no features for it' };
    return {
      calibration: {
        formatVersion: 1,
        method: 'encoder-feature-distance',
        window: WINDOW,
        maxWindows: MAX_WINDOWS,
        reference,
        threshold: calibrateThreshold(scores, DEFAULT_THRESHOLD_RULE),
        rule: { ...DEFAULT_THRESHOLD_RULE },
        validation: { images: scores.length, scores },
      },
    };
  } finally {
    encoder.dispose();
    await onnx?.runner.release();
  }
}

/** Writes the calibration beside the version's artifact; the registry keeps its summary and sha256. */
export async function storeOodCalibration(client: Client, bucket: string, prefix: string, calibration: OodCalibrationFile): Promise<OodCalibration> {
  const bytes = Buffer.from(`${JSON.stringify(calibration)}\n`);
  const key = `${prefix}/${OOD_CALIBRATION_FILE}`;
  await client.putObject(bucket, key, bytes, bytes.length, { 'Content-Type': 'application/json' });
  return {
    method: calibration.method,
    threshold: calibration.threshold,
    rule: calibration.rule,
    validationScores: calibration.validation.scores,
    trainingImages: calibration.reference.images,
    file: { key, sha256: createHash('sha256').update(bytes).digest('hex') },
  };
}
