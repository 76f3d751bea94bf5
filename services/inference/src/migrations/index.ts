import type { Migration } from '@microseg/db';
import { idempotencyClaimsMigration, idempotencyKeysMigration, outboxMigrations } from '@microseg/messaging';
import * as inference from './0001-inference.ts';
import * as webhooks from './0002-webhooks.ts';
import * as aliasMoveRuns from './0003-alias-move-runs.ts';
import * as webhookRefusals from './0006-webhook-refusals.ts';
import * as oodScores from './0007-ood-scores.ts';

export const inferenceMigrations: Record<string, Migration> = {
  ...outboxMigrations,
  '0001-inference': inference,
  '0002-webhooks': webhooks,
  '0003-alias-move-runs': aliasMoveRuns,
  '0004-idempotency-keys': idempotencyKeysMigration,
  '0005-idempotency-claims': idempotencyClaimsMigration,
  '0006-webhook-refusals': webhookRefusals,
  '0007-ood-scores': oodScores,
};
