import { type ArtifactLocation, openForWriting } from './locations.ts';
import { openArtifact } from './artifact-reading.ts';
import { MANIFEST_FILE } from './manifest.ts';

/**
 * Copies an artifact file by file, each checked against its sha256, manifest last: e.g. from its S3
 * prefix to a `.tar.gz` a user downloads and runs with `microseg predict --model`.
 */
export async function copyArtifact(source: ArtifactLocation, target: ArtifactLocation): Promise<void> {
  const artifact = await openArtifact(source);
  const writer = await openForWriting(target);
  try {
    for (const name of Object.keys(artifact.manifest.files).sort()) await writer.files.write(name, await artifact.read(name));
    await writer.files.write(MANIFEST_FILE, new TextEncoder().encode(`${JSON.stringify(artifact.manifest, null, 2)}\n`));
    await writer.finish();
  } catch (error) {
    await writer.discard();
    throw error;
  }
}
