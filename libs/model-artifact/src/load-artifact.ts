import { invalidInput, isMicroSegError } from '@microseg/errors';
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import type { ArtifactFiles } from './artifact-files.ts';
import { ArtifactErrorReason } from './errors.ts';
import { MODEL_JSON, artifactIOHandler } from './io-handler.ts';
import { type ArtifactLocation, openForReading } from './locations.ts';
import { type ArtifactManifest, MANIFEST_FILE, parseManifest } from './manifest.ts';
import { sha256Hex } from './sha256.ts';
import { exportOnnx } from '@microseg/onnx-export';
import { type OnnxRunner, type OnnxRunnerOptions, ONNX_INPUT, ONNX_OUTPUT, createOnnxRunner } from './onnx-runner.ts';
import { startOnnxThread } from './onnx-thread.ts';
import { type TensorData, decodeFloat32, maxAbsDiff, runModel } from './test-vector.ts';

export interface LoadedArtifact {
  model: LayersModel;
  manifest: ArtifactManifest;
}

/** Reads and validates microseg.json only (no weights, no checks): for listings and `model info`. */
export async function readManifest(source: ArtifactLocation): Promise<ArtifactManifest> {
  const files = await openForReading(source);
  return parseManifest(await files.read(MANIFEST_FILE), files.location);
}

/** Hands out only files the manifest lists, and only with the sha256 it records (each read once). */
function verifiedFiles(files: ArtifactFiles, hashes: Record<string, string>): ArtifactFiles {
  const verified = new Map<string, Uint8Array>();
  return {
    location: files.location,
    async read(name) {
      const known = verified.get(name);
      if (known) return known;
      const expected = hashes[name];
      if (expected === undefined) {
        throw invalidInput(`${name} is not listed in ${MANIFEST_FILE} of ${files.location}`, {
          reason: ArtifactErrorReason.FILE_NOT_LISTED,
          file: name,
        });
      }
      const data = await files.read(name);
      const actual = sha256Hex(data);
      if (actual !== expected) {
        throw invalidInput(
          `${name} in ${files.location} does not match its sha256 in ${MANIFEST_FILE}`,
          {
            reason: ArtifactErrorReason.CHECKSUM_MISMATCH,
            file: name,
            expected,
            actual,
          },
        );
      }
      verified.set(name, data);
      return data;
    },
    write: () => Promise.reject(invalidInput('a verified artifact is read-only')),
  };
}

/**
 * Loads an artifact and proves it: every file must match its sha256, and the model must
 * reproduce its recorded test output within the recorded tolerance, or the load fails with
 * INVALID_INPUT (`details.reason` one of ArtifactErrorReason) and nothing stays allocated.
 */
export async function loadArtifact(source: ArtifactLocation): Promise<LoadedArtifact> {
  const files = await openForReading(source);
  const manifest = parseManifest(await files.read(MANIFEST_FILE), files.location);
  if (!hasTfjsNetwork(manifest)) {
    throw invalidInput(`the artifact in ${files.location} holds an ONNX model only: it runs on ONNX Runtime`, { reason: ArtifactErrorReason.TFJS_MISSING });
  }
  const verified = verifiedFiles(files, manifest.files);
  for (const name of Object.keys(manifest.files)) await verified.read(name);

  let model: LayersModel;
  try {
    model = await loadLayersModel(artifactIOHandler(verified));
  } catch (error) {
    if (isMicroSegError(error)) throw error;
    throw invalidInput(
      `the model in ${files.location} cannot be built`,
      { reason: ArtifactErrorReason.MODEL_INVALID },
      error,
    );
  }
  try {
    await checkTestOutput((input) => runModel(model, input), manifest, verified);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, manifest };
}

/** Whether the artifact holds the tfjs network (an imported ONNX-only model does not). */
export function hasTfjsNetwork(manifest: ArtifactManifest): boolean {
  return manifest.files[MODEL_JSON] !== undefined;
}

export interface VerifiedArtifact {
  manifest: ArtifactManifest;
  /** A file the manifest lists, checked against its sha256 (NOT_FOUND / INVALID_INPUT otherwise). */
  read(name: string): Promise<Uint8Array>;
}

/** The manifest and sha256-checked access to the files, without building or running anything (for exports and copies). */
export async function openArtifact(source: ArtifactLocation): Promise<VerifiedArtifact> {
  const files = await openForReading(source);
  const manifest = parseManifest(await files.read(MANIFEST_FILE), files.location);
  const verified = verifiedFiles(files, manifest.files);
  return { manifest, read: (name) => verified.read(name) };
}

