import type { Command } from 'commander';
import { clientFromOptions } from '../gateway-client.ts';
import { printResult } from '../output.ts';
import { registerDriftCommand } from './pipeline-drift.ts';
import { RUN_FIELDS } from './policy.ts';

interface Run {
  id: string;
  trigger: string;
  state: string;
  total: number;
  segmented: number;
  failed: number;
  outOfDistribution: number;
  createdAt: string;
}

/** `microseg pipeline status|drift`: the group's pipeline runs, newest first; what an alias move changed. */
export function registerPipelineCommands(program: Command): void {
  const pipeline = program.command('pipeline').description('the automated segmentation and measurement pipeline');
  pipeline
    .command('status')
    .description('pipeline runs, newest first, with their progress')
    .option('--dataset <id>', 'only this dataset')
    .option('--state <state>', 'running, succeeded or failed')
    .option('--limit <n>', 'runs to show', '20')
    .option('--json', 'print JSON')
    .action(async (flags: { dataset?: string; state?: string; limit: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ url?: string; apiKey?: string; json?: boolean }>();
      const answer = await clientFromOptions(globals).request<{ pipelineRuns: { nodes: Run[] } }>(
        `query($datasetId: ID, $state: PipelineRunState, $first: Int) { pipelineRuns(datasetId: $datasetId, state: $state, first: $first) { nodes { ${RUN_FIELDS} } } }`,
        { datasetId: flags.dataset ?? null, state: flags.state ?? null, first: Number(flags.limit) },
      );
      const pipelineRuns = answer.pipelineRuns.nodes;
      const running = pipelineRuns.filter((run) => run.state === 'running').length;
      printResult(globals, { running, runs: pipelineRuns }, (v) =>
        [
          `${v.running} running`,
          ...v.runs.map((run) => `  ${run.id} ${run.trigger.padEnd(10)} ${run.state.padEnd(9)} ${run.segmented + run.failed}/${run.total}${run.failed ? ` (${run.failed} failed)` : ''}${run.outOfDistribution ? ` (${run.outOfDistribution} out of distribution)` : ''}  ${run.createdAt}`),
        ].join('\n'),
      );
    });
  registerDriftCommand(pipeline);
}
