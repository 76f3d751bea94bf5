import { stat } from 'node:fs/promises';
import { isMicroSegError } from '@microseg/errors';
import type { ArtifactFiles } from './artifact-files.ts';
import { directoryFiles } from './directory-files.ts';
import { MANIFEST_FILE } from './manifest.ts';
import { type S3Location, s3Files } from './s3-files.ts';
import { tarballFiles, tarballWriter } from './tarball-files.ts';

/** A directory, a `.tar.gz`/`.tgz` file, or a prefix in an S3 bucket. */
export type ArtifactLocation = string | S3Location;

const TARBALL = /\.(tar\.gz|tgz)$/;

export async function openForReading(source: ArtifactLocation): Promise<ArtifactFiles> {
  if (typeof source !== 'string') return s3Files(source);
  const info = await stat(source).catch(() => undefined);
  return info?.isFile() ? tarballFiles(source) : directoryFiles(source);
}

export interface ArtifactWriter {
  files: ArtifactFiles;
  /** Makes the written files the artifact (packs a tarball). */
  finish: () => Promise<void>;
  /** Drops scratch space after a failed save; a directory or S3 prefix without microseg.json is no artifact. */
  discard: () => Promise<void>;
}

const nothing = async () => {};

export async function openForWriting(target: ArtifactLocation): Promise<ArtifactWriter> {
  if (typeof target !== 'string')
    return { files: s3Files(target), finish: nothing, discard: nothing };
  if (TARBALL.test(target)) return tarballWriter(target);
  return { files: directoryFiles(target), finish: nothing, discard: nothing };
}

/** Whether saving to `target` would replace an artifact (its tarball, or a manifest in place). */
export async function artifactExists(target: ArtifactLocation): Promise<boolean> {
  if (typeof target === 'string' && TARBALL.test(target))
    return (await stat(target).catch(() => undefined)) !== undefined;
  const files = typeof target === 'string' ? directoryFiles(target) : s3Files(target);
  return files.read(MANIFEST_FILE).then(
    () => true,
    (error: unknown) => {
      if (isMicroSegError(error) && error.code === 'NOT_FOUND') return false;
      throw error;
    },
  );
}
