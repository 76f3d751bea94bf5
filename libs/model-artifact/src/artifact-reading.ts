import { invalidInput } from '@microseg/errors';
import type { ArtifactFiles } from './artifact-files.ts';
import { ArtifactErrorReason } from './errors.ts';
import { type ArtifactLocation, openForReading } from './locations.ts';
import { type ArtifactManifest, MANIFEST_FILE, MODEL_JSON, parseManifest } from './manifest.ts';
import { sha256Hex } from './sha256.ts';
import { type TensorData, decodeFloat32, maxAbsDiff } from './test-vector.ts';

/** Reads and validates microseg.json only (no weights, no checks): for listings and `model info`. */
export async function readManifest(source: ArtifactLocation): Promise<ArtifactManifest> {
  const files = await openForReading(source);
  return parseManifest(await files.read(MANIFEST_FILE), files.location);
}

/** Hands out only files the manifest lists, and only with the sha256 it records (each read once). */
export function verifiedFiles(files: ArtifactFiles, hashes: Record<string, string>): ArtifactFiles {
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

/**
 * Runs the artifact's recorded test input through a network (tfjs or ONNX Runtime) and fails with
 * TEST_OUTPUT_MISMATCH unless it reproduces the recorded output within the recorded tolerance.
 */
export async function checkTestOutput(
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
