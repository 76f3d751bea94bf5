/**
 * The API's enum values (ALL_CAPS, as GraphQL convention and LIMS integrators expect) and the value
 * each one is inside the platform (contracts, database rows, events, CLI output), which stay as
 * they were. Apollo maps between them at the boundary: resolvers return and receive the internal
 * values, and the resolver types generated from the schema say so (codegen.ts reads this map).
 */
export const publicEnumValues = {
  Role: { VIEWER: 'viewer', MEMBER: 'member', ADMIN: 'admin' },
  ServiceStatus: { UP: 'up', DEGRADED: 'degraded', DOWN: 'down' },
  AuditOutcome: { OK: 'ok', ERROR: 'error' },
  VisibilityLevel: { PRIVATE: 'private', SHARED: 'shared', PUBLIC: 'public' },
  LengthUnit: { NM: 'nm', UM: 'um', MM: 'mm' },
  ImageFormat: { PNG: 'png', TIFF: 'tiff', JPEG: 'jpeg' },
  PixelSizeSource: { UPLOAD: 'upload', FEI_TAG: 'fei_tag', ZEISS_TAG: 'zeiss_tag', TIFF: 'tiff', DATASET: 'dataset', PROFILE: 'profile' },
  MaskSource: { GROUND_TRUTH: 'ground_truth', MODEL: 'model' },
  MaskKind: { INDEX: 'index', COLOUR: 'colour' },
  SplitSubset: { TRAIN: 'train', VAL: 'val', TEST: 'test' },
  PixelSizePolicy: { IMAGE: 'image', PIXELS: 'pixels', FIXED: 'fixed' },
  MeasurementStatus: { SUCCEEDED: 'succeeded', FAILED: 'failed' },
  MeasurementExportFormat: { CSV: 'csv', JSON: 'json' },
  PlotKind: { SIZE_HISTOGRAM: 'size_histogram', AREA_FRACTIONS: 'area_fractions', THICKNESS_HISTOGRAM: 'thickness_histogram', THICKNESS_PROFILE: 'thickness_profile' },
  TrainingJobState: { QUEUED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed', CANCELLED: 'cancelled' },
  WorkerKind: { CPU: 'cpu', GPU: 'gpu' },
  InitialWeightsKind: { RANDOM: 'random', VERSION: 'version', WEIGHTS: 'weights' },
  ClassRule: { THRESHOLD: 'threshold', ARGMAX: 'argmax' },
  SixteenBitInput: { FULL_RANGE: 'full_range', HIGH_BYTE: 'high_byte' },
  IouDefinition: { PAPER: 'paper', MEAN_CLASS: 'mean_class' },
  ModelDownloadFormat: { ONNX: 'onnx', BIOIMAGEIO: 'bioimageio', ARTIFACT: 'artifact' },
  GateQuantity: { AREA_FRACTION: 'areaFraction', MEAN_EQUIVALENT_DIAMETER: 'meanEquivalentDiameter', COUNT: 'count', THICKNESS: 'thickness', IOU: 'iou' },
  GateComparison: { GROUND_TRUTH: 'groundTruth', CURRENT_VERSION: 'currentVersion' },
  SegmentationStatus: { SUCCEEDED: 'succeeded', FAILED: 'failed' },
  PipelineTrigger: { UPLOAD: 'upload', BATCH: 'batch', ALIAS_MOVE: 'alias-move' },
  PipelineRunState: { RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed' },
  WebhookEventName: { SEGMENTATION_COMPLETED: 'segmentation.completed', MEASUREMENT_COMPLETED: 'measurement.completed' },
  WebhookDeliveryState: { PENDING: 'pending', DELIVERED: 'delivered', DEAD: 'dead', REFUSED: 'refused' },
  MeasurementKind: { PARTICLES: 'particles', THICKNESS: 'thickness' },
  AliasMoveOutcome: { MOVED: 'moved', REJECTED: 'rejected', PENDING: 'pending', REFUSED: 'refused' },
  WeightsScope: { ENCODER: 'encoder', MODEL: 'model' },
  IntervalQuantity: { COUNT: 'count', AREA_FRACTION: 'areaFraction', MEAN_AREA: 'meanArea', MEAN_EQUIVALENT_DIAMETER: 'meanEquivalentDiameter', MEAN: 'mean', P10: 'p10', P50: 'p50', P90: 'p90' },
} as const;
