import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, inferenceContracts, trainingEvents } from '@microseg/contracts';
import { publishEvent, request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually, imageMeasurements } from '../metrology/metrology-platform.ts';
import { CLASSES, saveTinyModel, serveRegistry } from './registry-stand-in.ts';

interface Delta {
  old: number | null;
  new: number | null;
  delta: number | null;
}

interface DriftReport {
  datasetId: string;
  images: { imageId: string; classes: { class: number; count: Delta; areaFraction: Delta; meanArea: Delta }[]; meanThickness: Delta }[];
  unmatched: { onlyOld: string[]; onlyNew: string[] };
  dataset: { class: number; countDelta: number; meanAbsAreaFractionDelta: number; images: number; count: PooledDelta; areaFraction: PooledDelta }[];
}

interface PooledDelta extends Delta {
  oldInterval: { low: number; high: number } | null;
  newInterval: { low: number; high: number } | null;
}

const DRIFT_QUERY = `query($datasetId: ID!, $from: ID!, $to: ID!) { driftReport(datasetId: $datasetId, fromVersionId: $from, toVersionId: $to) {
  datasetId
  images { imageId classes { class count { old new delta } areaFraction { old new delta } meanArea { old new delta } } meanThickness { old new delta } }
  unmatched { onlyOld onlyNew }
  dataset { class countDelta meanAbsAreaFractionDelta images
    count { old new delta oldInterval { low high } newInterval { low high } }
    areaFraction { old new delta oldInterval { low high } newInterval { low high } } }
} }`;

