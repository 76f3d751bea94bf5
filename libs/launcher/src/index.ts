export { buildConsoleIfStale, consoleBuildIsStale } from './console-build.ts';
export { ServiceProcess, type ServiceProcessOptions } from './service-process.ts';
export {
  PLATFORM_SERVICES,
  bootstrapOpenToAnyone,
  infrastructureEnvironment,
  startPlatform,
  waitUntilUp,
  type PlatformInfrastructure,
  type PlatformService,
  type RunningPlatform,
  type StartPlatformOptions,
} from './platform.ts';
