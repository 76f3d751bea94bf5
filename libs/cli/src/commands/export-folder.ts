import { lstat, mkdir, realpath, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MAX_FILE_NAME_BYTES, fileNameProblem } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';

/**
 * One file or folder name from what the server says (an image name, a material), made safe to
 * use as a single path segment. The server refuses unsafe names, but rows stored before it did,
 * or a server that does not, can still send `../../.bashrc`: such a name is rewritten (separators,
 * controls and drive colons to `_`, dot segments prefixed, cut to the byte limit) and reported.
 */
export function safeSegment(name: string): { segment: string; problem: string | undefined } {
  const problem = fileNameProblem(name);
  if (!problem) return { segment: name, problem };
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  let segment = name.replace(/[/\\\u0000-\u001f\u007f-\u009f]/g, '_').replace(/^([A-Za-z]):/, '$1_');
  if (segment === '' || segment === '.' || segment === '..') segment = `_${segment}`;
  while (Buffer.byteLength(segment, 'utf8') > MAX_FILE_NAME_BYTES) segment = segment.slice(0, -1);
  return { segment, problem };
}

/**
 * The folder an export writes into, and nothing outside it: every path is resolved and checked
 * to stay under the folder's real path, folders it creates or enters must be real folders (not
 * symbolic links out of it), and files are created exclusively (O_EXCL, which also refuses to
 * follow a link in the file's place). An existing file is replaced only when the user asked.
 */
export class ExportFolder {
  private constructor(
    readonly root: string,
    private readonly overwrite: boolean,
  ) {}

  static async open(dir: string, options: { overwrite: boolean }): Promise<ExportFolder> {
    await mkdir(dir, { recursive: true });
    return new ExportFolder(await realpath(dir), options.overwrite);
  }

  /** Creates `segments` under the root, one real folder at a time. */
  async folder(...segments: string[]): Promise<void> {
    for (let depth = 1; depth <= segments.length; depth++) {
      const path = this.inside(segments.slice(0, depth));
      await mkdir(path).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      });
      const stat = await lstat(path);
      if (!stat.isDirectory()) {
        throw new MicroSegError('INVALID_INPUT', `${path} is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}: the export writes only inside ${this.root}`, {
          details: { path, root: this.root },
        });
      }
    }
  }

  /** The paths among `files` that exist already (a link counts: it would be written through). */
  async existing(files: readonly string[][]): Promise<string[]> {
    const found = await Promise.all(
      files.map((segments) => {
        const path = this.inside(segments);
        return lstat(path).then(
          () => path,
          () => undefined,
        );
      }),
    );
    return found.filter((path): path is string => path !== undefined);
  }

  /** Refuses before anything is written when the export would replace files and the user did not ask for that. */
  async assertNothingReplaced(files: readonly string[][]): Promise<void> {
    if (this.overwrite) return;
    const existing = await this.existing(files);
    if (existing.length > 0) {
      throw new MicroSegError('CONFLICT', `${existing.length} file(s) of the export exist already in ${this.root} (pass --overwrite to replace them): ${existing.slice(0, 5).join(', ')}`, {
        details: { root: this.root, existing: existing.slice(0, 20) },
      });
    }
  }

  async write(segments: readonly string[], content: Uint8Array | string): Promise<void> {
    const path = this.inside(segments);
    if (this.overwrite) {
      // Removes a file or a link in the way (never what a link points to); a folder stays and
      // makes the exclusive create below fail.
      await unlink(path).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'EPERM') throw error;
      });
    }
    await writeFile(path, content, { flag: 'wx' }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new MicroSegError('CONFLICT', `${path} exists already (pass --overwrite to replace it)`, { details: { path }, cause: error });
      }
      throw error;
    });
  }

  /** The absolute path of `segments` under the root; anything resolving elsewhere is refused. */
  private inside(segments: readonly string[]): string {
    const path = join(this.root, ...segments);
    const rel = relative(this.root, path);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new MicroSegError('INVALID_INPUT', `refusing to write ${path}: it is outside the export folder ${this.root}`, {
        details: { path, root: this.root },
      });
    }
    return path;
  }
}