export interface LoadedOnnxArtifact {
  runner: OnnxRunner;
  manifest: ArtifactManifest;
  /** `artifact`: its model.onnx; `exported`: exported on load from its tfjs network (an artifact saved before ONNX export). */
  onnx: 'artifact' | 'exported';
  /** Size of the ONNX model (its float32 weights, batch norms folded): what the session holds. */
  bytes: number;
}

export interface LoadOnnxOptions extends OnnxRunnerOptions {
  /** Host the session in its own worker thread (startOnnxThread), keeping this thread's event loop free. */
  offThread?: boolean;
  /**
   * An artifact without model.onnx: export the ONNX graph from its (verified) tfjs network in memory,
   * leaving the artifact as it is, instead of failing with ONNX_MISSING. Needs a tfjs backend and the
   * network's custom layers registered, as loadArtifact does.
   */
  exportMissing?: boolean;
}

/**
 * Loads an artifact's model.onnx into an ONNX Runtime session, with the same proof as loadArtifact:
 * every file matches its sha256 and the session reproduces the recorded test output. The tfjs model
 * is not built. An artifact without model.onnx fails with reason ONNX_MISSING (callers fall back to
 * tfjs) unless `exportMissing` asks for its export.
 */
export async function loadOnnxArtifact(source: ArtifactLocation, options: LoadOnnxOptions = {}): Promise<LoadedOnnxArtifact> {
  const { offThread, exportMissing, ...runnerOptions } = options;
  const files = await openForReading(source);
  const manifest = parseManifest(await files.read(MANIFEST_FILE), files.location);
  if (!manifest.onnx && !exportMissing) {
    throw invalidInput(`the artifact in ${files.location} has no ONNX model`, { reason: ArtifactErrorReason.ONNX_MISSING });
  }
  const verified = verifiedFiles(files, manifest.files);
  // An imported graph keeps its own input and output names; one exported here uses ours.
  const names = manifest.onnx ? { input: manifest.onnx.input, output: manifest.onnx.output } : { input: ONNX_INPUT, output: ONNX_OUTPUT };
  const bytes = manifest.onnx ? await verified.read(manifest.onnx.file) : await exportedOnLoad(source);
  const runner = await (offThread ? startOnnxThread : createOnnxRunner)(bytes, { names, ...runnerOptions });
  try {
    await checkTestOutput((input) => runner.run(input), manifest, verified);
  } catch (error) {
    await runner.release();
    throw error;
  }
  return { runner, manifest, onnx: manifest.onnx ? 'artifact' : 'exported', bytes: bytes.byteLength };
}

/** The verified tfjs network, as saveArtifact would have exported it; the tfjs copy is freed at once. */
async function exportedOnLoad(source: ArtifactLocation): Promise<Uint8Array> {
  const { model, manifest } = await loadArtifact(source);
  try {
    return exportOnnx(model, { inputName: ONNX_INPUT, outputName: ONNX_OUTPUT });
  } catch (cause) {
    throw invalidInput(`the network of ${manifest.name} has no ONNX form`, { reason: ArtifactErrorReason.ONNX_EXPORT_REFUSED }, cause);
  } finally {
    model.dispose();
  }
}

async function checkTestOutput(
  run: (input: TensorData) => Promise<TensorData>,
  manifest: ArtifactManifest,
  files: ArtifactFiles,
): Promise<void> {
  const { input, output, tolerance } = manifest.test;
  const inputData = decodeFloat32(await files.read(input.file), input.shape, input.file);
  const expected = decodeFloat32(await files.read(output.file), output.shape, output.file);
  const actual = await run({ shape: input.shape, data: inputData });
  const sameShape =
    actual.shape.length === output.shape.length &&
    actual.shape.every((n, i) => n === output.shape[i]);
  const difference = sameShape ? maxAbsDiff(actual.data, expected) : Number.POSITIVE_INFINITY;
  if (!(difference <= tolerance)) {
    throw invalidInput(`the model in ${files.location} no longer reproduces its test output`, {
      reason: ArtifactErrorReason.TEST_OUTPUT_MISMATCH,
      maxAbsDiff: difference,
      tolerance,
      expectedShape: output.shape,
      actualShape: actual.shape,
    });
  }
}
