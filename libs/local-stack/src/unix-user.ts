import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { StackLogger } from './stack-logger.ts';

const run = promisify(execFile);

export interface UnixUser {
  name: string;
  uid: number;
  gid: number;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

export async function lookupUser(name: string): Promise<UnixUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Finds the user, creating it as a system user when missing (callers only do this as root). */
export async function ensureSystemUser(name: string, logger: StackLogger): Promise<UnixUser> {
  const existing = await lookupUser(name);
  if (existing) return existing;
  logger.warn(
    { user: name },
    `creating system user "${name}" to run the embedded PostgreSQL (it refuses to run as root)`,
  );
  await run('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    name,
  ]);
  const created = await lookupUser(name);
  if (!created) throw new Error(`user "${name}" still missing after useradd`);
  return created;
}

/** The first directory on the way to `path` (itself included) that `user` may not enter, if any. */
export async function firstBlockedDirectory(
  path: string,
  user: UnixUser,
): Promise<string | undefined> {
  const chain: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    const info = await stat(dir);
    const mode = info.mode;
    const enterable =
      (info.uid === user.uid && (mode & 0o100) !== 0) ||
      (info.gid === user.gid && (mode & 0o010) !== 0) ||
      (mode & 0o001) !== 0;
    if (!enterable) return dir;
  }
  return undefined;
}
