import { conflict, invalidInput } from '@microseg/errors';
import { OPSET, exportOnnx } from '@microseg/onnx-export';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ArtifactFiles } from './artifact-files.ts';
import { ArtifactErrorReason } from './errors.ts';
import { artifactIOHandler } from './io-handler.ts';
import { type ArtifactLocation, artifactExists, openForWriting } from './locations.ts';
import {
  type ArtifactManifest,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  type ModelDescription,
  parseModelDescription,
  validateManifest,
} from './manifest.ts';
import { ONNX_INPUT, ONNX_OUTPUT, createOnnxRunner } from './onnx-runner.ts';
import { sha256Hex } from './sha256.ts';
import { runModel } from './run-layers-model.ts';
import { type TensorData, defaultTestInput, encodeFloat32, maxAbsDiff } from './test-vector.ts';

export interface SaveArtifactOptions {
  /** The reproducibility input (NHWC); defaults to a seeded 64x64 input with the model's channels. */
  testInput?: TensorData;
  /** Largest absolute output difference a load accepts (backends differ in rounding); default 1e-3. */
  tolerance?: number;
  /** Replace an artifact already at the target; otherwise that is a CONFLICT. */
  overwrite?: boolean;
  /**
   * Also write the network as model.onnx (default true). A network with a layer that has no ONNX
   * form fails the save (INVALID_INPUT) rather than silently lacking it; false saves tfjs only.
   */
  onnx?: boolean;
}

const TEST_INPUT = 'test-input.bin';
const ONNX_FILE = 'model.onnx';
const TEST_OUTPUT = 'test-output.bin';
const DEFAULT_TOLERANCE = 1e-3;

/** Records every file it writes with its sha256, for the manifest. */
function hashingFiles(files: ArtifactFiles, hashes: Record<string, string>): ArtifactFiles {
  return {
    location: files.location,
    read: (name) => files.read(name),
    async write(name, data) {
      hashes[name] = sha256Hex(data);
      await files.write(name, data);
    },
  };
}

/**
 * Saves a layers model as a MicroSeg artifact: model.json and weight shards, the test input
 * and the output this model gives for it, and microseg.json (written last, so a reader never
 * sees a manifest without its files) with the sha256 of every file.
 */
export async function saveArtifact(
  model: LayersModel,
  description: ModelDescription,
  target: ArtifactLocation,
  options: SaveArtifactOptions = {},
): Promise<ArtifactManifest> {
  const described = parseModelDescription(description);
  if (!options.overwrite && (await artifactExists(target))) {
    throw conflict('an artifact already exists there', {
      target: typeof target === 'string' ? target : `s3://${target.bucket}/${target.prefix}`,
    });
  }
  const input = options.testInput ?? defaultTestInput(model);
  const output = await runModel(model, input);
  const channels = output.shape[output.shape.length - 1];
  const classCount = described.classes.length;
  if (channels !== classCount && !(classCount === 2 && channels === 1)) {
    throw invalidInput(
      'the model has not one output channel per class (or one sigmoid channel for two classes)',
      {
        outputChannels: channels,
        classes: classCount,
      },
    );
  }

  const writer = await openForWriting(target);
  try {
    const manifest = await writeFiles(
      writer.files,
      model,
      described,
      input,
      output,
      options.tolerance ?? DEFAULT_TOLERANCE,
      options.onnx !== false,
    );
    await writer.finish();
    return manifest;
  } catch (error) {
    await writer.discard();
    throw error;
  }
}

async function writeFiles(
  files: ArtifactFiles,
  model: LayersModel,
  described: ReturnType<typeof parseModelDescription>,
  input: TensorData,
  output: TensorData,
  tolerance: number,
  withOnnx: boolean,
): Promise<ArtifactManifest> {
  const hashes: Record<string, string> = {};
  const hashing = hashingFiles(files, hashes);
  await model.save(artifactIOHandler(hashing));
  const onnx = withOnnx ? exportOnnx(model, { inputName: ONNX_INPUT, outputName: ONNX_OUTPUT }) : undefined;
  if (onnx) await hashing.write(ONNX_FILE, onnx);
  await hashing.write(TEST_INPUT, encodeFloat32(input.data));
  await hashing.write(TEST_OUTPUT, encodeFloat32(output.data));
  const manifest: ArtifactManifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    ...described,
    createdAt: described.createdAt ?? new Date().toISOString(),
    files: hashes,
    ...(onnx ? { onnx: { file: ONNX_FILE, opset: OPSET, input: ONNX_INPUT, output: ONNX_OUTPUT } } : {}),
    test: {
      input: { file: TEST_INPUT, shape: input.shape },
      output: { file: TEST_OUTPUT, shape: output.shape },
      tolerance,
    },
  };
  validateManifest(manifest, files.location);
  if (onnx) await checkOnnx(onnx, input, output, tolerance);
  await files.write(
    MANIFEST_FILE,
    new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  );
  return manifest;
}

/**
 * Proves the ONNX export before the manifest makes the artifact visible: ONNX Runtime must give the
 * tfjs test output within the artifact's tolerance.
 */
async function checkOnnx(bytes: Uint8Array, input: TensorData, output: TensorData, tolerance: number): Promise<void> {
  const runner = await createOnnxRunner(bytes, { threads: 1 });
  try {
    const actual = await runner.run(input);
    const sameShape = actual.shape.join('x') === output.shape.join('x');
    const difference = sameShape ? maxAbsDiff(actual.data, output.data) : Number.POSITIVE_INFINITY;
    if (!(difference <= tolerance)) {
      throw invalidInput('the ONNX export does not reproduce the tfjs test output', {
        reason: ArtifactErrorReason.TEST_OUTPUT_MISMATCH, engine: 'onnx', maxAbsDiff: difference, tolerance,
      });
    }
  } finally {
    await runner.release();
  }
}
