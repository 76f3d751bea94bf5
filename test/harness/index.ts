export {
  type TestInfrastructure,
  type TestInfrastructureOptions,
  getTestInfrastructure,
} from './test-infrastructure.ts';
export { createTestObjectStore } from './test-object-store.ts';
export { startTestPlatform, type TestPlatform } from './platform.ts';
export { expectCode } from './expect-code.ts';
export { type MigratedDatabase, migratedDatabase } from './migrated-database.ts';
