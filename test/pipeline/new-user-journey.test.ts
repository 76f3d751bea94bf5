import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';

/**
 * The "done when", end to end and with nothing standing in: the training service trains
 * the versions the policy follows. A new group imports the benchmark's superalloy images, trains
 * UNet-ResNet18 (one short epoch: the network is real, its accuracy is not the point), sets a
 * policy, uploads a new micrograph with the CLI and reads its segmentation and measurements by
 * LIMS id with provenance; a second version moved onto the alias re-measures and reports drift.
 */
const BENCHMARK = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark');
const TRAIN = ['--experiment', 'Super3', '--arch', 'unet', '--encoder', 'resnet18', '--max-epochs', '1', '--crop', '64', '--model-name', 'superalloy-unet', '--follow'];

interface Results {
  image: { id: string; limsId: string };
  segmentations: { modelVersionId: string; maskUrl: string }[];
  measurements: { modelVersionId: string; kind: string; values: unknown }[];
}

describe('a new user: policy on the imported benchmark, upload, results by LIMS id, alias move and drift', () => {
  let platform: TestPlatform;
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'training', 'inference', 'metrology'], {
      MICROSEG_TF_BACKEND: 'wasm',
      TRAINING_LOCAL_WORKERS: '1',
      // Both cores for the tiles: the alias move re-segments all 19 images of the dataset.
      INFERENCE_TILE_WORKERS: '2',
    });
    scratch = await mkdtemp(join(tmpdir(), 'microseg-journey-'));
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('goes from an empty group to measurements with provenance and a drift report', async () => {
    const lab = await platform.newGroup();
    let phaseStarted = Date.now();
    const phase = (name: string) => {
      console.log(`${name}: ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`);
      phaseStarted = Date.now();
    };
    const cli = <T>(...args: string[]) => microsegJson<T>(platform.graphqlUrl, lab.apiKey, args);

    const imported = await cli<{ datasets: { id: string; images: number }[] }>('dataset', 'import', BENCHMARK, '--name', 'benchmark', '--material', 'super');
    const [dataset] = imported.datasets;
    expect(dataset!.images).toBe(18);
    const datasetId = dataset!.id;
    phase('benchmark import (18 superalloy images and masks)');

    const first = await cli<{ state: string; modelVersionId: string }>('train', '--dataset', datasetId, ...TRAIN, '--seed', '1');
    expect(first.state).toBe('succeeded');
    phase('first training (1 epoch, Super3)');
    await cli('models', 'alias', 'set', 'superalloy-unet', 'production', first.modelVersionId);
    const policy = await cli<{ id: string; modelVersionId: string }>('policy', 'create', '--dataset', datasetId, '--model', 'superalloy-unet', '--alias', 'production');
    expect(policy.modelVersionId).toBe(first.modelVersionId);

    // A new micrograph: a benchmark test image mirrored, so its bytes are new to the dataset.
    const file = join(scratch, 'new-superalloy.png');
    await sharp(join(BENCHMARK, 'images', 'super', 'spot2_0d_0.png')).flop().png().toFile(file);
    const limsId = 'LIMS-NI-0001';
    const uploadedAt = Date.now();
    const uploaded = await cli<{ image: { id: string } }>('image', 'upload', file, '--dataset', datasetId, '--lims-id', limsId);
    const results = await eventually(async () => {
      const printed = await cli<Results>('results', '--lims-id', limsId);
      return printed.measurements.length > 0 ? printed : undefined;
    }, 'the results of the new upload', 300_000);
    console.log(`new upload -> results by LIMS id in ${((Date.now() - uploadedAt) / 1000).toFixed(1)} s (wasm, UNet-ResNet18, 512x512, CLI polling)`);
    expect(results.image).toEqual({ id: uploaded.image.id, limsId });
    expect(results.segmentations).toEqual([expect.objectContaining({ modelVersionId: first.modelVersionId, maskUrl: expect.stringMatching(/^http/) as string })]);
    expect(results.measurements.every((m) => m.modelVersionId === first.modelVersionId)).toBe(true);
    expect(results.measurements.map((m) => m.kind)).toContain('particles');

    const { imageByLimsId } = await lab.client.request<{ imageByLimsId: { measurements: { nodes: { provenance: Record<string, unknown> }[] } } }>(
      `query($limsId: ID!) { imageByLimsId(limsId: $limsId) { measurements(source: MODEL) { nodes { provenance {
        imageId limsId maskId source codeVersion measuredAt parameters
        modelVersion { id modelName number trainingData { datasetId experiment contentHash } }
        segmentation { id backend }
      } } } } }`,
      { limsId },
    );
    expect(imageByLimsId.measurements.nodes[0]!.provenance).toMatchObject({
      imageId: uploaded.image.id,
      limsId,
      source: 'model',
      modelVersion: { id: first.modelVersionId, modelName: 'superalloy-unet', number: 1, trainingData: { datasetId, experiment: 'Super3' } },
      segmentation: { backend: 'onnxruntime-cpu' },
    });

    // A better model comes along: moving the alias re-segments and re-measures in the background.
    const second = await cli<{ state: string; modelVersionId: string }>('train', '--dataset', datasetId, ...TRAIN, '--seed', '2');
    expect(second.state).toBe('succeeded');
    phase('second training');
    await cli('models', 'alias', 'set', 'superalloy-unet', 'production', second.modelVersionId);
    const moved = await eventually(async () => {
      const printed = await cli<Results>('results', '--lims-id', limsId);
      return printed.measurements.some((m) => m.modelVersionId === second.modelVersionId) ? printed : undefined;
    }, 'the re-measurement after the alias move', 600_000);
    phase('alias move -> the upload re-segmented and re-measured (19 images queued)');
    // Old results are kept beside the new ones.
    expect(moved.segmentations.map((s) => s.modelVersionId).sort()).toEqual([first.modelVersionId, second.modelVersionId].sort());

    const { driftReport } = await lab.client.request<{ driftReport: { images: { imageId: string; classes: { class: number; count: { old: number; new: number; delta: number } }[] }[] } }>(
      `query($datasetId: ID!, $from: ID!, $to: ID!) { driftReport(datasetId: $datasetId, fromVersionId: $from, toVersionId: $to) {
        images { imageId classes { class count { old new delta } } } } }`,
      { datasetId, from: first.modelVersionId, to: second.modelVersionId },
    );
    const drift = driftReport.images.find((i) => i.imageId === uploaded.image.id);
    expect(drift?.classes.length).toBeGreaterThan(0);
    for (const c of drift!.classes) expect(c.count.delta).toBe(c.count.new - c.count.old);
  }, 1_500_000);
});
