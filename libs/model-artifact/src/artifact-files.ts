import { invalidInput } from '@microseg/errors';

/** The flat set of files one model artifact consists of, wherever it is stored. */
export interface ArtifactFiles {
  /** Where the files live, for messages (a path, `s3://bucket/prefix`). */
  readonly location: string;
  /** The file's bytes; MicroSegError NOT_FOUND when it does not exist. */
  read(name: string): Promise<Uint8Array>;
  write(name: string, data: Uint8Array): Promise<void>;
}

/**
 * Artifact files are flat and plainly named. Names also come from untrusted model.json
 * weight paths and tarballs, so anything that could climb out of the artifact is refused.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function checkFileName(name: string): string {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    throw invalidInput('artifact file name is not a plain file name', { name });
  }
  return name;
}
