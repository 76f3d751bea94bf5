import type { Migration } from '@microseg/db';
import * as tenancy from './0001-tenancy.ts';

export const identityMigrations: Record<string, Migration> = {
  '0001-tenancy': tenancy,
};
