import type { Migration } from '@microseg/db';
import { outboxMigrations } from '@microseg/messaging';
import * as registry from './0001-training-registry.ts';
import * as conventions from './0002-model-conventions.ts';
import * as packageUploads from './0003-package-uploads.ts';
import * as aliasGates from './0004-alias-gates.ts';
import * as oodCalibration from './0005-ood-calibration.ts';
import * as intervalCalibration from './0006-interval-calibration.ts';

export const trainingMigrations: Record<string, Migration> = {
  ...outboxMigrations,
  '0001-training-registry': registry,
  '0002-model-conventions': conventions,
  '0003-package-uploads': packageUploads,
  '0004-alias-gates': aliasGates,
  '0005-ood-calibration': oodCalibration,
  '0006-interval-calibration': intervalCalibration,
};
