import { loadConfigOrExit } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { bootServiceWithDatabase } from '@microseg/service-runtime';
import { identityConfigSchema } from './config.ts';
import { AuditLogRepository } from './audit-log.repository.ts';
import { serveApiKeys } from './handlers/api-keys.ts';
import { serveAuditLog, startAuditRecorder } from './handlers/audit-log.ts';
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

const openWithoutSecret = config.PLATFORM_ADMIN_SECRET === undefined && config.MICROSEG_LOCAL_PLATFORM && config.NODE_ENV !== 'production';
if (openWithoutSecret) logger.warn('no PLATFORM_ADMIN_SECRET: anyone who reaches the gateway can bootstrap a group (local platform only)');
else if (config.PLATFORM_ADMIN_SECRET === undefined) logger.warn('no PLATFORM_ADMIN_SECRET: bootstrapGroup is refused on this platform');
const repository = new IdentityRepository(db);
const revocations = new RevocationNotifier(nc, logger);
const audit = new AuditLogRepository(db);
const auditRecorder = await startAuditRecorder(nc, { audit, logger });
runtime.onShutdown('audit recorder', () => auditRecorder.stop());
const servers = [
  ...serveAuthentication(nc, { repository, platformAdminSecret: config.PLATFORM_ADMIN_SECRET, openWithoutSecret, logger }),
  ...serveGroupsAndMembers(nc, { repository, revocations, logger, principals }),
  ...serveApiKeys(nc, { repository, revocations, logger, principals }),
  ...serveAuditLog(nc, { audit, logger, principals }),
];
runtime.onShutdown('request handlers', async () => {
  await Promise.all(servers.map((server) => server.stop()));
});
runtime.markStarted();
logger.info('identity service ready');
