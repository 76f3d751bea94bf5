import { findFreePort } from '@microseg/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grayPng, putToUrl, sha256 } from '../datasets/images.ts';
import { type TestPlatform, expectCode, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from '../pipeline/registry-stand-in.ts';
import { automateWithWebhook, startLoopbackLims } from './loopback-lims.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A service's /metrics in the Prometheus text format, one sample a line. */
async function scrape(port: number): Promise<Sample[]> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  const samples: Sample[] = [];
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/i.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The one sample of `name` with these labels (others may be present); 0 when the series does not exist. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)}: ${JSON.stringify(found)}`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

const CREATE_UPLOAD = 'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }';
const COMPLETE_UPLOAD = 'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }';

describe('/metrics of the real services after uploads and their segmentation', () => {
  const ports = { dataset: 0, inference: 0 };
  let lims: Awaited<ReturnType<typeof startLoopbackLims>>;
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let setup: TinyModelDataset;

  beforeAll(async () => {
    ports.dataset = await findFreePort();
    ports.inference = await findFreePort();
    lims = await startLoopbackLims();
    platform = await startTestPlatform(
      ['identity', 'dataset', 'metrology', 'inference'],
      { MICROSEG_TF_BACKEND: 'wasm', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', DATASET_MAX_UPLOAD_BYTES: String(8 * 1024 * 1024) },
      { serviceEnv: { dataset: { HTTP_PORT: String(ports.dataset) }, inference: { HTTP_PORT: String(ports.inference) } } },
    );
    lab = await platform.newGroup();
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Metered superalloy' });
  }, 120_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
    await lims?.close();
  });

  it('count upload sizes and refusals by reason, time inference per tile and image, and show the model cache and webhook outcomes', async () => {
    await automateWithWebhook(platform, lab, setup, lims.url);
    const upload = async (fileName: string, bytes: Buffer) => {
      const { createImageUpload: ticket } = await lab.client.request<{ createImageUpload: { uploadId: string; url: string } }>(CREATE_UPLOAD, {
        input: { datasetId: setup.datasetId, fileName, sizeBytes: bytes.length, sha256: sha256(bytes) },
      });
      expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
      return lab.client.request(COMPLETE_UPLOAD, { input: { uploadId: ticket.uploadId } });
    };

    const images = [await grayPng(96, 80, 1), await grayPng(72, 64, 2)];
    for (const [i, png] of images.entries()) await upload(`stored-${i}.png`, png);
    // The same bytes again: the dataset's image is the answer, nothing new is stored.
    await upload('stored-again.png', images[0]!);
    const truncated = images[1]!.subarray(0, Math.floor(images[1]!.length * 0.6));
    await expectCode(upload('truncated.png', truncated), 'INVALID_INPUT');
    await expectCode(
      lab.client.request(CREATE_UPLOAD, { input: { datasetId: setup.datasetId, fileName: 'huge.tif', sizeBytes: 64 * 1024 * 1024, sha256: '0'.repeat(64) } }),
      'INVALID_INPUT',
    );

    await eventually(async () => (lims.received.length >= images.length ? true : undefined), 'a measurement webhook per stored image', 120_000);

    const dataset = await scrape(ports.dataset);
    const stored = { purpose: 'image', outcome: 'stored' };
    expect(value(dataset, 'microseg_upload_bytes_count', stored)).toBe(images.length);
    expect(value(dataset, 'microseg_upload_bytes_sum', { purpose: 'image', outcome: 'deduplicated' })).toBe(images[0]!.length);
    expect(value(dataset, 'microseg_upload_bytes_sum', stored)).toBe(images[0]!.length + images[1]!.length);
    expect(value(dataset, 'microseg_upload_refusals_total', { purpose: 'image', reason: 'truncated' })).toBe(1);
    expect(value(dataset, 'microseg_upload_refusals_total', { purpose: 'image', reason: 'file-too-large' })).toBe(1);
    expect(value(dataset, 'microseg_upload_bytes_sum', { purpose: 'image', outcome: 'refused' })).toBe(truncated.length + 64 * 1024 * 1024);
    expect(value(dataset, 'microseg_upload_bytes_bucket', { ...stored, le: '16384' })).toBe(images.length);

    const inference = await scrape(ports.inference);
    const timed = inference.filter((s) => s.name === 'microseg_inference_image_seconds_count');
    expect(timed.map((s) => s.labels['model_version'])).toEqual([setup.versionId]);
    const labels = { engine: timed[0]!.labels['engine']!, model_version: setup.versionId };
    expect(labels.engine).toMatch(/^(onnxruntime-cpu|onnxruntime-cuda|wasm|tensorflow|cpu)$/);
    expect(value(inference, 'microseg_inference_image_seconds_count', labels)).toBe(images.length);
    const imageSeconds = value(inference, 'microseg_inference_image_seconds_sum', labels);
    expect(imageSeconds).toBeGreaterThan(0);
    expect(imageSeconds).toBeLessThan(60);
    // 64-pixel tiles at stride 32: 96x80 takes 3x3 tiles, 72x64 takes 3x2.
    expect(value(inference, 'microseg_inference_tile_seconds_count', labels)).toBe(9 + 6);
    const tileSeconds = value(inference, 'microseg_inference_tile_seconds_sum', labels);
    expect(tileSeconds).toBeGreaterThan(0);
    expect(tileSeconds).toBeLessThanOrEqual(imageSeconds);
    expect(value(inference, 'microseg_model_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(value(inference, 'microseg_model_cache_requests_total', { result: 'hit' })).toBe(images.length - 1);
    expect(value(inference, 'microseg_model_cache_evictions_total')).toBe(0);
    expect(value(inference, 'microseg_model_cache_models')).toBe(1);
    expect(value(inference, 'microseg_model_cache_resident_bytes')).toBeGreaterThan(10_000);
    expect(value(inference, 'microseg_webhook_attempts_total', { event: 'measurement.completed', outcome: 'delivered' })).toBe(images.length);
    for (const sample of [...dataset, ...inference]) expect(sample.labels['service'], sample.name).toMatch(/^(dataset|inference)$/);
  }, 300_000);
});
