import { type GateReport, type Principal, datasetContracts, describeCheck, promotionGateContracts, type promotionGateEvents } from '@microseg/contracts';
import { isMicroSegError, invalidInput } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type JobContext, type PayloadOf, request } from '@microseg/messaging';
import { type IndexMask, decodeIndexMask, evaluateSegmentation, measureThickness } from '@microseg/metrology';
import { type GateImage, type GateThicknessSide, assertModelFitsDataset, judgeGate } from '@microseg/pipeline';
import type { ObjectStore } from '@microseg/storage';
import type { NatsConnection } from 'nats';
import { type PlatformDirectory, groupPrincipal } from './platform-directory.ts';
import type { SegmentationRunner } from './segmentation-runner.ts';

type GateRequested = PayloadOf<typeof promotionGateEvents.aliasGateRequested>;
type ObjectRef = { bucket: string; key: string };

/** Where one side of a reference image comes from: a mask to read, or why there is none. */
type Side = { mask: ObjectRef } | { skipped: string };

async function readAll(store: ObjectStore, ref: ObjectRef): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.getObject(ref.bucket, ref.key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Mean layer thickness of all foreground classes; a mask without a layer to measure has none. */
function thicknessOf(mask: IndexMask, classes: number[]): GateThicknessSide {
  try {
    const measured = measureThickness(mask, { classes });
    return { mean: measured.thickness.mean, skeletonPixels: measured.skeletonPixels };
  } catch (error) {
    if (isMicroSegError(error) && error.code === 'INVALID_INPUT') return { mean: null, skeletonPixels: 0 };
    throw error;
  }
}

/**
 * Evaluates the gate of a pending alias move: segments the reference split with the candidate
 * (and, compared with the current version, with that one too) through the same runner as every
 * other segmentation, so a pair already segmented is reused and a redelivered job redoes no model
 * work; measures both sides with the metrology library; and hands the report to the training
 * service, which moves the alias or refuses in one transaction. A gate that cannot be evaluated
 * (the reference version is gone, no image compares) is a refusal with the reason, never a move.
 */
export class PromotionGateChecks {
  constructor(
    private readonly deps: { nc: NatsConnection; directory: PlatformDirectory; runner: SegmentationRunner; store: ObjectStore; maxDeliver: number; logger: Logger },
  ) {}

  async onGateRequested(event: GateRequested, context: Pick<JobContext, 'deliveryCount' | 'working'>): Promise<void> {
    const principal = groupPrincipal(event.groupId);
    let report: GateReport;
    try {
      report = await this.evaluate(event, principal, context);
    } catch (error) {
      const transient = !isMicroSegError(error) || error.retryable;
      // Retried while deliveries are left; after that the move is refused rather than left pending for ever.
      if (transient && context.deliveryCount < this.deps.maxDeliver) throw error;
      report = this.unevaluated(event, error);
    }
    const decided = await request(this.deps.nc, promotionGateContracts.completeAliasGate, { moveId: event.moveId, report }, this.deps.directory.as(principal));
    this.deps.logger.info(
      { moveId: event.moveId, alias: event.alias, candidateVersionId: event.candidateVersionId, outcome: decided.outcome, failed: report.checks.filter((c) => !c.passed).map(describeCheck) },
      'promotion gate evaluated',
    );
  }

  private async evaluate(event: GateRequested, principal: Principal, context: Pick<JobContext, 'working'>): Promise<GateReport> {
    const { gate } = event;
    const content = await request(this.deps.nc, datasetContracts.getVersionContent, { id: gate.datasetVersionId }, this.deps.directory.as(principal));
    const split = content.experiments.find((e) => e.name === gate.experiment);
    if (!split) throw invalidInput(`dataset version ${gate.datasetVersionId} has no split named ${gate.experiment}`, { experiment: gate.experiment });
    const referenceVersionId = gate.comparison === 'currentVersion' ? event.currentVersionId : null;
    if (gate.comparison === 'currentVersion' && !referenceVersionId) {
      throw invalidInput(`alias ${event.alias} names no version yet: there is no current version to compare with`, { alias: event.alias });
    }
    // A candidate (or current version) predicting other classes than the reference masks hold cannot be compared with them.
    for (const versionId of [event.candidateVersionId, ...(referenceVersionId ? [referenceVersionId] : [])]) {
      assertModelFitsDataset(await this.deps.directory.modelVersion(principal, versionId), content);
    }
    const truthOf = new Map(content.images.map((image) => [image.imageId, image.mask]));
    const foreground = content.classes.map((c) => c.index).filter((index) => index !== 0).sort((a, b) => a - b);
    const withThickness = gate.tolerances.some((t) => t.quantity === 'thickness');
    const images: GateImage[] = [];
    const skippedImages: GateReport['skippedImages'] = [];
    for (const imageId of split[gate.subset]) {
      const job = { groupId: event.groupId, imageId, datasetId: content.version.datasetId, runId: null, probabilities: false as const };
      const candidate = await this.segmented(job, event.candidateVersionId, context);
      let reference: Side;
      if (referenceVersionId) reference = await this.segmented(job, referenceVersionId, context);
      else {
        const truth = truthOf.get(imageId);
        reference = truth ? { mask: truth } : { skipped: 'no ground-truth mask' };
      }
      if ('skipped' in candidate || 'skipped' in reference) {
        skippedImages.push({ imageId, reason: 'skipped' in candidate ? `candidate: ${candidate.skipped}` : `reference: ${(reference as { skipped: string }).skipped}` });
        continue;
      }
      const [mine, theirs] = await Promise.all([readAll(this.deps.store, candidate.mask).then(decodeIndexMask), readAll(this.deps.store, reference.mask).then(decodeIndexMask)]);
      if (mine.width !== theirs.width || mine.height !== theirs.height) {
        skippedImages.push({ imageId, reason: `the masks differ in size (${mine.width}x${mine.height} vs ${theirs.width}x${theirs.height})` });
        continue;
      }
      const evaluation = evaluateSegmentation(mine, theirs, { classes: foreground });
      const pixels = mine.width * mine.height;
      images.push({
        pixels,
        classes: evaluation.classes.map((c) => ({
          class: c.class,
          candidate: { pixels: (c.areaFraction.predicted ?? 0) * pixels, count: c.count.predicted ?? 0, meanEquivalentDiameter: c.meanEquivalentDiameter.predicted },
          reference: { pixels: (c.areaFraction.truth ?? 0) * pixels, count: c.count.truth ?? 0, meanEquivalentDiameter: c.meanEquivalentDiameter.truth },
          truePositives: c.truePositives,
          falsePositives: c.falsePositives,
          falseNegatives: c.falseNegatives,
        })),
        ...(withThickness ? { thickness: { candidate: thicknessOf(mine, foreground), reference: thicknessOf(theirs, foreground) } } : {}),
      });
      context.working();
    }
    const verdict = judgeGate({ tolerances: gate.tolerances, classes: content.classes, images });
    return {
      ...this.about(event),
      referenceVersionId,
      passed: verdict.passed,
      images: images.length,
      checks: verdict.checks,
      skippedImages,
      error: images.length === 0 ? { code: 'INVALID_INPUT', message: 'no reference image could be compared' } : null,
    };
  }

  /** One image by one version, through the runner (idempotent per image and version). */
  private async segmented(job: { groupId: string; imageId: string; datasetId: string; runId: null; probabilities: false }, modelVersionId: string, context: Pick<JobContext, 'working'>): Promise<Side> {
    const { segmentation } = await this.deps.runner.run({ ...job, modelVersionId }, context);
    if (segmentation.status === 'failed' || !segmentation.mask) return { skipped: `could not be segmented by ${modelVersionId}: ${segmentation.error?.message ?? 'no mask'}` };
    return { mask: segmentation.mask };
  }

  private about(event: GateRequested) {
    const { gate } = event;
    return {
      comparison: gate.comparison,
      datasetVersionId: gate.datasetVersionId,
      experiment: gate.experiment,
      subset: gate.subset,
      candidateVersionId: event.candidateVersionId,
      unit: 'px' as const,
      evaluatedAt: new Date().toISOString(),
    };
  }

  private unevaluated(event: GateRequested, error: unknown): GateReport {
    const reason = isMicroSegError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
    this.deps.logger.warn({ moveId: event.moveId, error: reason }, 'promotion gate could not be evaluated: the move is refused');
    return {
      ...this.about(event),
      referenceVersionId: event.gate.comparison === 'currentVersion' ? event.currentVersionId : null,
      passed: false,
      images: 0,
      checks: [],
      skippedImages: [],
      error: reason,
    };
  }
}
