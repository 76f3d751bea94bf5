import type { Migration } from '@microseg/db';
import { outboxMigrations } from '@microseg/messaging';
import * as datasets from './0001-datasets.ts';

export const datasetMigrations: Record<string, Migration> = {
  ...outboxMigrations,
  '0001-datasets': datasets,
};
