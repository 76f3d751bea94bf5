export { createDb, type CreateDbOptions } from './create-db.ts';
export { migrateToLatest, waitForMigrations, type MigrateOptions, type MigrateResult, type WaitForMigrationsOptions } from './migrate.ts';
export { mapDbError, isUniqueViolation } from './db-errors.ts';
export { waitForDatabase, type WaitForDatabaseOptions } from './wait-for-database.ts';
export { assertSchemaName } from './schema-name.ts';
export { precompiledQuery } from './precompiled-query.ts';
export { type Logger, silentLogger } from './logger.ts';
export {
  sql,
  type Kysely,
  type Migration,
  type Transaction,
  type Selectable,
  type Insertable,
  type Updateable,
  type Generated,
  type ColumnType,
} from 'kysely';
// The backoff pause of waitForDatabase; messaging's reconnect and relay loops pause the same way.
export { sleep } from './sleep.ts';
export { listenForNotifications, type NotificationListener, type NotificationListenerOptions } from './notifications.ts';
