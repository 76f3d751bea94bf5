import type { Command } from 'commander';
import { clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';
import { positiveInt } from './train.ts';

const BENCHMARK_FIELDS = `id state experiments rows { model architecture encoder init iou } best { experiment model iou } jobs { id state experiment progress { epoch maxEpochs } error { code message } }`;
const START = `mutation($input: ReproduceBenchmarkInput!) { reproduceBenchmark(input: $input) { ${BENCHMARK_FIELDS} } }`;
const GET = `query($id: ID!) { benchmark(id: $id) { ${BENCHMARK_FIELDS} } }`;

interface BenchmarkResult {
  id: string;
  state: string;
  experiments: string[];
  rows: { model: string; iou: Record<string, number | null> }[];
  best: { experiment: string; model: string | null; iou: number | null }[];
  jobs: { id: string; state: string; experiment: string; progress: { epoch: number; maxEpochs: number }; error: { code: string; message: string } | null }[];
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

/** The paper's table: IoU (test) per experiment and model, in percent. */
function table(result: BenchmarkResult): string {
  const width = Math.max(5, ...result.rows.map((r) => r.model.length));
  const header = ['model'.padEnd(width), ...result.experiments.map((e) => e.padStart(8))].join('  ');
  const rows = result.rows.map((r) =>
    [r.model.padEnd(width), ...result.experiments.map((e) => {
      const iou = r.iou[e];
      return (iou === null || iou === undefined ? '-' : `${(iou * 100).toFixed(1)}%`).padStart(8);
    })].join('  '),
  );
  return [`benchmark ${result.id}: ${result.state}`, header, ...rows].join('\n');
}

/** `microseg benchmark`: reproduces the paper's benchmark as training jobs and prints its table. */
export function registerBenchmarkCommand(program: Command): void {
  program
    .command('benchmark')
    .description('train every experiment x architecture x encoder, select on val, score on test')
    .requiredOption('--dataset <id>', 'dataset id')
    .requiredOption('--experiments <names>', 'comma-separated splits, e.g. Super1,Super2,Super3')
    .option('--archs <names>', 'comma-separated decoders', 'unet')
    .option('--encoders <names>', 'comma-separated encoders', 'resnet18')
    .option('--init <weights>', 'comma-separated initial weights (random, version or imported weights ids)', 'random')
    .option('--max-epochs <n>', 'epoch cap per job', positiveInt)
    .option('--crop <n>', 'training crop size', positiveInt)
    .option('--seed <n>', 'random seed', positiveInt)
    .option('--id <benchmark>', 'show an existing benchmark instead of starting one')
    .option('--follow', 'wait until every job has ended')
    .option('--json', 'print JSON')
    .action(async (options: { dataset: string; experiments: string; archs: string; encoders: string; init: string; maxEpochs?: number; crop?: number; seed?: number; id?: string; follow?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ url?: string; apiKey?: string; json?: boolean }>();
      const client = clientFromOptions(globals);
      let result = options.id
        ? found((await client.request<{ benchmark: BenchmarkResult | null }>(GET, { id: options.id })).benchmark, 'benchmark', options.id)
        : (
            await client.request<{ reproduceBenchmark: BenchmarkResult }>(START, {
              input: {
                datasetId: options.dataset,
                experiments: list(options.experiments),
                architectures: list(options.archs),
                encoders: list(options.encoders),
                initWeights: list(options.init),
                recipe: {
                  ...(options.maxEpochs !== undefined ? { maxEpochs: options.maxEpochs } : {}),
                  ...(options.crop !== undefined ? { crop: options.crop } : {}),
                  ...(options.seed !== undefined ? { seed: options.seed } : {}),
                },
              },
            })
          ).reproduceBenchmark;
      while (options.follow && !FINISHED.has(result.state)) {
        if (process.stderr.isTTY) {
          const done = result.jobs.filter((j) => FINISHED.has(j.state)).length;
          process.stderr.write(`\r${done}/${result.jobs.length} jobs done`);
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        result = found((await client.request<{ benchmark: BenchmarkResult | null }>(GET, { id: result.id })).benchmark, 'benchmark', result.id);
      }
      if (options.follow && process.stderr.isTTY) process.stderr.write('\n');
      printResult(globals, result, table);
    });
}
