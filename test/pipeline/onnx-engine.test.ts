import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, type Segmentation, inferenceContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from './registry-stand-in.ts';

/**
 * The inference service on its default engine, ONNX Runtime: segmentations record it as their backend, and
 * the service's requests are answered while an image computes (onnxruntime-node computes on the calling
 * thread, so the session lives in a thread of its own).
 */
describe('inference on ONNX Runtime: the backend recorded, requests answered while an image computes', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let nc: NatsConnection;
  let setup: TinyModelDataset;
  let principal: Principal;

  beforeAll(async () => {
    // One intra-op thread: the image computes long enough to ask the service a few things meanwhile.
    platform = await startTestPlatform(['identity', 'dataset', 'inference'], { MICROSEG_TF_BACKEND: 'wasm', INFERENCE_ONNX_THREADS: '1' });
    lab = await platform.newGroup();
    principal = { groupId: lab.groupId, groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Onnx engine' });
    nc = setup.nc;
  }, 180_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
  });

  const as = (timeoutMs = 170_000) => ({ headers: platform.infrastructure.principals.headers(principal), timeoutMs });

  async function upload(width: number, height: number): Promise<string> {
    const file = join(tmpdir(), `onnx-engine-${randomUUID()}.png`);
    await writeFile(file, await grayPng(width, height, 7));
    const uploaded = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', setup.datasetId]);
    return uploaded.image.id;
  }

  it('answers a request while an image is being segmented, and records onnxruntime-cpu as the backend', async () => {
    const small = await upload(96, 80);
    const big = await upload(1536, 1536);
    // The first segmentation loads (and self-tests) the model, so that the next one is all compute.
    const first = await request(nc, inferenceContracts.segmentImage, { imageId: small, model: { versionId: setup.versionId } }, as());
    expect(first).toMatchObject({ status: 'succeeded', backend: 'onnxruntime-cpu' });

    let finished = false;
    const segmenting = request(nc, inferenceContracts.segmentImage, { imageId: big, model: { versionId: setup.versionId } }, as()).finally(() => (finished = true));
    const latencies: number[] = [];
    while (!finished) {
      const asked = performance.now();
      const { segmentations } = await request(nc, inferenceContracts.listSegmentations, { imageIds: [small] }, as(30_000));
      if (finished) break;
      latencies.push(performance.now() - asked);
      expect(segmentations[0]?.id).toBe(first.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const segmentation: Segmentation = await segmenting;
    expect(segmentation).toMatchObject({ status: 'succeeded', backend: 'onnxruntime-cpu', tiles: 48 * 48 });
    // Answered throughout the compute, each far sooner than the image (a blocked event loop would hold them all to its end).
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(segmentation.computeMs / 3);
  });
});
