import { MicroSegError, invalidInput, notFound } from '@microseg/errors';
import type { Command } from 'commander';
import { type GatewayClient, type Page, allNodes, clientFromOptions } from '../gateway-client.ts';
import { printResult } from '../output.ts';

const DRIFT_FIELDS = `datasetId fromVersionId toVersionId
  images { imageId classes { class count { old new delta } areaFraction { old new delta } meanArea { old new delta } } meanThickness { old new delta } }
  unmatched { onlyOld onlyNew }
  dataset { class countDelta meanAbsAreaFractionDelta images }`;

interface DriftReport {
  datasetId: string;
  fromVersionId: string;
  toVersionId: string;
  images: { imageId: string }[];
  unmatched: { onlyOld: string[]; onlyNew: string[] };
  dataset: { class: number; countDelta: number; meanAbsAreaFractionDelta: number; images: number }[];
}

interface DriftFlags {
  policy?: string;
  dataset?: string;
  from?: string;
  to?: string;
}

interface PolicyVersions {
  id: string;
  datasetId: string;
  modelVersionId: string;
}

/**
 * What `--policy` compares: the version the policy's alias names now against the one its latest
 * earlier run used (the version before the last alias move). `--from` / `--to` override either.
 */
export function policyDriftVersions(
  policy: PolicyVersions,
  runsNewestFirst: readonly { policyId: string | null; modelVersionId: string }[],
  overrides: { from?: string | undefined; to?: string | undefined } = {},
): { datasetId: string; fromVersionId: string; toVersionId: string } {
  const toVersionId = overrides.to ?? policy.modelVersionId;
  const fromVersionId = overrides.from ?? runsNewestFirst.find((run) => run.policyId === policy.id && run.modelVersionId !== toVersionId)?.modelVersionId;
  if (!fromVersionId) {
    throw invalidInput(`policy ${policy.id} has run with one model version only: name the other with --from`, { policyId: policy.id });
  }
  return { datasetId: policy.datasetId, fromVersionId, toVersionId };
}

async function versionsOf(client: GatewayClient, flags: DriftFlags) {
  if (flags.policy) {
    const policies = await allNodes(async (after) =>
      (await client.request<{ policies: Page<PolicyVersions> }>(
        'query($after: String) { policies(first: 500, after: $after) { nodes { id datasetId modelVersionId } pageInfo { endCursor hasNextPage } } }',
        { after },
      )).policies,
    );
    const policy = policies.find((p) => p.id === flags.policy);
    if (!policy) throw notFound('policy', flags.policy);
    const { pipelineRuns } = await client.request<{ pipelineRuns: { nodes: { policyId: string | null; modelVersionId: string }[] } }>(
      'query($datasetId: ID) { pipelineRuns(datasetId: $datasetId, first: 500) { nodes { policyId modelVersionId } } }',
      { datasetId: policy.datasetId },
    );
    return policyDriftVersions(policy, pipelineRuns.nodes, { from: flags.from, to: flags.to });
  }
  if (flags.dataset && flags.from && flags.to) return { datasetId: flags.dataset, fromVersionId: flags.from, toVersionId: flags.to };
  throw new MicroSegError('INVALID_INPUT', 'pass --policy ID, or --dataset ID with --from VERSION and --to VERSION');
}

const signed = (value: number) => `${value >= 0 ? '+' : ''}${Number(value.toPrecision(4))}`;

/** `microseg pipeline drift`: what moving a model alias changed in a dataset's measurements. */
export function registerDriftCommand(pipeline: Command): void {
  pipeline
    .command('drift')
    .description("old vs new model version on a dataset's images, from both versions' measurements")
    .option('--policy <id>', "the policy's dataset, its current version against the one it used before")
    .option('--dataset <id>', 'dataset id (with --from and --to)')
    .option('--from <version>', 'old model version id')
    .option('--to <version>', 'new model version id')
    .option('--json', 'print JSON')
    .action(async (flags: DriftFlags, command: Command) => {
      const globals = command.optsWithGlobals<{ url?: string; apiKey?: string; json?: boolean }>();
      const client = clientFromOptions(globals);
      const versions = await versionsOf(client, flags);
      const { driftReport } = await client.request<{ driftReport: DriftReport }>(
        `query($datasetId: ID!, $from: ID!, $to: ID!) { driftReport(datasetId: $datasetId, fromVersionId: $from, toVersionId: $to) { ${DRIFT_FIELDS} } }`,
        { datasetId: versions.datasetId, from: versions.fromVersionId, to: versions.toVersionId },
      );
      printResult(globals, driftReport, (r) =>
        [
          `dataset ${r.datasetId}: ${r.fromVersionId} -> ${r.toVersionId}, ${r.images.length} images compared`,
          ...r.dataset.map((c) => `  class ${c.class}: count ${signed(c.countDelta)}, mean |area fraction change| ${Number(c.meanAbsAreaFractionDelta.toPrecision(4))} over ${c.images} images`),
          ...(r.unmatched.onlyOld.length || r.unmatched.onlyNew.length
            ? [`  measured by one version only: ${r.unmatched.onlyOld.length} old, ${r.unmatched.onlyNew.length} new`]
            : []),
        ].join('\n'),
      );
    });
}
