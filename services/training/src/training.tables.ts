import type { ColumnType, Generated } from '@microseg/db';
import type { OutboxTable } from '@microseg/messaging';
import type {
  ClassRuleValue,
  GateDeclaration,
  GateReport,
  InitialWeights,
  IntervalCalibration,
  ModelCard,
  OodCalibration,
  Principal,
  SixteenBitInputValue,
  TrainingJobState,
  TrainingProgress,
  VersionMetrics,
  WorkerKind,
} from '@microseg/contracts';

/** jsonb: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
/** bigint: pg returns it as a string. */
type BigInt = ColumnType<string, number, number>;
type Level = 'private' | 'shared' | 'public';

export interface ClassRow {
  index: number;
  name: string;
  color: string;
}

export interface ObjectRefRow {
  bucket: string;
  key: string;
  sha256: string;
}

/** One image of a split as the job reads it: the normalised copy and its index mask. */
export interface DataItem {
  imageId: string;
  name: string;
  image: ObjectRefRow;
  mask: ObjectRefRow;
}

export interface JobData {
  train: DataItem[];
  val: DataItem[];
  test: DataItem[];
}

export interface JobRecipe {
  learningRate: number;
  patience: number;
  fineLearningRate: number;
  finePatience: number;
  maxEpochs: number;
  crop: number;
  /** Absent on jobs queued before batches: they ran one item per step. */
  batchSize?: number;
  loss: { bce: number; dice: number };
  horizontalFlipOnly: boolean;
  freezeEncoder: boolean;
  seed: number;
}

/** A job's recipe as it runs, jobs queued before batches reading as the one item per step they ran. */
export const runRecipe = (recipe: JobRecipe) => ({ ...recipe, batchSize: recipe.batchSize ?? 1 });

export interface JobErrorRow {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface TrainingJobsTable {
  id: Generated<string>;
  group_id: string;
  created_by: string;
  principal: Json<Principal>;
  state: TrainingJobState;
  dataset_id: string;
  dataset_version_id: string;
  dataset_hash: string;
  experiment: string;
  material: string;
  architecture: string;
  encoder: string;
  classes: Json<ClassRow[]>;
  binary: boolean;
  init: Json<InitialWeights>;
  recipe: Json<JobRecipe>;
  class_rule: ClassRuleValue;
  sixteen_bit_input: SixteenBitInputValue;
  model_name: string;
  data: Json<JobData>;
  progress: Json<TrainingProgress>;
  checkpoint_epoch: number | null;
  error: Json<JobErrorRow | null>;
  cancel_requested: Generated<boolean>;
  worker_kind: WorkerKind | null;
  worker_id: string | null;
  attempts: Generated<number>;
  model_version_id: string | null;
  benchmark_id: string | null;
  created_at: Generated<Date>;
  queued_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface TrainingEpochsTable {
  job_id: string;
  epoch: number;
  step: number;
  loss: number;
  val_iou: number;
  learning_rate: number;
  seconds: number;
  improved: boolean;
  at: Generated<Date>;
}

export interface ModelsTable {
  id: Generated<string>;
  group_id: string;
  name: string;
  task: 'semantic-segmentation';
  classes: Json<ClassRow[]>;
  material: string;
  card: Json<ModelCard>;
  created_at: Generated<Date>;
}

export interface ModelVersionsTable {
  id: Generated<string>;
  model_id: string;
  group_id: string;
  number: number;
  architecture: string;
  encoder: string;
  classes: Json<ClassRow[]>;
  binary: boolean;
  material: string;
  class_rule: ClassRuleValue;
  sixteen_bit_input: SixteenBitInputValue;
  iou_definition: ColumnType<'paper' | 'mean_class', 'paper', never>;
  metrics: Json<VersionMetrics>;
  val_iou: number;
  test_iou: number | null;
  config: Json<Record<string, unknown>>;
  dataset_id: string;
  dataset_version_id: string;
  dataset_hash: string;
  experiment: string;
  parent: Json<InitialWeights>;
  parent_version_id: string | null;
  code_version: string;
  seed: BigInt;
  duration_seconds: number;
  worker_kind: WorkerKind;
  artifact_bucket: string;
  artifact_prefix: string;
  job_id: string | null;
  visibility_level: Generated<Level>;
  shared_with: ColumnType<string[], string | undefined, string>;
  created_at: Generated<Date>;
  ood_calibration: ColumnType<OodCalibration | null, string | null | undefined, string | null>;
  interval_calibration: ColumnType<IntervalCalibration | null, string | null | undefined, string | null>;
}

export interface ModelAliasesTable {
  model_id: string;
  alias: string;
  version_id: string;
  moved_by: string;
  moved_at: Generated<Date>;
}

export interface AliasMovesTable {
  id: Generated<string>;
  model_id: string;
  alias: string;
  from_version_id: string | null;
  to_version_id: string;
  moved_by: string;
  moved_at: Generated<Date>;
  outcome: 'moved' | 'rejected' | 'pending' | 'refused';
  gate: Json<GateDeclaration> | null;
  gate_report: Json<GateReport> | null;
  gate_skipped: Generated<boolean>;
  decided_at: Date | null;
}

export interface AliasGatesTable {
  model_id: string;
  alias: string;
  declaration: Json<GateDeclaration>;
  set_by: string;
  set_at: Generated<Date>;
}

export interface WeightsUploadsTable {
  id: Generated<string>;
  group_id: string;
  created_by: string;
  file_name: string;
  size_bytes: BigInt;
  sha256: string;
  bucket: string;
  key: string;
  expires_at: Date;
  weights_id: string | null;
  created_at: Generated<Date>;
}

export interface PackageUploadsTable {
  id: Generated<string>;
  group_id: string;
  created_by: string;
  file_name: string;
  size_bytes: BigInt;
  sha256: string;
  bucket: string;
  key: string;
  expires_at: Date;
  version_id: string | null;
  created_at: Generated<Date>;
}

export interface ImportedWeightsTable {
  id: Generated<string>;
  group_id: string;
  name: string;
  file_name: string;
  scope: 'encoder' | 'model';
  architecture: string | null;
  encoder: string;
  pretraining: string | null;
  sha256: string;
  size_bytes: BigInt;
  bucket: string;
  key: string;
  tensor_count: number;
  visibility_level: Generated<Level>;
  shared_with: ColumnType<string[], string | undefined, string>;
  created_at: Generated<Date>;
}

export interface BenchmarksTable {
  id: Generated<string>;
  group_id: string;
  dataset_id: string;
  request: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface TrainingDatabase {
  training_jobs: TrainingJobsTable;
  training_epochs: TrainingEpochsTable;
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  model_aliases: ModelAliasesTable;
  alias_moves: AliasMovesTable;
  alias_gates: AliasGatesTable;
  weights_uploads: WeightsUploadsTable;
  imported_weights: ImportedWeightsTable;
  package_uploads: PackageUploadsTable;
  benchmarks: BenchmarksTable;
  outbox: OutboxTable;
}
