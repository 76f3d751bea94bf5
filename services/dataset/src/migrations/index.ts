import type { Migration } from '@microseg/db';
import { idempotencyClaimsMigration, outboxMigrations } from '@microseg/messaging';
import * as datasets from './0001-datasets.ts';
import * as pendingObjectDeletions from './0003-pending-object-deletions.ts';
import * as pendingPrefixDeletions from './0004-pending-prefix-deletions.ts';

export const datasetMigrations: Record<string, Migration> = {
  ...outboxMigrations,
  '0001-datasets': datasets,
  '0002-idempotency-claims': idempotencyClaimsMigration,
  '0003-pending-object-deletions': pendingObjectDeletions,
  '0004-pending-prefix-deletions': pendingPrefixDeletions,
};
