/**
 * `pnpm start`: the whole platform on one machine. PostgreSQL, NATS and S3 come from the
 * environment when set (DATABASE_URL, NATS_URL, S3_ENDPOINT), else embedded ones keep their data
 * under .microseg/; every service then runs as its own process, as it would in a cluster, and the
 * web console (built first when its sources changed) beside the gateway.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@microseg/config';
import { platformNatsUsers } from '@microseg/contracts';
import { bootstrapOpenToAnyone, startPlatform } from '@microseg/launcher';
import { createLogger } from '@microseg/logging';
import { startLocalInfrastructure } from '../index.ts';
import { localPlatformConfigSchema } from '../local-platform-config.ts';

const config = loadConfigOrExit(localPlatformConfigSchema);
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: config.MICROSEG_DATA_DIR },
    port: { type: 'string', default: String(config.GATEWAY_PORT) },
    host: { type: 'string', default: config.GATEWAY_HOST },
    'console-port': { type: 'string', default: String(config.CONSOLE_PORT) },
  },
});

// The terminal may go away before we do (a closed window, a killed `pnpm`): keep stopping cleanly.
process.stdout.on('error', () => undefined);

const rootDir = resolve(import.meta.dirname, '../../../..');
const dataDir = resolve(rootDir, values['data-dir']);
const logger = createLogger({ service: 'launcher', level: 'info' });

// Each service gets a NATS user of its own; `admin` (any subject) is for the nats CLI.
const infrastructure = await startLocalInfrastructure({ dataDir, logger, env: config, natsUsers: platformNatsUsers() });
// A key the environment names wins (one shared with services running elsewhere).
const signingKey = config.PRINCIPAL_SIGNING_KEY;
let stopping = false;
const stopAll = async (platformStop?: () => Promise<void>) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping MicroSeg...\n');
  await platformStop?.();
  await infrastructure.stop();
  process.stdout.write('Stopped. Data kept in ' + dataDir + '\n');
  process.exit(0);
};
// `on`, not `once`: a Ctrl-C reaches this process from the terminal and again from pnpm, which
// forwards it; the second must not kill the launcher mid-stop (stopAll runs once).
// SIGHUP (a closed terminal) too: the services run in process groups of their own, which a
// terminal's hang-up no longer reaches.
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
for (const signal of STOP_SIGNALS) process.on(signal, () => void stopAll());

try {
  const platform = await startPlatform({
    rootDir,
    infrastructure: { ...infrastructure, ...(signingKey ? { principalSigningKey: signingKey } : {}) },
    logDir: resolve(dataDir, 'logs'),
    logger,
    gatewayHost: values.host,
    gatewayPort: Number(values.port),
    console: { port: Number(values['console-port']) },
    env: { LOG_LEVEL: config.LOG_LEVEL },
  });
  for (const signal of STOP_SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stopAll(() => platform.stop()));
  }
  process.stdout.write(
    [
      '',
      `MicroSeg GraphQL API: ${platform.graphqlUrl}`,
      `MicroSeg console: ${platform.consoleUrl ?? ''}`,
      `Service logs: ${resolve(dataDir, 'logs')}`,
      ...(infrastructure.natsCredentials ? [`NATS users and passwords (admin for the nats CLI): ${resolve(dataDir, 'secrets.json')}`] : []),
      'First time? Create your group and key:  ./microseg admin bootstrap --group "My lab"',
      ...(bootstrapOpenToAnyone(process.env)
        ? [`Warning: no PLATFORM_ADMIN_SECRET is set, so anyone who reaches ${platform.graphqlUrl} can bootstrap a group (fine on this machine; never expose it).`]
        : []),
      'Ctrl-C stops everything; data is kept.',
      '',
    ].join('\n'),
  );
} catch (error) {
  logger.error({ err: error }, 'the platform did not start; see the service logs');
  await stopAll();
}
