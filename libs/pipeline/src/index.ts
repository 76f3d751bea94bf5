export { type ClassLike, assertModelFitsDataset } from './class-compatibility.ts';
export { type PolicyLike, policiesForImage, segmentJobId } from './policy-matching.ts';
export { DEFAULT_REPLAY_WINDOW_SECONDS, SIGNATURE_HEADER, type SignatureCheck, signWebhook, verifyWebhook } from './webhook-signature.ts';
export { DEFAULT_WEBHOOK_RETRIES, type RetrySchedule, nextRetryDelay } from './retry-schedule.ts';
export { type ClassDrift, type DriftReport, type ImageDrift, type MeasurementDigest, computeDriftReport } from './drift-report.ts';
export { type MeasuredSet, comparableSet, measurementDigest } from './measurement-digest.ts';
export { type GateCheck, type GateClassSide, type GateImage, type GateThicknessSide, type GateTolerance, judgeGate } from './promotion-gate.ts';
export { type DriftReportWithIntervals, type IntervalChange, type SetIntervals, withDriftIntervals } from './drift-intervals.ts';
