import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, inferenceContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng, indexMaskPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from './registry-stand-in.ts';

interface Interval {
  low: number;
  high: number;
  coverage: number;
  method: string;
}
interface Percentile {
  percentile: number;
  interval: Interval | null;
}
interface UncertainSet {
  id: string;
  source: string;
  status: string;
  error: { code: string; message: string } | null;
  particles: {
    class: number;
    count: number;
    areaFraction: number;
    area: { mean: number | null };
    equivalentDiameter: { mean: number | null; median: number | null; percentiles: Record<string, number | null> };
  }[];
  thickness: { thickness: { mean: number | null; median: number | null; percentiles: Record<string, number | null> } } | null;
  uncertainty: {
    coverage: number;
    method: string;
    probabilityBand: { low: number; high: number; classRule: string } | null;
    particles: {
      class: number;
      count: Interval;
      areaFraction: Interval;
      meanArea: Interval | null;
      meanEquivalentDiameter: Interval | null;
      medianEquivalentDiameter: Interval | null;
      equivalentDiameterPercentiles: Percentile[];
    }[];
    thickness: { mean: Interval | null; median: Interval | null; percentiles: Percentile[] } | null;
  } | null;
}

const INTERVAL = 'low high coverage method';
const PERCENTILES = `percentile interval { ${INTERVAL} }`;
const SET = `id source status error { code message details }
  particles { class count areaFraction area { mean } equivalentDiameter { mean median percentiles } }
  thickness { thickness { mean median percentiles } }
  uncertainty { coverage method probabilityBand { low high classRule }
    particles { class count { ${INTERVAL} } areaFraction { ${INTERVAL} } meanArea { ${INTERVAL} }
      meanEquivalentDiameter { ${INTERVAL} } medianEquivalentDiameter { ${INTERVAL} } equivalentDiameterPercentiles { ${PERCENTILES} } }
    thickness { mean { ${INTERVAL} } median { ${INTERVAL} } percentiles { ${PERCENTILES} } } }`;

/** Every interval of a set holds the number it is the interval of. */
function expectIntervalsHoldPointEstimates(set: UncertainSet) {
  const uncertainty = set.uncertainty!;
  const holds = (interval: Interval | null | undefined, value: number | null | undefined) => {
    if (value === null || value === undefined) return expect(interval ?? null).toBeNull();
    expect(interval).toMatchObject({ coverage: uncertainty.coverage, method: uncertainty.method });
    expect(interval!.low).toBeLessThanOrEqual(value + 1e-9);
    expect(interval!.high).toBeGreaterThanOrEqual(value - 1e-9);
  };
  expect(uncertainty.particles.map((p) => p.class)).toEqual(set.particles.map((p) => p.class));
  for (const measured of set.particles) {
    const intervals = uncertainty.particles.find((p) => p.class === measured.class)!;
    holds(intervals.count, measured.count);
    holds(intervals.areaFraction, measured.areaFraction);
    // A class without objects on the nominal mask may still have some on the upper one.
    if (measured.count > 0) {
      holds(intervals.meanArea, measured.area.mean);
      holds(intervals.meanEquivalentDiameter, measured.equivalentDiameter.mean);
      holds(intervals.medianEquivalentDiameter, measured.equivalentDiameter.median);
      for (const { percentile, interval } of intervals.equivalentDiameterPercentiles) {
        holds(interval, measured.equivalentDiameter.percentiles[String(percentile)]);
      }
    }
  }
  if (set.thickness && set.thickness.thickness.mean !== null) {
    holds(uncertainty.thickness!.mean, set.thickness.thickness.mean);
    holds(uncertainty.thickness!.median, set.thickness.thickness.median);
  }
}

