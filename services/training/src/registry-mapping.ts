import type { AliasMove, ImportedWeights, Model, ModelVersion, VersionMetrics } from '@microseg/contracts';
import type { Selectable } from '@microseg/db';
import type { AliasMovesTable, ImportedWeightsTable, ModelAliasesTable, ModelVersionsTable, ModelsTable } from './training.tables.ts';

/** Versions registered before the paper's IoU stored no meanClassIou: their `iou` was that mean. */
function withMeanClassIou(metrics: VersionMetrics, definition: 'paper' | 'mean_class'): VersionMetrics {
  const split = (s: VersionMetrics['val']) => ({ ...s, meanClassIou: s.meanClassIou ?? (definition === 'mean_class' ? s.iou : null) });
  return { val: split(metrics.val), test: metrics.test ? split(metrics.test) : null };
}

/** Registry rows to contract shapes: the one place that knows both. */
export function toModelVersion(row: Selectable<ModelVersionsTable>, modelName: string, aliases: string[]): ModelVersion {
  return {
    id: row.id,
    modelId: row.model_id,
    modelName,
    groupId: row.group_id,
    number: row.number,
    architecture: row.architecture,
    encoder: row.encoder,
    classes: row.classes,
    binary: row.binary,
    material: row.material,
    classRule: row.class_rule,
    sixteenBitInput: row.sixteen_bit_input,
    metrics: withMeanClassIou(row.metrics, row.iou_definition),
    iouDefinition: row.iou_definition,
    config: row.config,
    dataset: { datasetId: row.dataset_id, versionId: row.dataset_version_id, contentHash: row.dataset_hash, experiment: row.experiment },
    parent: row.parent,
    codeVersion: row.code_version,
    seed: Number(row.seed),
    durationSeconds: row.duration_seconds,
    workerKind: row.worker_kind,
    artifact: { bucket: row.artifact_bucket, prefix: row.artifact_prefix },
    jobId: row.job_id,
    visibility: { level: row.visibility_level, sharedWith: row.shared_with },
    aliases,
    createdAt: row.created_at.toISOString(),
    outOfDistribution: row.ood_calibration,
    intervalCalibration: row.interval_calibration,
  };
}

export function toModel(
  row: Selectable<ModelsTable>,
  aliases: (Selectable<ModelAliasesTable> & { number: number })[],
  versionCount: number,
): Model {
  return {
    id: row.id,
    groupId: row.group_id,
    name: row.name,
    task: row.task,
    classes: row.classes,
    material: row.material,
    card: row.card,
    aliases: aliases.map((a) => ({ alias: a.alias, versionId: a.version_id, versionNumber: a.number, movedAt: a.moved_at.toISOString(), movedBy: a.moved_by })),
    versionCount,
    createdAt: row.created_at.toISOString(),
  };
}

export function toAliasMove(row: Selectable<AliasMovesTable>): AliasMove {
  return {
    id: row.id,
    modelId: row.model_id,
    alias: row.alias,
    fromVersionId: row.from_version_id,
    toVersionId: row.to_version_id,
    movedBy: row.moved_by,
    movedAt: row.moved_at.toISOString(),
    outcome: row.outcome,
    gate: row.gate,
    gateReport: row.gate_report,
    gateSkipped: row.gate_skipped,
  };
}

export function toImportedWeights(row: Selectable<ImportedWeightsTable>): ImportedWeights {
  return {
    id: row.id,
    groupId: row.group_id,
    name: row.name,
    fileName: row.file_name,
    scope: row.scope,
    architecture: row.architecture,
    encoder: row.encoder,
    pretraining: row.pretraining,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    object: { bucket: row.bucket, key: row.key, sha256: row.sha256 },
    tensorCount: row.tensor_count,
    visibility: { level: row.visibility_level, sharedWith: row.shared_with },
    createdAt: row.created_at.toISOString(),
  };
}