describe('pipeline: moving a policy alias re-measures the dataset and reports the drift', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let nc: NatsConnection;
  let registry: ReturnType<typeof serveRegistry>;
  let principal: Principal;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], { MICROSEG_TF_BACKEND: 'wasm', INFERENCE_ACK_WAIT_MS: '5000' });
    lab = await platform.newGroup();
    principal = { groupId: lab.groupId, groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
    nc = await platform.infrastructure.connectNats('alias-move-test');
    registry = serveRegistry(nc, platform.infrastructure.principals, lab.groupId, { bucket: 'alias-move-test-models', prefix: `tiny/${randomUUID()}` });
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
    await nc?.drain();
    await platform?.stop();
  });

  const as = () => ({ headers: platform.infrastructure.principals.headers(principal), timeoutMs: 60_000 });
  const modelSets = (imageId: string, modelVersionId: string) =>
    eventually(async () => {
      const sets = await imageMeasurements(lab.client, imageId, { source: 'model', modelVersionId });
      return sets.some((s) => s.status === 'succeeded') ? sets : undefined;
    }, `the measurement of ${imageId} by ${modelVersionId}`, 90_000);

  it('re-segments every image with the new version in the background, keeps the old results, and answers the drift report', async () => {
    const { s3 } = platform.infrastructure;
    // Two artifacts with their own random weights: the two versions segment differently.
    const [first, second] = [`tiny/${randomUUID()}`, `tiny/${randomUUID()}`];
    await saveTinyModel(s3, 'alias-move-test-models', first);
    await saveTinyModel(s3, 'alias-move-test-models', second);
    const v1 = registry.addVersion(1, first).id;
    const v2 = registry.addVersion(2, second).id;
    registry.setAlias('production', v1);

    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'Alias move superalloy', material: 'super', classes: CLASSES } },
    );
    const datasetId = createDataset.id;
    const policy = await request(nc, inferenceContracts.createPolicy, { datasetId, model: 'tiny-unet', alias: 'production' }, as());
    const imageIds: string[] = [];
    for (const seed of [3, 7]) {
      const file = join(tmpdir(), `alias-move-${randomUUID()}.png`);
      await writeFile(file, await grayPng(80, 64, seed));
      const { image } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', datasetId]);
      imageIds.push(image.id);
    }
    const before = await Promise.all(imageIds.map((id) => modelSets(id, v1)));

    registry.setAlias('production', v2);
    const moved = { modelId: registry.modelId, groupId: lab.groupId, alias: 'production', fromVersionId: v1, toVersionId: v2, at: new Date().toISOString() };
    await publishEvent(nc.jetstream(), trainingEvents.aliasMoved, moved);
    // A redelivered (or republished) move starts no second run and no second segmentation.
    await publishEvent(nc.jetstream(), trainingEvents.aliasMoved, moved);

    const run = await eventually(async () => {
      const { nodes: runs } = await request(nc, inferenceContracts.listRuns, { datasetId }, as());
      const moves = runs.filter((r) => r.trigger === 'alias-move');
      return moves.length > 0 && moves.every((r) => r.state !== 'running') ? moves : undefined;
    }, 'the alias-move run', 90_000);
    expect(run).toEqual([expect.objectContaining({ policyId: policy.id, modelVersionId: v2, total: 2, segmented: 2, failed: 0, state: 'succeeded' })]);
    await Promise.all(imageIds.map((id) => modelSets(id, v2)));

    const { segmentations } = await request(nc, inferenceContracts.listSegmentations, { imageIds }, as());
    expect(segmentations.map((s) => `${s.imageId}:${s.modelVersionId}`).sort()).toEqual(imageIds.flatMap((id) => [`${id}:${v1}`, `${id}:${v2}`]).sort());
    // The old version's measurements are kept, unchanged.
    const after = await Promise.all(imageIds.map((id) => imageMeasurements(lab.client, id, { source: 'model', modelVersionId: v1 })));
    expect(after.map((sets) => sets.map((s) => s.id))).toEqual(before.map((sets) => sets.map((s) => s.id)));
    const { policies } = await request(nc, inferenceContracts.listPolicies, { datasetId }, as());
    expect(policies[0]).toMatchObject({ id: policy.id, modelVersionId: v2 });

    const { driftReport } = await lab.client.request<{ driftReport: DriftReport }>(DRIFT_QUERY, { datasetId, from: v1, to: v2 });
    expect(driftReport.datasetId).toBe(datasetId);
    expect(driftReport.unmatched).toEqual({ onlyOld: [], onlyNew: [] });
    expect(driftReport.images.map((i) => i.imageId).sort()).toEqual([...imageIds].sort());
    for (const image of driftReport.images) {
      expect(image.classes.length).toBeGreaterThan(0);
      for (const c of image.classes) {
        expect(c.count.delta).toBe(c.count.new! - c.count.old!);
        expect(c.areaFraction.delta).toBeCloseTo(c.areaFraction.new! - c.areaFraction.old!, 12);
      }
    }
    // The old side is what metrology measured with v1.
    const [firstImage] = driftReport.images;
    const v1Set = before[imageIds.indexOf(firstImage!.imageId)]!.find((s) => s.status === 'succeeded')!;
    for (const particles of v1Set.particles) {
      expect(firstImage!.classes.find((c) => c.class === particles.class)!.count.old).toBe(particles.count);
    }
    const perClass = new Map<number, { countDelta: number; images: number }>();
    for (const c of driftReport.images.flatMap((i) => i.classes)) {
      const entry = perClass.get(c.class) ?? { countDelta: 0, images: 0 };
      perClass.set(c.class, { countDelta: entry.countDelta + c.count.delta!, images: entry.images + 1 });
    }
    expect(driftReport.dataset.map((d) => [d.class, d.countDelta, d.images])).toEqual(
      [...perClass.entries()].sort(([a], [b]) => a - b).map(([k, v]) => [k, v.countDelta, v.images]),
    );
    // Pooled over the matched images: the objects of every image, each side with an interval holding its number.
    for (const d of driftReport.dataset) {
      expect(d.count.delta).toBe(d.countDelta);
      for (const pooled of [d.count, d.areaFraction]) {
        for (const [value, interval] of [[pooled.old, pooled.oldInterval], [pooled.new, pooled.newInterval]] as const) {
          expect(interval!.low).toBeLessThanOrEqual(value! + 1e-9);
          expect(interval!.high).toBeGreaterThanOrEqual(value! - 1e-9);
        }
      }
    }
  }, 300_000);
});
