import { invalidInput } from '@microseg/errors';
import { exportOnnx } from '@microseg/onnx-export';
import { ArtifactErrorReason } from './errors.ts';
import { type ArtifactLocation, openForReading } from './locations.ts';
import { MANIFEST_FILE, type ArtifactManifest, parseManifest } from './manifest.ts';
import { type OnnxRunner, type OnnxRunnerOptions, ONNX_INPUT, ONNX_OUTPUT, createOnnxRunner } from './onnx-runner.ts';
import { startOnnxThread } from './onnx-thread.ts';
import { checkTestOutput, verifiedFiles } from './artifact-reading.ts';

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

/**
 * The verified tfjs network, as saveArtifact would have exported it; the tfjs copy is freed at once.
 * tfjs is imported here and only here, so that loading an artifact's own model.onnx never loads it.
 */
async function exportedOnLoad(source: ArtifactLocation): Promise<Uint8Array> {
  const { loadArtifact } = await import('./load-artifact.ts');
  const { model, manifest } = await loadArtifact(source);
  try {
    return exportOnnx(model, { inputName: ONNX_INPUT, outputName: ONNX_OUTPUT });
  } catch (cause) {
    throw invalidInput(`the network of ${manifest.name} has no ONNX form`, { reason: ArtifactErrorReason.ONNX_EXPORT_REFUSED }, cause);
  } finally {
    model.dispose();
  }
}

