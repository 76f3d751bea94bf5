import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type StateDict, writeSafetensors } from '@microseg/torch-checkpoint';
import { createClient } from 'graphql-ws/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type TestPlatform, startTestPlatform, expectCode } from '../harness/index.ts';
import { microsegJson } from '../datasets/cli.ts';
import { putToUrl, sha256 } from '../datasets/images.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');
const TINY = join(import.meta.dirname, 'fixtures', 'tiny-super');
const CHECKPOINTS = join(import.meta.dirname, '..', '..', 'libs', 'torch-checkpoint', 'src', '__fixtures__');
/** 2 epochs of UNet-ResNet18 on two 64x64 crops: seconds per epoch on wasm. */
const TRAIN_ARGS = ['--experiment', 'Tiny', '--arch', 'unet', '--encoder', 'resnet18', '--max-epochs', '2', '--crop', '64', '--seed', '7'];

/** A torchvision ResNet-18 state_dict (the encoder part SMP uses) with small deterministic values. */
function resnet18Encoder(): StateDict {
  const dict: StateDict = new Map();
  let seed = 1;
  const values = (n: number, fill?: number) =>
    Float32Array.from({ length: n }, () => fill ?? ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.05);
  const conv = (key: string, shape: number[]) => dict.set(key, { dtype: 'float32', shape, data: values(shape.reduce((a, b) => a * b, 1)) });
  const bn = (key: string, channels: number) => {
    for (const [name, fill] of [['weight', 1], ['bias', 0], ['running_mean', 0], ['running_var', 1]] as const) {
      dict.set(`${key}.${name}`, { dtype: 'float32', shape: [channels], data: values(channels, fill) });
    }
  };
  conv('conv1.weight', [64, 3, 7, 7]);
  bn('bn1', 64);
  let inputs = 64;
  [64, 128, 256, 512].forEach((channels, stage) => {
    for (const block of [0, 1]) {
      const prefix = `layer${stage + 1}.${block}`;
      conv(`${prefix}.conv1.weight`, [channels, block === 0 ? inputs : channels, 3, 3]);
      bn(`${prefix}.bn1`, channels);
      conv(`${prefix}.conv2.weight`, [channels, channels, 3, 3]);
      bn(`${prefix}.bn2`, channels);
      if (block === 0 && stage > 0) {
        conv(`${prefix}.downsample.0.weight`, [channels, inputs, 1, 1]);
        bn(`${prefix}.downsample.1`, channels);
      }
    }
    inputs = channels;
  });
  return dict;
}

/** Training tests run real epochs: generous on a loaded 2-core machine. */
const TRAINING_TIMEOUT_MS = 420_000;

type Group = Awaited<ReturnType<TestPlatform['newGroup']>>;

interface JobView {
  id: string;
  state: string;
  attempts: number;
  workerId: string | null;
  workerKind: string | null;
  queuePosition: number | null;
  checkpointEpoch: number | null;
  progress: { epoch: number; valIou: number | null; learningRate: number; etaSeconds: number | null };
  epochs: { epoch: number; valIou: number; improved: boolean }[];
  error: { code: string; message: string; details: Record<string, unknown> } | null;
}

