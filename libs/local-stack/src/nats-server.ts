import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findFreePort } from './free-port.ts';
import { readNatsInfo } from './nats-info.ts';
import { ensureNatsServer } from './nats-server-binary.ts';
import { waitUntilReady } from './readiness.ts';
import { startServerProcess, stopLeftoverProcess } from './server-process.ts';
import type { StackLogger } from './stack-logger.ts';

export interface LocalNatsServerOptions {
  /** JetStream stores under `<dataDir>/nats`. */
  dataDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  logger: StackLogger;
  /**
   * The users allowed to connect, each with its permissions in nats-server's config shape
   * (none: may do anything). Absent: a server anyone on loopback may use.
   */
  users?: readonly NatsServerUser[];
}

export interface NatsServerUser {
  user: string;
  password: string;
  permissions?: object;
}

export interface LocalNatsServer {
  natsUrl: string;
  port: number;
  stop: () => Promise<void>;
}

/** Runs `nats-server -js` on 127.0.0.1 with its JetStream store under dataDir, kept across restarts. */
export async function startNatsServer(options: LocalNatsServerOptions): Promise<LocalNatsServer> {
  const { logger } = options;
  const storeDir = join(resolve(options.dataDir), 'nats');
  await mkdir(storeDir, { recursive: true });
  const binary = await ensureNatsServer(logger);
  const pidFile = join(storeDir, 'nats-server.pid');
  await stopLeftoverProcess(pidFile, 'nats-server', 'SIGTERM', logger);

  const port = options.port || (await findFreePort());
  const config = options.users ? await writeAuthorizationConfig(storeDir, options.users) : undefined;
  const server = startServerProcess({
    name: 'nats-server',
    command: binary,
    // A fixed server name keeps the JetStream store's identity stable across restarts.
    args: [
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '-js',
      '-sd',
      storeDir,
      '-n',
      'microseg-local',
      '-P',
      pidFile,
      ...(config ? ['-c', config] : []),
    ],
    logger,
  });
  try {
    await waitUntilReady(
      async () => {
        const info = await readNatsInfo('127.0.0.1', port);
        if (info.jetstream !== true)
          throw new Error('server answers but JetStream is not enabled yet');
      },
      {
        what: `NATS on 127.0.0.1:${port}`,
        abandon: server.exited.then((exit) => exit.description),
        timeoutMs: 30_000,
      },
    );
  } catch (error) {
    await server.stop('SIGTERM', 10_000);
    throw error;
  }
  logger.info({ port, storeDir }, 'nats-server with JetStream ready');
  return { natsUrl: `nats://127.0.0.1:${port}`, port, stop: () => server.stop('SIGTERM', 10_000) };
}

/**
 * The users block of nats-server's config, written on every start so that permissions follow the
 * code. The config format reads JSON; readable by this user only, as it holds the passwords.
 */
async function writeAuthorizationConfig(storeDir: string, users: readonly NatsServerUser[]): Promise<string> {
  const path = join(storeDir, 'nats-server.conf');
  const authorization = { users: users.map((u) => ({ user: u.user, password: u.password, ...(u.permissions ? { permissions: u.permissions } : {}) })) };
  await writeFile(path, `authorization: ${JSON.stringify(authorization, null, 2)}\n`, { mode: 0o600 });
  return path;
}
