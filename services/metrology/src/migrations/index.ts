import type { Migration } from '@microseg/db';
import { outboxMigrations } from '@microseg/messaging';
import * as measurements from './0001-measurements.ts';
import * as pixelSizeSource from './0002-pixel-size-source.ts';
import * as measurementUncertainty from './0003-measurement-uncertainty.ts';

export const metrologyMigrations: Record<string, Migration> = {
  ...outboxMigrations,
  '0001-measurements': measurements,
  '0002-pixel-size-source': pixelSizeSource,
  '0003-measurement-uncertainty': measurementUncertainty,
};
