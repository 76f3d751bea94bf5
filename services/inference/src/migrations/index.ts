import type { Migration } from '@microseg/db';
import { outboxMigrations } from '@microseg/messaging';
import * as inference from './0001-inference.ts';

export const inferenceMigrations: Record<string, Migration> = {
  ...outboxMigrations,
  '0001-inference': inference,
};
