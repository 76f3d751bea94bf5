import type { PipelineRun, Policy, Principal, datasetEvents } from '@microseg/contracts';
import { MicroSegError, notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import type { PayloadOf } from '@microseg/messaging';
import { assertModelFitsDataset, policiesForImage } from '@microseg/pipeline';
import { type PlatformDirectory, groupPrincipal } from './platform-directory.ts';
import type { PolicyRepository } from './policy.repository.ts';
import type { SegmentationRepository } from './segmentation.repository.ts';

/** Automation policies: created after checking the dataset, the model and their classes; they start runs. */
export class Policies {
  constructor(
    private readonly deps: { directory: PlatformDirectory; policies: PolicyRepository; segmentations: SegmentationRepository; logger: Logger },
  ) {}

  async create(principal: Principal, input: { datasetId: string; model: string; alias: string }): Promise<Policy> {
    const { directory, policies } = this.deps;
    const dataset = await directory.dataset(principal, input.datasetId);
    if (dataset.groupId !== principal.groupId || principal.role === 'viewer') {
      throw new MicroSegError('FORBIDDEN', 'policies write masks into the dataset: members of its group only', { details: { datasetId: dataset.id } });
    }
    // NOT_FOUND when the model or alias is unknown or the group may not use it.
    const version = await directory.resolveAlias(principal, input.model, input.alias);
    assertModelFitsDataset(version, dataset);
    const { policy } = await policies.create({
      groupId: principal.groupId,
      datasetId: dataset.id,
      model: input.model,
      alias: input.alias,
      modelId: version.modelId,
      modelVersionId: version.id,
      createdBy: principal.memberId,
    });
    return policy;
  }

  async setPaused(principal: Principal, id: string, paused: boolean): Promise<Policy> {
    const policy = await this.deps.policies.setPaused(id, principal.groupId, paused);
    if (!policy) throw notFound('policy', id);
    return policy;
  }

  /** Batch: every image of the dataset (or of one of its versions) through the version the alias names now. */
  async runBatch(principal: Principal, id: string, datasetVersionId?: string): Promise<PipelineRun> {
    const { directory, policies, segmentations } = this.deps;
    const policy = await policies.find(id, principal.groupId);
    if (!policy) throw notFound('policy', id);
    const version = await directory.resolveAlias(principal, policy.modelId, policy.alias);
    const imageIds = datasetVersionId ? await directory.versionImageIds(principal, datasetVersionId) : await directory.datasetImageIds(principal, policy.datasetId);
    const runId = await policies.startRun({ groupId: policy.groupId, datasetId: policy.datasetId, policyId: policy.id, modelVersionId: version.id, trigger: 'batch', imageIds });
    return (await segmentations.run(runId!, principal.groupId))!;
  }

  /** A new image: one run per active policy of its dataset, with the version its alias names now. */
  async onImageUploaded(event: PayloadOf<typeof datasetEvents.imageUploaded>): Promise<number> {
    const { directory, policies, logger } = this.deps;
    const active = policiesForImage(await policies.ofDataset(event.datasetId), event);
    let started = 0;
    for (const policy of active) {
      const version = await directory.resolveAlias(groupPrincipal(policy.groupId), policy.modelId, policy.alias);
      const runId = await policies.startRun({
        groupId: policy.groupId,
        datasetId: policy.datasetId,
        policyId: policy.id,
        modelVersionId: version.id,
        trigger: 'upload',
        imageIds: [event.imageId],
        sourceImageId: event.imageId,
      });
      if (runId) started++;
      logger.debug({ imageId: event.imageId, policyId: policy.id, runId }, 'upload triggered a policy');
    }
    return started;
  }
}
