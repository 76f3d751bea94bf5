import { type Command, InvalidArgumentError } from 'commander';
import { type GatewayClient, clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const JOB_FIELDS = `id state queuePosition workerKind attempts experiment architecture encoder modelVersionId
  progress { epoch step loss valIou bestValIou learningRate maxEpochs etaSeconds }
  error { code message details }
  modelVersion { id number metrics { val { iou } test { iou } } }`;

const START = `mutation($input: StartTrainingInput!) { startTraining(input: $input) { ${JOB_FIELDS} } }`;
const JOB = `query($id: ID!) { trainingJob(id: $id) { ${JOB_FIELDS} } }`;

export interface FollowedJob {
  id: string;
  state: string;
  queuePosition: number | null;
  workerKind: string | null;
  attempts: number;
  modelVersionId: string | null;
  progress: { epoch: number; step: number; loss: number | null; valIou: number | null; bestValIou: number | null; learningRate: number; maxEpochs: number; etaSeconds: number | null };
  error: { code: string; message: string; details: unknown } | null;
  modelVersion: { id: string; number: number; metrics: { val: { iou: number }; test: { iou: number } | null } } | null;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
};

function progressLine(job: FollowedJob): string {
  const { epoch, maxEpochs, loss, valIou, learningRate, etaSeconds } = job.progress;
  if (job.state === 'queued') return `queued (position ${job.queuePosition ?? '?'})`;
  const width = 24;
  const filled = Math.min(width, Math.round((epoch / Math.max(1, maxEpochs)) * width));
  const eta = etaSeconds === null ? '' : ` eta ${Math.round(etaSeconds)}s`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] epoch ${epoch}/${maxEpochs} loss ${loss?.toFixed(4) ?? '-'} val IoU ${valIou?.toFixed(4) ?? '-'} lr ${learningRate}${eta} (${job.state}, attempt ${job.attempts})`;
}

/** Polls a job until it ends, drawing a progress line on stderr for terminals. */
export async function followJob(client: GatewayClient, id: string, intervalMs = 1_000): Promise<FollowedJob> {
  const tty = process.stderr.isTTY;
  for (;;) {
    const trainingJob = found((await client.request<{ trainingJob: FollowedJob | null }>(JOB, { id })).trainingJob, 'training job', id);
    if (tty) process.stderr.write(`\r${progressLine(trainingJob).padEnd(110)}`);
    if (FINISHED.has(trainingJob.state)) {
      if (tty) process.stderr.write('\n');
      return trainingJob;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The one-line result scripts parse: `{jobId, state, modelVersionId, metrics: {val: {iou}, test: {iou}}}`. */
export function jobSummary(job: FollowedJob) {
  const metrics = job.modelVersion?.metrics;
  return {
    jobId: job.id,
    state: job.state,
    modelVersionId: job.modelVersionId,
    metrics: { val: { iou: metrics?.val.iou ?? null }, test: { iou: metrics?.test?.iou ?? null } },
    ...(job.error ? { error: job.error } : {}),
  };
}

/** `microseg train`: starts a training job, and with --follow waits for it. */
export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('train a segmentation model on a dataset split with the paper’s recipe')
    .requiredOption('--dataset <id>', 'dataset id (its latest version is used)')
    .requiredOption('--experiment <name>', 'the split, e.g. Super3')
    .requiredOption('--arch <name>', 'decoder: unet, unetplusplus, linknet, fpn, pspnet, pan, deeplabv3plus')
    .requiredOption('--encoder <name>', 'encoder, e.g. resnet18')
    .option('--init <weights>', 'random, a model version id, or an imported weights id', 'random')
    .option('--max-epochs <n>', 'epoch cap', positiveInt)
    .option('--crop <n>', 'training crop size (multiple of 32)', positiveInt)
    .option('--batch-size <n>', "training crops per step (default: the paper's 20, shrunk to what a worker holds)", positiveInt)
    .option('--seed <n>', 'random seed', positiveInt)
    .option('--model-name <name>', 'registry model the result becomes a version of')
    .option('--binary', 'one foreground channel (every class but 0)')
    .option('--horizontal-flip-only', 'no vertical flips or rotations (micrographs with a preferred direction)')
    .option('--class-rule <rule>', "threshold (the paper's, default) or argmax: how the version's probabilities become classes")
    .option('--sixteen-bit <conversion>', "16-bit images: full_range (/65535, default) or high_byte (the paper's 8-bit read)")
    .option('--follow', 'wait for the job and show its progress')
    .option('--json', 'print JSON')
    .action(async (options: { dataset: string; experiment: string; arch: string; encoder: string; init: string; maxEpochs?: number; crop?: number; batchSize?: number; seed?: number; modelName?: string; binary?: boolean; horizontalFlipOnly?: boolean; classRule?: string; sixteenBit?: string; follow?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const recipe = {
        ...(options.maxEpochs !== undefined ? { maxEpochs: options.maxEpochs } : {}),
        ...(options.crop !== undefined ? { crop: options.crop } : {}),
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.horizontalFlipOnly ? { horizontalFlipOnly: true } : {}),
      };
      const { startTraining } = await client.request<{ startTraining: FollowedJob }>(START, {
        input: {
          datasetId: options.dataset,
          experiment: options.experiment,
          architecture: options.arch,
          encoder: options.encoder,
          init: options.init,
          binary: options.binary ?? false,
          recipe,
          // The API refuses a value outside its ClassRule / SixteenBitInput enums with the allowed ones.
          ...(options.classRule ? { classRule: options.classRule } : {}),
          ...(options.sixteenBit ? { sixteenBitInput: options.sixteenBit } : {}),
          ...(options.modelName ? { modelName: options.modelName } : {}),
        },
      });
      const job = options.follow ? await followJob(client, startTraining.id) : startTraining;
      printResult(globals, jobSummary(job), (s) =>
        [
          `job ${s.jobId}: ${s.state}${job.state === 'queued' ? ` (queue position ${job.queuePosition ?? '?'})` : ''}`,
          ...(s.modelVersionId ? [`model version ${s.modelVersionId}: val IoU ${s.metrics.val.iou?.toFixed(4)}, test IoU ${s.metrics.test.iou?.toFixed(4) ?? '-'}`] : []),
          ...(job.error ? [`error ${job.error.code}: ${job.error.message}`] : []),
        ].join('\n'),
      );
      if (options.follow && job.state !== 'succeeded') process.exitCode = 1;
    });
}