const JOB = `query($id: ID!) { trainingJob(id: $id) { id state attempts workerId workerKind queuePosition checkpointEpoch
  progress { epoch valIou learningRate etaSeconds } epochs { epoch valIou improved } error { code message details } } }`;

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('training service and model registry (CLI -> gateway -> training service -> worker on wasm)', () => {
  let platform: TestPlatform;
  let lab: Group;
  let partner: Group;
  let outsider: Group;
  let datasetId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'training'], {
      MICROSEG_TF_BACKEND: 'wasm',
      // A SIGKILLed worker's job is redelivered after this long without a heartbeat.
      TRAINING_WORKER_ENV: JSON.stringify({ TRAINING_ACK_WAIT_MS: '3000', LOG_LEVEL: 'info' }),
    });
    [lab, partner, outsider] = [await platform.newGroup(), await platform.newGroup(), await platform.newGroup()];
    const imported = await microsegJson<{ datasets: { id: string }[] }>(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', TINY, '--name', 'Tiny superalloy']);
    datasetId = imported.datasets[0]!.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const job = async (client: Group['client'], id: string) => (await client.request<{ trainingJob: JobView }>(JOB, { id })).trainingJob;

  let firstRun: { jobId: string; state: string; modelVersionId: string; metrics: { val: { iou: number }; test: { iou: number } } };

  it('trains from the CLI, resumes after its worker is SIGKILLed mid-run, and streams progress', async () => {
    const cli = run(process.execPath, [CLI, '--url', platform.graphqlUrl, '--api-key', lab.apiKey, 'train', '--dataset', datasetId, ...TRAIN_ARGS, '--follow', '--json']);
    const jobId = await waitFor(async () => {
      const { trainingJobs } = await lab.client.request<{ trainingJobs: { nodes: { id: string }[] } }>('{ trainingJobs { nodes { id } } }');
      return trainingJobs.nodes[0]?.id;
    }, 30_000, 'the job');

    const updates: { state: string; epoch: number }[] = [];
    const ws = createClient({ url: platform.graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${lab.apiKey}` } });
    const streamed = new Promise<void>((resolve, reject) => {
      ws.subscribe<{ trainingJobProgress: { state: string; progress: { epoch: number } } }>(
        { query: 'subscription($id: ID!) { trainingJobProgress(jobId: $id) { state progress { epoch } } }', variables: { id: jobId } },
        {
          next: ({ data }) => data && updates.push({ state: data.trainingJobProgress.state, epoch: data.trainingJobProgress.progress.epoch }),
          error: reject,
          complete: resolve,
        },
      );
    });

    const running = await waitFor(async () => {
      const view = await job(lab.client, jobId);
      return view.state === 'running' && view.progress.epoch === 1 ? view : undefined;
    }, 240_000, 'the first epoch');
    expect(running.workerKind).toBe('cpu');
    const pid = Number(running.workerId?.split(':').pop());
    process.kill(pid, 'SIGKILL');

    const { stdout } = await cli;
    firstRun = JSON.parse(stdout) as typeof firstRun;
    expect(firstRun).toMatchObject({ jobId, state: 'succeeded', modelVersionId: expect.any(String) as string });
    expect(firstRun.metrics.val.iou).toBeGreaterThan(0);
    expect(firstRun.metrics.test.iou).toBeGreaterThan(0);

    const done = await job(lab.client, jobId);
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.workerId).not.toBe(running.workerId);
    expect(done.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(done.progress.etaSeconds).toBe(0);

    await streamed;
    await ws.dispose();
    expect(updates.at(-1)?.state).toBe('SUCCEEDED');
    expect(updates.some((u) => u.state === 'RUNNING' && u.epoch >= 1)).toBe(true);
   }, TRAINING_TIMEOUT_MS);

  let secondVersionId: string;

  it('ends a resumed run exactly where an uninterrupted run with the same seed ends', async () => {
    const again = await microsegJson<typeof firstRun>(platform.graphqlUrl, lab.apiKey, ['train', '--dataset', datasetId, ...TRAIN_ARGS, '--follow']);
    expect(again.state).toBe('succeeded');
    secondVersionId = again.modelVersionId;
    expect(again.metrics).toEqual(firstRun.metrics);
    const { compareModelVersions } = await lab.client.request<{ compareModelVersions: { number: number; metrics: unknown; config: { bestEpoch: number } }[] }>(
      'query($ids: [ID!]!) { compareModelVersions(ids: $ids) { number metrics { val { iou perClass { name iou } } test { iou perClass { name iou } } } config } }',
      { ids: [firstRun.modelVersionId, secondVersionId] },
    );
    expect(compareModelVersions.map((v) => v.number)).toEqual([1, 2]);
    expect(compareModelVersions[0]?.metrics).toEqual(compareModelVersions[1]?.metrics);
    expect(compareModelVersions[0]?.config.bestEpoch).toBe(compareModelVersions[1]?.config.bestEpoch);
   }, TRAINING_TIMEOUT_MS);

  it('registers the version with its metrics, data, run and lineage', async () => {
    const shown = await microsegJson<{
      modelName: string; number: number; architecture: string; encoder: string; seed: number; workerKind: string; codeVersion: string;
      metrics: { val: { perClass: { name: string }[] } }; dataset: { datasetId: string; experiment: string; contentHash: string };
      parent: { kind: string }; artifact: { bucket: string; prefix: string }; lineage: { job: { id: string; attempts: number }; ancestors: unknown[]; descendants: unknown[] };
    }>(platform.graphqlUrl, lab.apiKey, ['models', 'show', firstRun.modelVersionId]);
    expect(shown).toMatchObject({
      modelName: 'unet-resnet18-Tiny', number: 1, architecture: 'unet', encoder: 'resnet18', seed: 7, workerKind: 'cpu',
      dataset: { datasetId, experiment: 'Tiny' }, parent: { kind: 'random' },
    });
    expect(shown.metrics.val.perClass.map((c) => c.name)).toEqual(['matrix', 'secondary', 'tertiary']);
    expect(shown.artifact.prefix).toContain(firstRun.jobId);
    expect(shown.lineage.job).toMatchObject({ id: firstRun.jobId });
    expect(shown.lineage.ancestors).toEqual([]);
    const { modelVersions } = await lab.client.request<{ modelVersions: { nodes: { id: string }[] } }>(
      'query($v: ID) { modelVersions(filter: { datasetVersionId: $v, material: "super" }) { nodes { id } } }',
      { v: (await lab.client.request<{ modelVersion: { dataset: { versionId: string } } }>('query($id: ID!) { modelVersion(id: $id) { dataset { versionId } } }', { id: firstRun.modelVersionId })).modelVersion.dataset.versionId },
    );
    expect(modelVersions.nodes.map((n) => n.id).sort()).toEqual([firstRun.modelVersionId, secondVersionId].sort());
    // Calibrated at registration on the one validation image: its score times the rule's margin.
    const { modelVersion: { outOfDistribution: ood } } = await lab.client.request<{
      modelVersion: { outOfDistribution: { method: string; threshold: number; rule: { quantile: number; margin: number }; validationScores: number[]; trainingImages: number } };
    }>('query($id: ID!) { modelVersion(id: $id) { outOfDistribution { method threshold rule { quantile margin } validationScores trainingImages } } }', { id: firstRun.modelVersionId });
    expect(ood).toMatchObject({ method: 'encoder-feature-distance', rule: { quantile: 0.99, margin: 1.15 }, trainingImages: 2 });
    expect(ood.validationScores).toHaveLength(1);
    expect(ood.threshold).toBeCloseTo(ood.validationScores[0]! * 1.15, 6);
    // The intervals' calibration, on the same validation image: its 5 fields (image, quadrants) are
    // too few for 95 % (split conformal needs 19), so no quantity gets a factor it cannot back.
    const { modelVersion: { intervalCalibration } } = await lab.client.request<{
      modelVersion: { intervalCalibration: { coverage: number; images: number; classes: { class: number; scales: { quantity: string }[] }[]; thickness: unknown } };
    }>(
      'query($id: ID!) { modelVersion(id: $id) { intervalCalibration { coverage images classes { class scales { quantity } } thickness { classes radius minArea scales { quantity } } } } }',
      { id: firstRun.modelVersionId },
    );
    expect(intervalCalibration).toEqual({ coverage: 0.95, images: 1, classes: [{ class: 1, scales: [] }, { class: 2, scales: [] }], thickness: null });
  });

  it('shares a version with one group: it sees the version, a third group gets NOT_FOUND', async () => {
    await microsegJson(platform.graphqlUrl, lab.apiKey, ['models', 'share', firstRun.modelVersionId, '--group', partner.groupId]);
    const seen = await microsegJson<{ id: string }[]>(platform.graphqlUrl, partner.apiKey, ['models', 'list']);
    expect(seen.map((v) => v.id)).toEqual([firstRun.modelVersionId]);
    const { lineage } = await partner.client.request<{ lineage: { version: { id: string }; job: unknown } }>(
      'query($id: ID!) { lineage(versionId: $id) { version { id } job { id } } }',
      { id: firstRun.modelVersionId },
    );
    expect(lineage).toEqual({ version: { id: firstRun.modelVersionId }, job: null });
    expect(await microsegJson<unknown[]>(platform.graphqlUrl, outsider.apiKey, ['models', 'list'])).toEqual([]);
    // Another group's private version and job answer null, exactly as an id that does not exist.
    expect(await outsider.client.request('query($id: ID!) { modelVersion(id: $id) { id } }', { id: firstRun.modelVersionId })).toEqual({ modelVersion: null });
    expect(await outsider.client.request('query($id: ID!) { lineage(versionId: $id) { version { id } } }', { id: firstRun.modelVersionId })).toEqual({ lineage: null });
    expect(await outsider.client.request('query($id: ID!) { trainingJob(id: $id) { id } }', { id: firstRun.jobId })).toEqual({ trainingJob: null });
    await expectCode(
      partner.client.request('mutation($id: ID!) { shareModelVersion(id: $id, visibility: { level: PUBLIC }) { id } }', { id: firstRun.modelVersionId }),
      'FORBIDDEN',
    );
  });

  it('moves aliases atomically: two moves at once are both recorded, a lost compare-and-set is refused', async () => {
    const moved = await microsegJson<{ toVersionId: string }>(platform.graphqlUrl, lab.apiKey, ['models', 'alias', 'set', 'unet-resnet18-Tiny', 'production', firstRun.modelVersionId]);
    expect(moved.toVersionId).toBe(firstRun.modelVersionId);
    const { model } = await lab.client.request<{ model: { id: string } }>('{ model(id: "unet-resnet18-Tiny") { id } }');
    const move = (versionId: string, expected?: string) =>
      lab.client.request<{ setModelAlias: { fromVersionId: string | null; toVersionId: string } }>(
        'mutation($input: SetModelAliasInput!) { setModelAlias(input: $input) { fromVersionId toVersionId } }',
        { input: { modelId: model.id, alias: 'candidate', versionId, ...(expected ? { expectedVersionId: expected } : {}) } },
      );
    await Promise.all([move(firstRun.modelVersionId), move(secondVersionId)]);
    const history = async (alias: string) =>
      (await lab.client.request<{ model: { aliasHistory: { nodes: { fromVersionId: string | null; toVersionId: string; outcome: string }[] } } }>(
        'query($id: ID!, $alias: String) { model(id: $id) { aliasHistory(alias: $alias) { nodes { fromVersionId toVersionId outcome } } } }',
        { id: model.id, alias },
      )).model.aliasHistory.nodes;
    const both = await history('candidate');
    expect(both).toHaveLength(2);
    expect(both[0]?.fromVersionId).toBeNull();
    expect(both[1]?.fromVersionId).toBe(both[0]?.toVersionId);

    const results = await Promise.allSettled([move(secondVersionId, firstRun.modelVersionId), move(secondVersionId, firstRun.modelVersionId)].map((p) => p));
    const current = both[1]!.toVersionId;
    if (current === firstRun.modelVersionId) {
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    } else {
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
    }
    const all = await history('candidate');
    expect(all).toHaveLength(4);
    expect(all.filter((m) => m.outcome === 'rejected').length).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad training input with typed errors', async () => {
    const start = (input: Record<string, unknown>) =>
      lab.client.request('mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }', {
        input: { datasetId, experiment: 'Tiny', architecture: 'unet', encoder: 'resnet18', ...input },
      });
    await expectCode(start({ datasetId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    await expectCode(outsider.client.request('mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }', {
      input: { datasetId, experiment: 'Tiny', architecture: 'unet', encoder: 'resnet18' },
    }), 'NOT_FOUND');
    expect((await expectCode(start({ experiment: 'Super9' }), 'INVALID_INPUT')).details).toMatchObject({ reason: 'unknown-split', known: ['NoVal', 'Tiny'] });
    expect((await expectCode(start({ experiment: 'NoVal' }), 'INVALID_INPUT')).details).toMatchObject({ reason: 'no-validation' });
    expect((await expectCode(start({ classes: ['matrix', 'gamma prime'] }), 'INVALID_INPUT')).details).toMatchObject({
      reason: 'classes-mismatch', datasetClasses: ['matrix', 'secondary', 'tertiary'],
    });
    expect((await expectCode(start({ architecture: 'segformer' }), 'INVALID_INPUT')).details).toMatchObject({ architecture: 'segformer' });
    expect((await expectCode(start({ encoder: 'resnet34', init: firstRun.modelVersionId }), 'INVALID_INPUT')).details).toMatchObject({
      reason: 'incompatible-initial-weights', expectedEncoder: 'resnet34', weightsEncoder: 'resnet18',
    });
    await expectCode(start({ init: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
  });

  it('reproduces the benchmark as training jobs whose table fills as they end', async () => {
    const benchmark = await microsegJson<{ id: string; state: string; experiments: string[]; rows: { model: string; iou: Record<string, number | null> }[]; jobs: { id: string }[] }>(
      platform.graphqlUrl, lab.apiKey, ['benchmark', '--dataset', datasetId, '--experiments', 'Tiny', '--archs', 'unet', '--encoders', 'resnet18', '--max-epochs', '1', '--crop', '64'],
    );
    expect(benchmark).toMatchObject({ experiments: ['Tiny'], rows: [{ model: 'UNet / resnet18 (random)', iou: { Tiny: null } }] });
    expect(benchmark.jobs).toHaveLength(1);
    for (const { id } of benchmark.jobs) await lab.client.request('mutation($id: ID!) { cancelTrainingJob(id: $id) { state } }', { id });
    const shown = await microsegJson<{ id: string }>(platform.graphqlUrl, lab.apiKey, ['benchmark', '--dataset', datasetId, '--experiments', 'Tiny', '--id', benchmark.id]);
    expect(shown.id).toBe(benchmark.id);
  });

  it('cancels a queued job and puts it back with retry', async () => {
    const { startTraining } = await lab.client.request<{ startTraining: { id: string; state: string; queuePosition: number | null; recipe: { batchSize: number } } }>(
      'mutation($input: StartTrainingInput!) { startTraining(input: $input) { id state queuePosition recipe { batchSize } } }',
      { input: { datasetId, experiment: 'Tiny', architecture: 'unet', encoder: 'resnet18', recipe: { maxEpochs: 1000, crop: 64 } } },
    );
    expect(startTraining.state).toBe('queued');
    // The paper's batch of 20, capped by the two training images: the recipe records what runs.
    expect(startTraining.recipe.batchSize).toBe(2);
    expect(startTraining.queuePosition).toBe(1);
    const cancel = () => lab.client.request<{ cancelTrainingJob: { state: string } }>('mutation($id: ID!) { cancelTrainingJob(id: $id) { state } }', { id: startTraining.id });
    await cancel();
    const cancelled = await waitFor(async () => {
      const view = await job(lab.client, startTraining.id);
      return view.state === 'cancelled' ? view : undefined;
    }, 60_000, 'the cancellation');
    expect(cancelled.state).toBe('cancelled');
    const { retryTrainingJob } = await lab.client.request<{ retryTrainingJob: { state: string } }>('mutation($id: ID!) { retryTrainingJob(id: $id) { state } }', { id: startTraining.id });
    expect(retryTrainingJob.state).toBe('queued');
    await cancel();
    await waitFor(async () => ((await job(lab.client, startTraining.id)).state === 'cancelled' ? true : undefined), 60_000, 'the second cancellation');
  });

  it('imports encoder weights through a presigned upload, refuses unsafe or misfit checkpoints, and trains from the import', async () => {
    const upload = async (file: string, encoder: string, bytes: Uint8Array | Buffer) => {
      const { createWeightsUpload } = await lab.client.request<{ createWeightsUpload: { uploadId: string; url: string } }>(
        'mutation($input: CreateWeightsUploadInput!) { createWeightsUpload(input: $input) { uploadId url } }',
        { input: { fileName: file, sizeBytes: bytes.byteLength, sha256: sha256(bytes) } },
      );
      expect((await putToUrl(createWeightsUpload.url, bytes)).ok).toBe(true);
      return lab.client.request('mutation($input: ImportWeightsInput!) { importWeights(input: $input) { id } }', {
        input: { uploadId: createWeightsUpload.uploadId, encoder },
      });
    };
    await expectCode(upload('malicious-os-system.pth', 'resnet18', await readFile(join(CHECKPOINTS, 'malicious-os-system.pth'))), 'INVALID_INPUT');
    const misfit = await expectCode(upload('training-checkpoint.pth.tar', 'resnet18', await readFile(join(CHECKPOINTS, 'training-checkpoint.pth.tar'))), 'INVALID_INPUT');
    expect(misfit.details).toMatchObject({ encoder: 'resnet18', unexpected: expect.arrayContaining(['0.weight']) as string[] });
    await expectCode(
      lab.client.request('mutation { createWeightsUpload(input: { fileName: "notes.txt", sizeBytes: 3, sha256: "0000000000000000000000000000000000000000000000000000000000000000" }) { uploadId } }'),
      'INVALID_INPUT',
    );
    const { importedWeights } = await lab.client.request<{ importedWeights: { nodes: unknown[] } }>('{ importedWeights { nodes { id } } }');
    expect(importedWeights.nodes).toEqual([]);

    const { importWeights } = (await upload('resnet18-encoder.safetensors', 'resnet18', writeSafetensors(resnet18Encoder()))) as {
      importWeights: { id: string };
    };
    const { importedWeights: listed } = await lab.client.request<{ importedWeights: { nodes: { id: string; scope: string; encoder: string }[] } }>(
      '{ importedWeights(encoder: "resnet18") { nodes { id scope encoder } } }',
    );
    expect(listed.nodes).toEqual([{ id: importWeights.id, scope: 'encoder', encoder: 'resnet18' }]);

    const trained = await microsegJson<{ state: string; modelVersionId: string }>(platform.graphqlUrl, lab.apiKey, [
      'train', '--dataset', datasetId, '--experiment', 'Tiny', '--arch', 'unet', '--encoder', 'resnet18', '--init', importWeights.id,
      '--max-epochs', '1', '--crop', '64', '--follow',
    ]);
    expect(trained.state).toBe('succeeded');
    const { lineage } = await lab.client.request<{ lineage: { version: { parent: { kind: string; id: string } }; ancestors: { imported: { id: string } | null }[] } }>(
      'query($id: ID!) { lineage(versionId: $id) { version { parent { kind id } } ancestors { imported { id } } } }',
      { id: trained.modelVersionId },
    );
    expect(lineage.version.parent).toEqual({ kind: 'weights', id: importWeights.id });
    expect(lineage.ancestors).toEqual([{ imported: { id: importWeights.id } }]);
  }, TRAINING_TIMEOUT_MS);
});
