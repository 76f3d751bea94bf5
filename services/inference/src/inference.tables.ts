import type { OodMethod, WebhookDeliveryState } from '@microseg/contracts';
import type { ColumnType, Generated } from '@microseg/db';
import type { OutboxTable } from '@microseg/messaging';

type Json<T> = ColumnType<T, string, string>;

export interface PoliciesTable {
  id: Generated<string>;
  group_id: string;
  dataset_id: string;
  model: string;
  alias: string;
  model_id: string;
  model_version_id: string;
  paused: boolean;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RunsTable {
  id: Generated<string>;
  group_id: string;
  dataset_id: string;
  policy_id: string | null;
  model_version_id: string;
  trigger: 'upload' | 'batch' | 'alias-move';
  total: number;
  source_image_id: string | null;
  created_at: Generated<Date>;
}

/** Which images of a run are done; a redelivered job marks its image once. */
export interface RunItemsTable {
  run_id: string;
  image_id: string;
  status: 'succeeded' | 'failed';
  done_at: Generated<Date>;
}

/** One row per (image, model version): the idempotency key of inference. */
export interface SegmentationsTable {
  id: Generated<string>;
  group_id: string;
  image_id: string;
  dataset_id: string;
  model_version_id: string;
  status: 'succeeded' | 'failed';
  error: Json<{ code: string; message: string; details: Record<string, unknown> } | null>;
  mask_id: string | null;
  mask_bucket: string | null;
  mask_key: string | null;
  mask_sha256: string | null;
  probabilities_bucket: string | null;
  probabilities_key: string | null;
  probabilities_sha256: string | null;
  run_id: string | null;
  backend: string;
  tiles: number;
  compute_ms: number;
  code_version: string;
  created_at: Generated<Date>;
  /** Null: a failed step, or a segmentation from before out-of-distribution scores. */
  ood_method: OodMethod | null;
  ood_score: number | null;
  ood_threshold: number | null;
  ood_flagged: boolean | null;
  ood_reason: string | null;
}

export interface WebhooksTable {
  id: Generated<string>;
  group_id: string;
  url: string;
  events: string[];
  secret: string;
  active: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event: string;
  subject_id: string;
  image_id: string;
  lims_id: string | null;
  /** The exact JSON sent (and signed) on every attempt. */
  body: string;
  state: Generated<WebhookDeliveryState>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  /** Set when the target was refused (an address class such as `loopback`): no request went out. */
  refused_rule: Generated<string | null>;
  duration_ms: number;
  at: Generated<Date>;
}

export interface InferenceDatabase {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  policies: PoliciesTable;
  runs: RunsTable;
  run_items: RunItemsTable;
  segmentations: SegmentationsTable;
  outbox: OutboxTable;
}
