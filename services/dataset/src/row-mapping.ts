import type { Dataset, DatasetVersion, Experiment, Image, Mask } from '@microseg/contracts';
import type { Selectable } from '@microseg/db';
import type { DatasetVersionsTable, DatasetsTable, ImagesTable, MasksTable } from './dataset.tables.ts';

/** Rows to contract shapes: the one place that knows both. */
export function toDataset(row: Selectable<DatasetsTable>, imageCount: number): Dataset {
  return {
    id: row.id,
    groupId: row.group_id,
    name: row.name,
    material: row.material,
    description: row.description,
    classes: row.classes,
    defaultPixelSize:
      row.default_pixel_size_value !== null && row.default_pixel_size_unit !== null
        ? { value: row.default_pixel_size_value, unit: row.default_pixel_size_unit }
        : null,
    visibility: { level: row.visibility_level, sharedWith: row.shared_with },
    imageCount,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toImage(row: Selectable<ImagesTable>, hasMask: boolean): Image {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    groupId: row.group_id,
    name: row.name,
    fileName: row.file_name,
    format: row.format,
    lossy: row.lossy,
    width: row.width,
    height: row.height,
    channels: row.channels,
    bitDepth: row.bit_depth,
    pixelSize:
      row.pixel_size_value !== null && row.pixel_size_unit !== null
        ? { value: row.pixel_size_value, unit: row.pixel_size_unit }
        : null,
    pixelSizeSource: row.pixel_size_source,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    metadata: row.metadata,
    limsId: row.lims_id,
    hasMask,
    createdAt: row.created_at.toISOString(),
    original: { bucket: row.bucket, key: row.original_key, sha256: row.sha256 },
    normalised: { bucket: row.bucket, key: row.normalised_key, sha256: row.normalised_sha256 },
    thumbnail: { bucket: row.bucket, key: row.thumbnail_key, sha256: row.thumbnail_sha256 },
  };
}

export function toMask(row: Selectable<MasksTable>): Mask {
  return {
    id: row.id,
    imageId: row.image_id,
    datasetId: row.dataset_id,
    source: row.source,
    modelVersionId: row.model_version_id,
    kind: row.kind,
    sha256: row.sha256,
    classPixels: row.class_pixels,
    createdAt: row.created_at.toISOString(),
    original: { bucket: row.bucket, key: row.original_key, sha256: row.sha256 },
    index: { bucket: row.bucket, key: row.index_key, sha256: row.index_sha256 },
  };
}

export function toVersion(row: Omit<Selectable<DatasetVersionsTable>, 'content'>): DatasetVersion {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    number: row.number,
    contentHash: row.content_hash,
    imageCount: row.image_count,
    maskCount: row.mask_count,
    experiments: row.experiments,
    note: row.note,
    createdAt: row.created_at.toISOString(),
  };
}

export function toExperiment(
  row: { name: string; notes: Record<string, string>; updated_at: Date },
  assignments: readonly { image_id: string; subset: 'train' | 'val' | 'test' }[],
): Experiment {
  const pick = (subset: string) => assignments.filter((a) => a.subset === subset).map((a) => a.image_id);
  return { name: row.name, train: pick('train'), val: pick('val'), test: pick('test'), notes: row.notes, updatedAt: row.updated_at.toISOString() };
}
