import { INFERENCE_JOBS_STREAM } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gray16Png, grayPng, putToUrl, sha256 } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually, imageMeasurements } from '../metrology/metrology-platform.ts';
import { CLASSES, type TinyModelDataset, setUpTinyModelDataset } from './registry-stand-in.ts';

interface SegmentationView {
  status: string;
  modelVersionId: string;
  error: { code: string; message: string; details: Record<string, unknown> } | null;
}

/**
 * The bad input for the pipeline: a model that does not fit the dataset is refused with the
 * mismatch, an image the model cannot take is a failed step with its reason while the pipeline goes
 * on, and an object-store outage delays a job without losing it.
 */
describe('pipeline bad input: misfit models, images a model cannot take, an S3 outage', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let nc: NatsConnection;
  let setup: TinyModelDataset;
  let registry: TinyModelDataset['registry'];
  let datasetId: string;
  let versionId: string;
  let policyId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], { MICROSEG_TF_BACKEND: 'wasm', INFERENCE_ACK_WAIT_MS: '5000' });
    lab = await platform.newGroup();
    // This model takes 8-bit images only.
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Bad input superalloy', bitDepths: [8] });
    ({ nc, registry, versionId, datasetId } = setup);
  }, 120_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
  });

  const createPolicy = (alias: string) =>
    lab.client.request<{ createPolicy: { id: string } }>('mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }', {
      input: { datasetId, model: 'tiny-unet', alias },
    });

  const upload = async (png: Buffer, name: string) => {
    const { createImageUpload } = await lab.client.request<{ createImageUpload: { uploadId: string; url: string } }>(
      'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
      { input: { datasetId, fileName: `${name}.png`, sizeBytes: png.byteLength, sha256: sha256(png) } },
    );
    expect((await putToUrl(createImageUpload.url, png)).status).toBe(200);
    const { completeImageUpload } = await lab.client.request<{ completeImageUpload: { image: { id: string } } }>(
      'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }',
      { input: { uploadId: createImageUpload.uploadId, name } },
    );
    return completeImageUpload.image.id;
  };

  const segmentation = (imageId: string) =>
    eventually(async () => {
      const { image } = await lab.client.request<{ image: { segmentations: { nodes: SegmentationView[] } } }>(
        'query($id: ID!) { image(id: $id) { segmentations { nodes { status modelVersionId error { code message details } } } } }',
        { id: imageId },
      );
      return image.segmentations.nodes[0];
    }, `the segmentation of ${imageId}`, 90_000);

  const measured = (imageId: string) =>
    eventually(async () => {
      const sets = await imageMeasurements(lab.client, imageId, { source: 'model', modelVersionId: versionId });
      return sets.some((s) => s.status === 'succeeded') ? sets : undefined;
    }, `the measurement of ${imageId}`, 90_000);

  it('refuses a policy whose model classes differ from the dataset, naming the mismatch', async () => {
    const twoClasses = registry.addVersion(2, undefined, { classes: [CLASSES[0]!, { index: 1, name: 'precipitate', color: '#ffffff' }] });
    registry.setAlias('two-class', twoClasses.id);
    const error = await createPolicy('two-class').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).code).toBe('INVALID_INPUT');
    expect((error as MicroSegError).message).toMatch(/class/i);
    expect((error as MicroSegError).details).toMatchObject({ problem: 'class-mismatch', modelClasses: [0, 1], datasetClasses: [0, 1, 2], missing: [2], extra: [] });
    const { policies } = await lab.client.request<{ policies: { nodes: unknown[] } }>('query($id: ID!) { policies(datasetId: $id) { nodes { id } } }', { id: datasetId });
    expect(policies.nodes).toEqual([]);
  });

  it('records a 16-bit image the 8-bit model cannot take as a failed step with the reason; the next upload goes through', async () => {
    policyId = (await createPolicy('production')).createPolicy.id;
    const sixteenBit = await upload(await gray16Png(64, 48, 3).png, 'sixteen-bit');
    const failed = await segmentation(sixteenBit);
    expect(failed).toMatchObject({ status: 'failed', modelVersionId: versionId, error: { code: 'INVALID_INPUT', details: { problem: 'bit-depth', bitDepth: 16 } } });
    expect(failed.error!.message).toMatch(/8-bit/);

    const eightBit = await upload(await grayPng(64, 48, 4), 'eight-bit');
    expect(await segmentation(eightBit)).toMatchObject({ status: 'succeeded', error: null });
    await measured(eightBit);
  }, 180_000);

  it('rides out an object-store outage: the segmentation job is retried and nothing is lost', async () => {
    // Paused, the upload waits; the batch run then meets S3 down and has to retry.
    await lab.client.request('mutation($id: ID!) { pausePolicy(id: $id) { id } }', { id: policyId });
    const imageId = await upload(await grayPng(72, 56, 5), 'during-outage');
    const jsm = await nc.jetstreamManager();
    const deliveriesBefore = (await jsm.consumers.info(INFERENCE_JOBS_STREAM.name, INFERENCE_JOBS_STREAM.consumer)).delivered.consumer_seq;
    const outage = platform.infrastructure.s3Outage(8_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await lab.client.request('mutation($id: ID!) { runPolicy(id: $id) { id } }', { id: policyId });
    await outage;

    expect(await segmentation(imageId)).toMatchObject({ status: 'succeeded', error: null });
    await measured(imageId);
    const jobs = await jsm.consumers.info(INFERENCE_JOBS_STREAM.name, INFERENCE_JOBS_STREAM.consumer);
    // The batch re-ran the two earlier images from the table (no work) and this one, at least twice.
    expect(jobs.delivered.consumer_seq - deliveriesBefore).toBeGreaterThan(3);
    expect(jobs.num_pending + jobs.num_ack_pending).toBe(0);
  }, 180_000);
});
