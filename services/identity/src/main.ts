import { loadConfigOrExit } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { bootService, connectServiceDatabase } from '@microseg/service-runtime';
import { identityConfigSchema } from './config.ts';
import { serveApiKeys } from './handlers/api-keys.ts';
import { serveAuthentication } from './handlers/authentication.ts';
import { serveGroupsAndMembers } from './handlers/groups-and-members.ts';
import type { IdentityDatabase } from './identity.tables.ts';
import { IdentityRepository } from './identity.repository.ts';
import { identityMigrations } from './migrations/index.ts';
import { RevocationNotifier } from './revocation-notifier.ts';

const config = loadConfigOrExit(identityConfigSchema);
const logger = createLogger({ service: 'identity', level: config.LOG_LEVEL });
const { runtime, nc } = await bootService({
  service: 'identity',
  version: config.MICROSEG_CODE_VERSION,
  httpPort: config.HTTP_PORT,
  natsUrl: config.NATS_URL,
  logger,
  streamReplicas: config.NATS_STREAM_REPLICAS,
  drainTimeoutMs: config.DRAIN_TIMEOUT_MS,
});
const db = await connectServiceDatabase<IdentityDatabase>(runtime, {
  url: config.DATABASE_URL,
  schema: 'identity',
  migrations: identityMigrations,
  poolSize: config.DATABASE_POOL_SIZE,
  migrateOnly: config.MIGRATE_ONLY,
});

const repository = new IdentityRepository(db);
const revocations = new RevocationNotifier(nc, logger);
const servers = [
  ...serveAuthentication(nc, { repository, platformAdminSecret: config.PLATFORM_ADMIN_SECRET, logger }),
  ...serveGroupsAndMembers(nc, { repository, revocations, logger }),
  ...serveApiKeys(nc, { repository, revocations, logger }),
];
runtime.onShutdown('request handlers', async () => {
  await Promise.all(servers.map((server) => server.stop()));
});
runtime.markStarted();
logger.info('identity service ready');