describe('measurement intervals: a segmented image measured with intervals from the model probability band', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let setup: TinyModelDataset;
  let principal: Principal;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], { MICROSEG_TF_BACKEND: 'wasm' });
    lab = await platform.newGroup();
    principal = { groupId: lab.groupId, groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Measurement intervals' });
    await lab.client.request(
      `mutation($id: ID!) { setMeasurementProfile(datasetId: $id, input: {
         classes: [0, 1, 2], particles: { classes: [1, 2], connectivity: 8 }, thickness: null }) { profileHash } }`,
      { id: setup.datasetId },
    );
  }, 180_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
  });

  const setsOf = async (imageId: string, source: string) => {
    const { imageMeasurements } = await lab.client.request<{ imageMeasurements: { nodes: UncertainSet[] } }>(
      `query($imageId: ID!, $source: MaskSource) { imageMeasurements(imageId: $imageId, source: $source) { nodes { ${SET} } } }`,
      { imageId, source },
    );
    return imageMeasurements.nodes.length > 0 ? imageMeasurements.nodes : undefined;
  };

  it('gives the model mask intervals over its probability band that hold every point estimate, and ground truth sampling intervals', async () => {
    const image = join(tmpdir(), `uncertainty-${randomUUID()}.png`);
    const mask = join(tmpdir(), `uncertainty-mask-${randomUUID()}.png`);
    await writeFile(image, await grayPng(96, 80, 5));
    await writeFile(mask, await indexMaskPng(96, 80));
    const uploaded = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', image, '--dataset', setup.datasetId, '--mask', mask]);
    const imageId = uploaded.image.id;

    // A version calibrated at registration (as a training job calibrates one): its intervals' count
    // sides are doubled; the tiny model's artifact is the same.
    const scale = { factor: 2, floor: 0, fields: 20 };
    const intervalCalibration = {
      coverage: 0.95, method: 'split conformal on 4 validation images', images: 4,
      classes: [1, 2].map((value) => ({ class: value, scales: { count: scale }, missed: {} })),
      thickness: null,
    };
    const calibrated = setup.registry.addVersion(2, undefined, { intervalCalibration });
    const segmentation = await request(
      setup.nc,
      inferenceContracts.segmentImage,
      { imageId, model: { versionId: calibrated.id } },
      { headers: platform.infrastructure.principals.headers(principal), timeoutMs: 120_000 },
    );
    expect(segmentation.status).toBe('succeeded');

    const [model] = await eventually(() => setsOf(imageId, 'model'), 'the measurement of the model mask', 90_000);
    expect(model).toMatchObject({ status: 'succeeded', error: null });
    expect(model!.uncertainty).toMatchObject({ coverage: 0.95, probabilityBand: { low: 0.3, high: 0.7, classRule: 'argmax' } });
    expect(model!.uncertainty!.method).toMatch(/margin of 0\.4.*calibrated on the model version's validation images \(split conformal on 4 validation images/);
    expectIntervalsHoldPointEstimates(model!);

    const [truth] = await eventually(() => setsOf(imageId, 'ground_truth'), 'the measurement of the ground truth', 60_000);
    expect(truth!.uncertainty).toMatchObject({ coverage: 0.95, probabilityBand: null });
    expect(truth!.uncertainty!.method).toMatch(/sampling error only/);
    expectIntervalsHoldPointEstimates(truth!);
    // The striped ground truth has objects of both classes: their count intervals are real intervals.
    for (const p of truth!.uncertainty!.particles) expect(p.count.high).toBeGreaterThan(p.count.low);

    // The CSV export carries each object's class numbers with their intervals in _low/_high columns.
    const { exportDatasetMeasurements } = await lab.client.request<{ exportDatasetMeasurements: { url: string } }>(
      'query($id: ID!) { exportDatasetMeasurements(datasetId: $id, format: CSV) { url } }',
      { id: setup.datasetId },
    );
    const [header, ...rows] = (await (await fetch(exportDatasetMeasurements.url)).text()).trim().split('\n').map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    expect(column('class_count_low')).toBeGreaterThan(column('touches_border'));
    for (const row of rows) {
      const [count, low, high] = ['class_count', 'class_count_low', 'class_count_high'].map((name) => Number(row[column(name)]));
      expect(low).toBeLessThanOrEqual(count!);
      expect(high).toBeGreaterThanOrEqual(count!);
      expect(row[column('interval_coverage')]).toBe('0.95');
      expect(row[column('interval_band')]).toBe(row[column('source')] === 'model' ? '0.3/0.7' : '');
    }
    expect(rows.some((row) => row[column('source')] === 'ground_truth')).toBe(true);
    // Pooled per source (one image here: the set's own numbers), with pooled intervals beside them.
    for (const row of rows) {
      const [count, low, high] = ['pooled_class_count', 'pooled_class_count_low', 'pooled_class_count_high'].map((name) => Number(row[column(name)]));
      expect(row[column('pooled_masks')]).toBe('1');
      expect(count).toBe(Number(row[column('class_count')]));
      expect(low).toBeLessThanOrEqual(count!);
      expect(high).toBeGreaterThanOrEqual(count!);
    }

    // The dataset summary pools each source and gives its numbers intervals too.
    const { datasetMeasurementSummary } = await lab.client.request<{
      datasetMeasurementSummary: { sources: { source: string; particles: { class: number; count: number; areaFraction: number }[]; uncertainty: UncertainSet['uncertainty'] }[] };
    }>(
      `query($id: ID!) { datasetMeasurementSummary(datasetId: $id) { sources { source particles { class count areaFraction }
        uncertainty { coverage method probabilityBand { low high classRule } particles { class count { ${INTERVAL} } areaFraction { ${INTERVAL} } } } } } }`,
      { id: setup.datasetId },
    );
    for (const source of datasetMeasurementSummary.sources) {
      expect(source.uncertainty).toMatchObject({ coverage: 0.95, probabilityBand: source.source === 'model' ? { low: 0.3, high: 0.7 } : null });
      expect(source.uncertainty!.method).toMatch(/^pooled over measurement sets/);
      for (const p of source.particles) {
        const intervals = source.uncertainty!.particles.find((i) => i.class === p.class)!;
        expect(intervals.count.low).toBeLessThanOrEqual(p.count);
        expect(intervals.count.high).toBeGreaterThanOrEqual(p.count);
        expect(intervals.areaFraction.low).toBeLessThanOrEqual(p.areaFraction + 1e-9);
        expect(intervals.areaFraction.high).toBeGreaterThanOrEqual(p.areaFraction - 1e-9);
      }
    }
  }, 240_000);
});
