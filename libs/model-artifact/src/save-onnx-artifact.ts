import { conflict, invalidInput } from '@microseg/errors';
import { readOnnxInfo } from '@microseg/onnx-export';
import { ArtifactErrorReason } from './errors.ts';
import { type ArtifactLocation, artifactExists, openForWriting } from './locations.ts';
import {
  type ArtifactManifest,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  type ModelDescription,
  parseModelDescription,
  validateManifest,
} from './manifest.ts';
import { createOnnxRunner } from './onnx-runner.ts';
import { sha256Hex } from './sha256.ts';
import { type TensorData, encodeFloat32, maxAbsDiff } from './test-vector.ts';

export interface SaveOnnxArtifactOptions {
  /** The graph's input and output names (NCHW float32 in, NCHW probabilities out). */
  names: { input: string; output: string };
  /** The reproducibility input, NHWC and already normalised as the manifest describes. */
  testInput: TensorData;
  /** The output a producer recorded for `testInput` (NHWC): the save is refused unless ONNX Runtime reproduces it. */
  expectedOutput?: TensorData;
  /** Largest absolute difference accepted, now and on every load. */
  tolerance: number;
  overwrite?: boolean;
}

const ONNX_FILE = 'model.onnx';
const TEST_INPUT = 'test-input.bin';
const TEST_OUTPUT = 'test-output.bin';

/**
 * Saves an ONNX-only artifact (a model that arrived without tfjs weights, e.g. from a bioimage.io
 * package): model.onnx, the test vector ONNX Runtime gives now, and microseg.json last. It runs on
 * ONNX Runtime only (loadArtifact refuses it with TFJS_MISSING).
 */
export async function saveOnnxArtifact(
  onnx: Uint8Array,
  description: ModelDescription,
  target: ArtifactLocation,
  options: SaveOnnxArtifactOptions,
): Promise<ArtifactManifest> {
  const described = parseModelDescription(description);
  if (!options.overwrite && (await artifactExists(target))) {
    throw conflict('an artifact already exists there', { target: typeof target === 'string' ? target : `s3://${target.bucket}/${target.prefix}` });
  }
  const output = await runOnce(onnx, options);
  const channels = output.shape[output.shape.length - 1];
  const classCount = described.classes.length;
  if (channels !== classCount && !(classCount === 2 && channels === 1)) {
    throw invalidInput('the model has not one output channel per class (or one sigmoid channel for two classes)', { outputChannels: channels, classes: classCount });
  }
  const files: Record<string, Uint8Array> = {
    [ONNX_FILE]: onnx,
    [TEST_INPUT]: encodeFloat32(options.testInput.data),
    [TEST_OUTPUT]: encodeFloat32(output.data),
  };
  const manifest = validateManifest(
    {
      formatVersion: MANIFEST_FORMAT_VERSION,
      ...described,
      createdAt: described.createdAt ?? new Date().toISOString(),
      files: Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha256Hex(data)])),
      onnx: { file: ONNX_FILE, opset: readOnnxInfo(onnx).opset, input: options.names.input, output: options.names.output },
      test: {
        input: { file: TEST_INPUT, shape: options.testInput.shape },
        output: { file: TEST_OUTPUT, shape: output.shape },
        tolerance: options.tolerance,
      },
    } satisfies ArtifactManifest,
    typeof target === 'string' ? target : `s3://${target.bucket}/${target.prefix}`,
  );
  const writer = await openForWriting(target);
  try {
    for (const [name, data] of Object.entries(files)) await writer.files.write(name, data);
    await writer.files.write(MANIFEST_FILE, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
    await writer.finish();
  } catch (error) {
    await writer.discard();
    throw error;
  }
  return manifest;
}

async function runOnce(onnx: Uint8Array, options: SaveOnnxArtifactOptions): Promise<TensorData> {
  const runner = await createOnnxRunner(onnx, { threads: 1, names: options.names });
  try {
    const output = await runner.run(options.testInput);
    const expected = options.expectedOutput;
    if (expected) {
      const sameShape = output.shape.join('x') === expected.shape.join('x');
      const difference = sameShape ? maxAbsDiff(output.data, expected.data) : Number.POSITIVE_INFINITY;
      if (!(difference <= options.tolerance)) {
        throw invalidInput('the ONNX model does not reproduce its recorded test output', {
          reason: ArtifactErrorReason.TEST_OUTPUT_MISMATCH, maxAbsDiff: difference, tolerance: options.tolerance, expectedShape: expected.shape, actualShape: output.shape,
        });
      }
    }
    return output;
  } finally {
    await runner.release();
  }
}
