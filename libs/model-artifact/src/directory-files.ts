import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MicroSegError, notFound } from '@microseg/errors';
import { type ArtifactFiles, checkFileName } from './artifact-files.ts';

/** Artifact files in a local directory (created on first write). */
export function directoryFiles(directory: string): ArtifactFiles {
  return {
    location: directory,
    async read(name) {
      try {
        return new Uint8Array(await readFile(join(directory, checkFileName(name))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw notFound('artifact file', join(directory, name));
        throw error instanceof MicroSegError
          ? error
          : new MicroSegError('UNAVAILABLE', `cannot read ${name} in ${directory}`, {
              cause: error,
            });
      }
    },
    async write(name, data) {
      await mkdir(directory, { recursive: true });
      await writeFile(join(directory, checkFileName(name)), data);
    },
  };
}
