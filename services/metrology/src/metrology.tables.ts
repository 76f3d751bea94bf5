import type { ColumnType, Generated } from '@microseg/db';
import type { MeasurementPixelSizeSource, MeasurementUncertainty, PixelSizeSource } from '@microseg/contracts';
import type { OutboxTable } from '@microseg/messaging';

/** jsonb: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface ProfilesTable {
  dataset_id: string;
  group_id: string;
  profile: Json<unknown>;
  profile_hash: string;
  updated_by: string;
  updated_at: Generated<Date>;
}

/** Every mask the service has been told about, so a dataset can be re-measured without asking for it. */
export interface MasksTable {
  id: string;
  image_id: string;
  dataset_id: string;
  group_id: string;
  source: 'ground_truth' | 'model';
  model_version_id: string | null;
  index_bucket: string;
  index_key: string;
  index_sha256: string;
  width: number;
  height: number;
  pixel_size_value: number | null;
  pixel_size_unit: 'nm' | 'um' | 'mm' | null;
  pixel_size_source: PixelSizeSource | null;
  created_at: Date;
  /** Set when a newer mask of the same image, source and model version arrived (the dataset service replaces masks the same way). */
  superseded_at: Date | null;
}

/**
 * One measurement of one mask with one profile by one code version: the unique key makes
 * re-measuring the same inputs store nothing new.
 */
export interface MeasurementSetsTable {
  id: Generated<string>;
  mask_id: string;
  image_id: string;
  dataset_id: string;
  group_id: string;
  source: 'ground_truth' | 'model';
  model_version_id: string | null;
  mask_sha256: string;
  profile: Json<unknown>;
  profile_hash: string;
  code_version: string;
  pixel_size_value: number | null;
  pixel_size_unit: 'nm' | 'um' | 'mm' | null;
  pixel_size_source: MeasurementPixelSizeSource | null;
  unit: string;
  width: number;
  height: number;
  status: 'succeeded' | 'failed';
  error: Json<{ code: string; message: string; details: Record<string, unknown> } | null>;
  /** Object keys of the stored plots in the metrology bucket. */
  size_histogram_key: string | null;
  thickness_histogram_key: string | null;
  /** measurementUncertaintySchema; null for failed sets and sets from before intervals. */
  uncertainty: Json<MeasurementUncertainty | null>;
  started_at: Date;
  completed_at: Generated<Date>;
}

/** Per-class results with the objects as compact columns (one array per property, no per-pixel data). */
export interface ParticleClassesTable {
  measurement_id: string;
  class: number;
  pixel_count: number;
  count: number;
  statistics: Json<unknown>;
  objects: Json<unknown>;
}

export interface ThicknessResultsTable {
  measurement_id: string;
  statistics: Json<unknown>;
  /** Thickness of every medial-axis pixel, pooled for dataset summaries. */
  values: Json<number[]>;
  profile: Json<unknown>;
}

export interface MetrologyDatabase {
  outbox: OutboxTable;
  profiles: ProfilesTable;
  masks: MasksTable;
  measurement_sets: MeasurementSetsTable;
  particle_classes: ParticleClassesTable;
  thickness_results: ThicknessResultsTable;
}
