import type { Command } from 'commander';
import { type Page, allNodes, clientFromOptions } from '../gateway-client.ts';
import { printResult } from '../output.ts';

const POLICY_FIELDS = 'id datasetId model alias modelId modelVersionId paused createdAt updatedAt';
export const RUN_FIELDS = 'id datasetId policyId modelVersionId trigger state total segmented failed outOfDistribution createdAt finishedAt';

interface Policy {
  id: string;
  datasetId: string;
  model: string;
  alias: string;
  modelVersionId: string;
  paused: boolean;
}

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const readablePolicy = (p: Policy) => `policy ${p.id}: dataset ${p.datasetId} <- ${p.model}@${p.alias} (version ${p.modelVersionId})${p.paused ? ' [paused]' : ''}`;

/** `microseg policy create|list|pause|resume|run`: automation of a dataset by a model alias. */
export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('automation policies: segment and measure every new image of a dataset');

  policy
    .command('create')
    .description('on every new image of the dataset, segment with MODEL@ALIAS and measure with its profile')
    .requiredOption('--dataset <id>', 'dataset id')
    .requiredOption('--model <model>', 'registry model id or name')
    .requiredOption('--alias <alias>', 'alias the policy follows, e.g. production')
    .option('--json', 'print JSON')
    .action(async (flags: { dataset: string; model: string; alias: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const { createPolicy } = await clientFromOptions(globals).request<{ createPolicy: Policy }>(
        `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { ${POLICY_FIELDS} } }`,
        { input: { datasetId: flags.dataset, model: flags.model, alias: flags.alias } },
      );
      printResult(globals, createPolicy, readablePolicy);
    });

  policy
    .command('list')
    .description("the group's policies")
    .option('--dataset <id>', 'only this dataset')
    .option('--json', 'print JSON')
    .action(async (flags: { dataset?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const policies = await allNodes(async (after) =>
        (await client.request<{ policies: Page<Policy> }>(
          `query($datasetId: ID, $after: String) { policies(datasetId: $datasetId, first: 500, after: $after) { nodes { ${POLICY_FIELDS} } pageInfo { endCursor hasNextPage } } }`,
          { datasetId: flags.dataset ?? null, after },
        )).policies,
      );
      printResult(globals, { policies }, (v) => v.policies.map(readablePolicy).join('\n') || 'no policies');
    });

  for (const [name, mutation, description] of [
    ['pause', 'pausePolicy', 'new uploads are left alone until resumed'],
    ['resume', 'resumePolicy', 'new uploads are segmented again'],
  ] as const) {
    policy
      .command(name)
      .description(description)
      .argument('<id>', 'policy id')
      .option('--json', 'print JSON')
      .action(async (id: string, _flags: unknown, command: Command) => {
        const globals = command.optsWithGlobals<Globals>();
        const answer = await clientFromOptions(globals).request<Record<string, Policy>>(`mutation($id: ID!) { ${mutation}(id: $id) { ${POLICY_FIELDS} } }`, { id });
        printResult(globals, answer[mutation]!, readablePolicy);
      });
  }

  policy
    .command('run')
    .description('batch: every image of a dataset version (default: the dataset now) through the policy')
    .argument('<id>', 'policy id')
    .option('--dataset-version <id>', 'dataset version id')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { datasetVersion?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const { runPolicy } = await clientFromOptions(globals).request<{ runPolicy: { id: string; total: number } }>(
        `mutation($id: ID!, $version: ID) { runPolicy(id: $id, datasetVersionId: $version) { ${RUN_FIELDS} } }`,
        { id, version: flags.datasetVersion ?? null },
      );
      printResult(globals, runPolicy, (run) => `run ${run.id}: ${run.total} images queued`);
    });
}
