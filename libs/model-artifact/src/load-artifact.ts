import { invalidInput, isMicroSegError } from '@microseg/errors';
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import { checkTestOutput, hasTfjsNetwork, verifiedFiles } from './artifact-reading.ts';
import { ArtifactErrorReason } from './errors.ts';
import { artifactIOHandler } from './io-handler.ts';
import { type ArtifactLocation, openForReading } from './locations.ts';
import { type ArtifactManifest, MANIFEST_FILE, parseManifest } from './manifest.ts';
import { runModel } from './run-layers-model.ts';

export interface LoadedArtifact {
  model: LayersModel;
  manifest: ArtifactManifest;
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

