import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invalidInput, isMicroSegError, notFound } from '@microseg/errors';
import { Parser, create } from 'tar';
import { type ArtifactFiles, checkFileName } from './artifact-files.ts';
import { directoryFiles } from './directory-files.ts';
import type { ArtifactWriter } from './locations.ts';

/** Far above any model we ship; refuses tarballs that would fill memory. */
const MAX_TARBALL_BYTES = 4 * 1024 ** 3;

/**
 * Reads an artifact .tar.gz into memory. Only regular files with plain names at the top
 * level are kept, so a hostile tarball cannot reach outside the artifact (nothing is
 * written to disk).
 */
export async function tarballFiles(path: string): Promise<ArtifactFiles> {
  const compressed = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? notFound('artifact', path) : error;
  });
  const entries = new Map<string, Uint8Array>();
  await new Promise<void>((resolve, reject) => {
    let total = 0;
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        const name = entry.path.replace(/^\.\//, '');
        if (entry.type !== 'File' || name.includes('/')) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > MAX_TARBALL_BYTES) parser.abort(new Error('tarball too large'));
          else chunks.push(chunk);
        });
        entry.on('end', () => entries.set(name, new Uint8Array(Buffer.concat(chunks))));
      },
    });
    parser.on('error', reject);
    parser.on('abort', reject);
    parser.on('end', resolve);
    parser.end(compressed);
  }).catch((error: unknown) => {
    throw invalidInput(
      `${path} is not a readable artifact tarball`,
      { reason: String(error) },
      error,
    );
  });
  return {
    location: path,
    async read(name) {
      const data = entries.get(checkFileName(name));
      if (!data) throw notFound('artifact file', `${path}:${name}`);
      return data;
    },
    async write() {
      throw invalidInput('artifact tarballs are read-only; save to a new tarball instead');
    },
  };
}

/**
 * Writes into a scratch directory; `finish` packs it as a .tar.gz (flat, portable: no
 * owners or modes) and removes the scratch copy.
 */
export async function tarballWriter(path: string): Promise<ArtifactWriter> {
  const scratch = await mkdtemp(join(tmpdir(), 'microseg-artifact-'));
  const discard = () => rm(scratch, { recursive: true, force: true });
  return {
    files: { ...directoryFiles(scratch), location: path },
    discard,
    finish: async () => {
      try {
        const names = (await readdir(scratch)).sort();
        await create({ gzip: true, portable: true, file: path, cwd: scratch }, names);
      } catch (error) {
        if (isMicroSegError(error)) throw error;
        throw invalidInput(
          `cannot write artifact tarball ${path}`,
          { reason: String(error) },
          error,
        );
      } finally {
        await discard();
      }
    },
  };
}
