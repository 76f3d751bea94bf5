import type { trainingEvents } from '@microseg/contracts';
import { isMicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import type { PayloadOf } from '@microseg/messaging';
import { assertModelFitsDataset } from '@microseg/pipeline';
import { type PlatformDirectory, groupPrincipal } from './platform-directory.ts';
import type { PolicyRepository } from './policy.repository.ts';

/**
 * An alias moved: every active policy following it re-segments its dataset with the new version
 * in the background. Segmentations are keyed by (image, version), so the old version's masks and
 * measurements stay, and the new masks are measured by metrology like any other.
 */
export class AliasMoves {
  constructor(private readonly deps: { directory: PlatformDirectory; policies: PolicyRepository; logger: Logger }) {}

  async onAliasMoved(event: PayloadOf<typeof trainingEvents.aliasMoved>): Promise<number> {
    const { directory, policies, logger } = this.deps;
    let started = 0;
    for (const policy of await policies.following(event.groupId, event.modelId, event.alias)) {
      const principal = groupPrincipal(policy.groupId);
      try {
        const [version, dataset] = await Promise.all([directory.modelVersion(principal, event.toVersionId), directory.dataset(principal, policy.datasetId)]);
        assertModelFitsDataset(version, dataset);
      } catch (error) {
        // A version the group may not use or whose classes don't fit: this policy is skipped, the others go on.
        if (!isMicroSegError(error) || error.retryable) throw error;
        logger.warn({ policyId: policy.id, toVersionId: event.toVersionId, error: { code: error.code, message: error.message } }, 'alias move not applied to a policy');
        continue;
      }
      const imageIds = await directory.datasetImageIds(principal, policy.datasetId);
      const runId = await policies.startRun({
        groupId: policy.groupId,
        datasetId: policy.datasetId,
        policyId: policy.id,
        modelVersionId: event.toVersionId,
        trigger: 'alias-move',
        imageIds,
      });
      await policies.setResolvedVersion(policy.id, event.toVersionId);
      if (runId) started++;
      logger.info({ policyId: policy.id, fromVersionId: event.fromVersionId, toVersionId: event.toVersionId, images: imageIds.length, runId }, 'alias move re-segments a dataset');
    }
    return started;
  }
}
