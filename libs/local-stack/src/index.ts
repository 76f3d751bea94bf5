export {
  type InfrastructureEnvironment,
  type LocalInfrastructure,
  type LocalInfrastructureOptions,
  startLocalInfrastructure,
} from './local-infrastructure.ts';
export {
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  ensureDatabase,
  startEmbeddedPostgres,
} from './embedded-postgres.ts';
export { type LocalSecrets, ensureLocalSecrets } from './local-secrets.ts';
export {
  type NatsServerUser,
  type LocalNatsServer,
  type LocalNatsServerOptions,
  startNatsServer,
} from './nats-server.ts';
export {
  INSTALL_COMMAND as NATS_SERVER_INSTALL_COMMAND,
  findNatsServer,
} from './nats-server-binary.ts';
export { readNatsInfo, type NatsServerInfo } from './nats-info.ts';
export {
  type EmbeddedS3Server,
  type EmbeddedS3ServerOptions,
  type S3Credentials,
  startEmbeddedS3Server,
} from './embedded-s3-server.ts';
export { findFreePort } from './free-port.ts';
export { probeTcp, type WaitOptions, waitUntilReady } from './readiness.ts';
export { type StackLogger, silentStackLogger } from './stack-logger.ts';
export { localPlatformConfigSchema, type LocalPlatformConfig } from './local-platform-config.ts';
