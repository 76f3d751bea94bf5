import { inferenceContracts as c, requirePrincipal } from '@microseg/contracts';
import { notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type IdempotencyRecords, type RequestServer, idempotent, serveRequests } from '@microseg/messaging';
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
  },
): RequestServer[] {
  const options = { logger: deps.logger };
  return [
    serveRequests(nc, c.segmentImage, async ({ imageId, model, probabilities }, { headers }) => {
      const principal = requirePrincipal(headers);
      const modelVersionId = 'versionId' in model ? model.versionId : (await deps.directory.resolveAlias(principal, model.model, model.alias)).id;
      return deps.runner.forCaller(principal, { imageId, modelVersionId, probabilities });
    }, options),
    serveRequests(nc, c.listSegmentations, async ({ imageIds }, { headers }) => {
      const principal = requirePrincipal(headers);
      // What the caller may read of the dataset service is what it may read here.
      const readable = await Promise.all(imageIds.map((id) => deps.directory.image(principal, id).then(() => id, () => undefined)));
      return { segmentations: await deps.segmentations.ofImages(readable.filter((id): id is string => id !== undefined)) };
    }, options),
    serveRequests(nc, c.datasetSegmentations, async ({ datasetId, ...filter }, { headers }) => {
      // NOT_FOUND unless the caller may read the dataset.
      await deps.directory.dataset(requirePrincipal(headers), datasetId);
      return deps.segmentations.ofDataset({ datasetId, ...filter });
    }, options),
    serveRequests(nc, c.createPolicy, (input, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(deps.idempotency, { headers, principal, operation: 'createPolicy', input }, () => deps.policies.create(principal, input));
    }, options),
    serveRequests(nc, c.listPolicies, async ({ datasetId }, { headers }) => ({
      policies: await deps.policyRepository.list(requirePrincipal(headers).groupId, datasetId),
    }), options),
    serveRequests(nc, c.setPolicyPaused, (input, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(deps.idempotency, { headers, principal, operation: 'setPolicyPaused', input }, () => deps.policies.setPaused(principal, input.id, input.paused));
    }, options),
    serveRequests(nc, c.runPolicy, (input, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(deps.idempotency, { headers, principal, operation: 'runPolicy', input }, () => deps.policies.runBatch(principal, input.id, input.datasetVersionId));
    }, options),
    serveRequests(nc, c.getRun, async ({ id }, { headers }) => {
      const run = await deps.segmentations.run(id, requirePrincipal(headers).groupId);
      if (!run) throw notFound('pipeline run', id);
      return run;
    }, options),
    serveRequests(nc, c.listRuns, async ({ datasetId, state, limit }, { headers }) => {
      const runs = await deps.segmentations.runs(requirePrincipal(headers).groupId, { limit, ...(datasetId ? { datasetId } : {}) });
      return { runs: state ? runs.filter((run) => run.state === state) : runs };
    }, options),
    serveRequests(nc, c.driftReport, (input, { headers }) => deps.driftReports.report(requirePrincipal(headers), input), options),
  ];
}
