export { ServiceRuntime, type ServiceRuntimeOptions, type ShutdownStep } from './service-runtime.ts';
export { Readiness, type ReadinessCheck, type CheckResult } from './readiness.ts';
export { startHttpEndpoints } from './http-endpoints.ts';
export { bootService, bootServiceWithDatabase, connectServiceDatabase, ensurePlatformStreams, startOutboxRelay, type ServiceWithDatabaseConfig, type BootServiceOptions, type BootedService } from './boot-service.ts';
