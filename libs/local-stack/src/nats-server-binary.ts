import { execFile } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { MicroSegError } from '@microseg/errors';
import type { StackLogger } from './stack-logger.ts';
import { isRoot } from './unix-user.ts';

const run = promisify(execFile);

/** Debian installs the binary in /usr/sbin, which is often not on a non-root PATH. */
const EXTRA_DIRECTORIES = ['/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];
export const INSTALL_COMMAND = 'sudo apt-get install -y nats-server';

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

export async function findNatsServer(
  pathVariable = process.env['PATH'] ?? '',
): Promise<string | undefined> {
  const directories = [...pathVariable.split(delimiter).filter(Boolean), ...EXTRA_DIRECTORIES];
  for (const directory of directories) {
    const candidate = join(directory, 'nats-server');
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isDebianFamily(): Promise<boolean> {
  return readFile('/etc/os-release', 'utf8').then(
    (release) => /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release),
    () => false,
  );
}

/**
 * The nats-server binary: found on the machine, or installed from the distribution's packages when
 * we are root on Debian/Ubuntu. Anyone else gets the one command to run.
 */
export async function ensureNatsServer(logger: StackLogger): Promise<string> {
  const found = await findNatsServer();
  if (found !== undefined) return found;
  if (!isRoot() || !(await isDebianFamily())) {
    throw new MicroSegError(
      'UNAVAILABLE',
      `nats-server is not installed; install it with: ${INSTALL_COMMAND}`,
      {
        details: { installCommand: INSTALL_COMMAND },
      },
    );
  }
  logger.warn(
    { package: 'nats-server' },
    'nats-server is missing; installing the Debian package nats-server with apt-get (running as root)',
  );
  const install = () =>
    run('apt-get', ['install', '-y', 'nats-server'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    await install().catch(async () => {
      // A fresh machine may have no package lists yet.
      await run('apt-get', ['update']);
      await install();
    });
  } catch (cause) {
    throw new MicroSegError(
      'UNAVAILABLE',
      `installing nats-server failed; install it with: ${INSTALL_COMMAND}`,
      {
        cause,
        details: { installCommand: INSTALL_COMMAND },
      },
    );
  }
  const installed = await findNatsServer();
  if (installed === undefined) {
    throw new MicroSegError(
      'UNAVAILABLE',
      `nats-server still not found after apt-get; install it with: ${INSTALL_COMMAND}`,
    );
  }
  return installed;
}
