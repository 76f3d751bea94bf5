import { type PrincipalTokens, inferenceContracts as c } from '@microseg/contracts';
import { notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type IdempotencyRecords, type RequestServer, idempotent, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { DriftReports } from '../drift-reports.ts';
import type { PlatformDirectory } from '../platform-directory.ts';
import type { Policies } from '../policies.ts';
import type { PolicyRepository } from '../policy.repository.ts';
import type { SegmentationRepository } from '../segmentation.repository.ts';
import type { SegmentationRunner } from '../segmentation-runner.ts';

export function serveInference(
  nc: NatsConnection,
  deps: {
    directory: PlatformDirectory;
    runner: SegmentationRunner;
    policies: Policies;
    policyRepository: PolicyRepository;
    segmentations: SegmentationRepository;
    driftReports: DriftReports;
    idempotency: IdempotencyRecords;
    logger: Logger;
    principals: PrincipalTokens;
  },
): RequestServer[] {
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, c.segmentImage, async ({ imageId, model, probabilities }, { principal }) => {
      const modelVersionId = 'versionId' in model ? model.versionId : (await deps.directory.resolveAlias(principal, model.model, model.alias)).id;
      return deps.runner.forCaller(principal, { imageId, modelVersionId, probabilities });
    }, options),
    serveAuthenticated(nc, c.listSegmentations, async ({ imageIds }, { principal }) => {
      // What the caller may read of the dataset service is what it may read here.
      const readable = await Promise.all(imageIds.map((id) => deps.directory.image(principal, id).then(() => id, () => undefined)));
      return { segmentations: await deps.segmentations.ofImages(readable.filter((id): id is string => id !== undefined)) };
    }, options),
    serveAuthenticated(nc, c.datasetSegmentations, async ({ datasetId, ...filter }, { principal }) => {
      // NOT_FOUND unless the caller may read the dataset.
      await deps.directory.dataset(principal, datasetId);
      return deps.segmentations.ofDataset({ datasetId, ...filter });
    }, options),
    serveAuthenticated(nc, c.createPolicy, (input, { headers, principal }) => {
      return idempotent(deps.idempotency, { headers, principal, operation: 'createPolicy', input }, () => deps.policies.create(principal, input));
    }, options),
    serveAuthenticated(nc, c.listPolicies, async ({ datasetId }, { principal }) => ({
      policies: await deps.policyRepository.list(principal.groupId, datasetId),
    }), options),
    serveAuthenticated(nc, c.setPolicyPaused, (input, { headers, principal }) => {
      return idempotent(deps.idempotency, { headers, principal, operation: 'setPolicyPaused', input }, () => deps.policies.setPaused(principal, input.id, input.paused));
    }, options),
    serveAuthenticated(nc, c.runPolicy, (input, { headers, principal }) => {
      return idempotent(deps.idempotency, { headers, principal, operation: 'runPolicy', input }, () => deps.policies.runBatch(principal, input.id, input.datasetVersionId));
    }, options),
    serveAuthenticated(nc, c.getRun, async ({ id }, { principal }) => {
      const run = await deps.segmentations.run(id, principal.groupId);
      if (!run) throw notFound('pipeline run', id);
      return run;
    }, options),
    serveAuthenticated(nc, c.listRuns, ({ datasetId, state, first, after }, { principal }) => {
      return deps.segmentations.runPage(principal.groupId, { first, ...(after ? { after } : {}), ...(datasetId ? { datasetId } : {}), ...(state ? { state } : {}) });
    }, options),
    serveAuthenticated(nc, c.driftReport, (input, { principal }) => deps.driftReports.report(principal, input), options),
  ];
}
