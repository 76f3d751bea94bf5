import { loadConfigOrExit } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { bootServiceWithDatabase } from '@microseg/service-runtime';
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
const { runtime, nc, db, principals } = await bootServiceWithDatabase<IdentityDatabase>({
  service: 'identity',
  config,
  logger,
  schema: 'identity',
  migrations: identityMigrations,
});

const repository = new IdentityRepository(db);
const revocations = new RevocationNotifier(nc, logger);
const servers = [
  ...serveAuthentication(nc, { repository, platformAdminSecret: config.PLATFORM_ADMIN_SECRET, logger }),
  ...serveGroupsAndMembers(nc, { repository, revocations, logger, principals }),
  ...serveApiKeys(nc, { repository, revocations, logger, principals }),
];
runtime.onShutdown('request handlers', async () => {
  await Promise.all(servers.map((server) => server.stop()));
});
runtime.markStarted();
logger.info('identity service ready');
