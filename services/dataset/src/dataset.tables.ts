import type { Generated } from '@microseg/db';
import type { ColumnType } from 'kysely';
import type { ClassDefinition, LengthUnit } from '@microseg/micrograph';
import type { OutboxTable } from '@microseg/messaging';
import type { PixelSizeSource } from '@microseg/contracts';

/** jsonb: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
/** bigint: pg returns it as a string so no precision is lost; sizes fit a double. */
type BigInt = ColumnType<string, number, number>;

interface SoftDeleted {
  deleted_at: Date | null;
  /** The member who deleted it: deletes are soft and recorded. */
  deleted_by: string | null;
}

export interface DatasetsTable extends SoftDeleted {
  id: Generated<string>;
  group_id: string;
  name: string;
  material: string;
  description: string;
  classes: Json<ClassDefinition[]>;
  default_pixel_size_value: number | null;
  default_pixel_size_unit: LengthUnit | null;
  visibility_level: 'private' | 'shared' | 'public';
  shared_with: Json<string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ImagesTable extends SoftDeleted {
  id: Generated<string>;
  dataset_id: string;
  group_id: string;
  upload_id: string;
  name: string;
  file_name: string;
  format: 'png' | 'tiff' | 'jpeg';
  lossy: boolean;
  width: number;
  height: number;
  channels: number;
  bit_depth: number;
  pixel_size_value: number | null;
  pixel_size_unit: LengthUnit | null;
  pixel_size_source: PixelSizeSource | null;
  sha256: string;
  size_bytes: BigInt;
  metadata: Json<Record<string, string>>;
  lims_id: string | null;
  bucket: string;
  original_key: string;
  normalised_key: string;
  normalised_sha256: string;
  thumbnail_key: string;
  thumbnail_sha256: string;
  created_at: Generated<Date>;
}

export interface MasksTable extends SoftDeleted {
  id: Generated<string>;
  image_id: string;
  dataset_id: string;
  group_id: string;
  upload_id: string;
  source: 'ground_truth' | 'model';
  model_version_id: string | null;
  kind: 'index' | 'colour';
  sha256: string;
  class_pixels: Json<Record<string, number>>;
  bucket: string;
  original_key: string;
  index_key: string;
  index_sha256: string;
  created_at: Generated<Date>;
}

export interface ExperimentsTable extends SoftDeleted {
  id: Generated<string>;
  dataset_id: string;
  name: string;
  notes: Json<Record<string, string>>;
  updated_at: Generated<Date>;
}

export interface SplitAssignmentsTable {
  experiment_id: string;
  image_id: string;
  subset: 'train' | 'val' | 'test';
}

export interface DatasetVersionsTable {
  id: Generated<string>;
  dataset_id: string;
  number: number;
  content_hash: string;
  /** The frozen content (images with their objects, masks, splits): a version never changes. */
  content: Json<unknown>;
  image_count: number;
  mask_count: number;
  experiments: Json<string[]>;
  note: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface UploadsTable {
  id: Generated<string>;
  group_id: string;
  dataset_id: string;
  /** For mask uploads: the image the mask belongs to. */
  image_id: string | null;
  purpose: 'image' | 'mask';
  bucket: string;
  object_key: string;
  file_name: string;
  content_type: string | null;
  expected_size: BigInt;
  expected_sha256: string;
  multipart_upload_id: string | null;
  expires_at: Date;
  status: 'pending' | 'completed' | 'failed';
  /** The image or mask the completed upload became. */
  result_id: string | null;
  failure: Json<unknown> | null;
  created_by: string;
  created_at: Generated<Date>;
  completed_at: Date | null;
}

export interface IdempotencyKeysTable {
  group_id: string;
  key: string;
  operation: string;
  request_hash: string;
  /** Null while the first call with the key runs. */
  response: Json<unknown> | null;
  created_at: Generated<Date>;
}

export interface PendingObjectDeletionsTable {
  id: Generated<string>;
  bucket: string;
  key: string;
  /** `key` is a folder: every object under it goes. */
  prefix: Generated<boolean>;
  due_at: Date;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
}

export interface DatasetDatabase {
  datasets: DatasetsTable;
  images: ImagesTable;
  masks: MasksTable;
  experiments: ExperimentsTable;
  split_assignments: SplitAssignmentsTable;
  dataset_versions: DatasetVersionsTable;
  uploads: UploadsTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox: OutboxTable;
  pending_object_deletions: PendingObjectDeletionsTable;
}
