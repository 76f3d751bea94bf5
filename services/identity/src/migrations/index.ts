import type { Migration } from '@microseg/db';
import * as tenancy from './0001-tenancy.ts';
import * as scopedKeys from './0002-scoped-keys.ts';
import * as auditEvents from './0003-audit-events.ts';

export const identityMigrations: Record<string, Migration> = {
  '0001-tenancy': tenancy,
  '0002-scoped-keys': scopedKeys,
  '0003-audit-events': auditEvents,
};
