import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type MaskToMeasure,
  METROLOGY_JOBS_STREAM,
  datasetEvents,
  metrologyEvents,
  metrologyJobs,
} from '@microseg/contracts';
import { waitUntilUp } from '@microseg/launcher';
import { publishEvent, publishJob } from '@microseg/messaging';
import {
  type ClassParticles,
  analyseParticles,
  decodeIndexMask,
  summarise,
} from '@microseg/metrology';
import type { NatsConnection } from 'nats';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { type TestPlatform, createTestObjectStore, startTestPlatform } from '../harness/index.ts';
import {
  type MeasurementSetView,
  eventually,
  expectCode,
  imageMeasurements,
} from './metrology-platform.ts';

const BENCHMARK =
  process.env['MICRONET_BENCHMARK_DIR'] ??
  join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark');
const NAMES = ['spot1_0d_0', 'spot2_0d_0', 'spot3_0d_3'];
const PIXEL_SIZE = { value: 12.5, unit: 'nm' as const };
const CLASSES = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'secondary', color: '#0000ff' },
  { index: 2, name: 'tertiary', color: '#ff0000' },
];

interface Uploaded {
  name: string;
  imageId: string;
  maskId: string;
  expected: readonly ClassParticles[];
}

/** The bad masks a pipeline could hand over, as model masks of the first image. */
const BAD_MASKS = ['corrupt', 'rgb', 'class-7'] as const;

/** A single-channel 512x512 PNG whose every pixel holds `value`. */
function indexPng(value: number): Promise<Buffer> {
  return sharp(Buffer.alloc(512 * 512, value), { raw: { width: 512, height: 512, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

async function badMaskBytes(kind: (typeof BAD_MASKS)[number]): Promise<Buffer> {
  switch (kind) {
    case 'corrupt':
      return (await indexPng(1)).subarray(0, 120);
    case 'rgb':
      return sharp({
        create: { width: 512, height: 512, channels: 3, background: { r: 0, g: 0, b: 255 } },
      })
        .png()
        .toBuffer();
    case 'class-7':
      return indexPng(7);
  }
}

describe('metrology service: every mask of a dataset measured, pooled and queryable (identity + dataset + metrology + gateway)', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let datasetId: string;
  let nc: NatsConnection;
  const uploaded: Uploaded[] = [];
  const badMasks = new Map<string, MaskToMeasure>();
  const completedEvents = new Set<string>();

  beforeAll(async () => {
    // A short ack deadline so a job lost with a killed process comes back within the test.
    platform = await startTestPlatform(['identity', 'dataset', 'metrology'], {
      METROLOGY_ACK_WAIT_MS: '3000',
    });
    lab = await platform.newGroup();
    nc = await platform.infrastructure.connectNats('metrology-test');
    const events = nc.subscribe(metrologyEvents.measurementCompleted.subject);
    void (async () => {
      for await (const message of events)
        completedEvents.add(message.json<{ measurementId: string }>().measurementId);
    })();

    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      {
        input: {
          name: 'Superalloy metrology',
          material: 'super',
          classes: CLASSES,
          defaultPixelSize: PIXEL_SIZE,
        },
      },
    );
    datasetId = createDataset.id;
    for (const name of NAMES) {
      const maskPath = join(BENCHMARK, 'masks', 'super', `${name}.png`);
      const result = await microsegJson<{ image: { id: string }; mask: { id: string } }>(
        platform.graphqlUrl,
        lab.apiKey,
        [
          'image',
          'upload',
          join(BENCHMARK, 'images', 'super', `${name}.png`),
          '--dataset',
          datasetId,
          '--mask',
          maskPath,
        ],
      );
      const mask = await decodeIndexMask(await readFile(maskPath));
      const expected = analyseParticles(mask, {
        classes: [1, 2],
        connectivity: 8,
        pixelSize: PIXEL_SIZE,
      }).classes;
      uploaded.push({ name, imageId: result.image.id, maskId: result.mask.id, expected });
    }
  });
  afterAll(async () => {
    await nc?.drain();
    await platform?.stop();
  });

  const groundTruthOf = async (image: Uploaded) =>
    imageMeasurements(lab.client, image.imageId, { source: 'ground_truth' });

  it('measures every uploaded ground-truth mask with the default profile and gives the library numbers', async () => {
    for (const image of uploaded) {
      const [set] = await eventually(async () => {
        const sets = await groundTruthOf(image);
        return sets.length > 0 ? sets : undefined;
      }, `the measurement of ${image.name}`);
      expect(set).toMatchObject({
        maskId: image.maskId,
        status: 'succeeded',
        source: 'ground_truth',
        modelVersionId: null,
        unit: 'nm',
        codeVersion: 'dev',
        // The images came without a scale: the dataset's default gave it; a ground-truth mask has no class rule.
        pixelSizeSource: 'dataset',
        classRule: null,
      });
      expect(set!.pixelSize).toEqual(PIXEL_SIZE);
      expect(set!.particles.map((p) => p.class)).toEqual([1, 2]);
      for (const [i, expected] of image.expected.entries()) {
        const measured = set!.particles[i]!;
        expect(measured.count).toBe(expected.count);
        expect(measured.pixelCount).toBe(expected.pixelCount);
        expect(measured.areaFraction).toBeCloseTo(expected.areaFraction, 12);
        expect(measured.area.mean).toBeCloseTo(expected.area.mean!, 9);
        expect(measured.area.median).toBeCloseTo(expected.area.median!, 9);
        expect(measured.equivalentDiameter.mean).toBeCloseTo(expected.equivalentDiameter.mean!, 9);
        expect(measured.interiorCount).toBe(expected.interior.count);
        expect(measured.borderCorrectedCount).toBeCloseTo(expected.borderCorrected.count, 9);
      }
      const svg = await (await fetch(set!.plots.sizeHistogramUrl!)).text();
      expect(svg).toContain('<svg');
    }
  });

  it('summarises the dataset by pooling the objects of every mask, also for a dataset version', async () => {
    const query = `query($id: ID!, $version: ID) { datasetMeasurementSummary(datasetId: $id, datasetVersionId: $version, source: GROUND_TRUTH) {
      profileHash sources { source unit maskCount failedCount plots { sizeHistogramUrl }
        particles { class count areaFraction meanArea medianArea meanEquivalentDiameter interiorCount histogram { counts } } } } }`;
    type Summary = {
      datasetMeasurementSummary: {
        sources: {
          source: string;
          unit: string;
          maskCount: number;
          failedCount: number;
          plots: { sizeHistogramUrl: string | null };
          particles: {
            class: number;
            count: number;
            areaFraction: number;
            meanArea: number;
            medianArea: number;
            meanEquivalentDiameter: number;
            interiorCount: number;
            histogram: { counts: number[] };
          }[];
        }[];
      };
    };
    const { datasetMeasurementSummary: summary } = await lab.client.request<Summary>(query, {
      id: datasetId,
    });
    expect(summary.sources).toHaveLength(1);
    const source = summary.sources[0]!;
    expect(source).toMatchObject({
      source: 'ground_truth',
      unit: 'nm',
      maskCount: 3,
      failedCount: 0,
    });
    for (const [i, value] of [1, 2].entries()) {
      const objects = uploaded.flatMap((image) => image.expected[i]!.objects);
      const pooled = source.particles[i]!;
      expect(pooled.class).toBe(value);
      expect(pooled.count).toBe(objects.length);
      expect(pooled.meanArea).toBeCloseTo(summarise(objects.map((o) => o.area)).mean!, 9);
      expect(pooled.medianArea).toBeCloseTo(summarise(objects.map((o) => o.area)).median!, 9);
      expect(pooled.meanEquivalentDiameter).toBeCloseTo(
        summarise(objects.map((o) => o.equivalentDiameter)).mean!,
        9,
      );
      const classPixels = uploaded.reduce((n, image) => n + image.expected[i]!.pixelCount, 0);
      expect(pooled.areaFraction).toBeCloseTo(classPixels / (3 * 512 * 512), 12);
      expect(pooled.histogram.counts.reduce((a, b) => a + b, 0)).toBe(objects.length);
    }
    expect(await (await fetch(source.plots.sizeHistogramUrl!)).text()).toContain('<svg');

    const { createDatasetVersion } = await lab.client.request<{
      createDatasetVersion: { id: string };
    }>('mutation($id: ID!) { createDatasetVersion(datasetId: $id) { id } }', { id: datasetId });
    const versioned = await lab.client.request<Summary>(query, {
      id: datasetId,
      version: createDatasetVersion.id,
    });
    expect(versioned.datasetMeasurementSummary.sources).toEqual(
      summary.sources.map((s) => ({ ...s, plots: expect.anything() })),
    );
  });

  it('exports one CSV row per object with its provenance', async () => {
    const { exportDatasetMeasurements } = await lab.client.request<{
      exportDatasetMeasurements: { url: string; rowCount: number };
    }>(
      'query($id: ID!) { exportDatasetMeasurements(datasetId: $id, format: CSV) { url rowCount } }',
      { id: datasetId },
    );
    const objects = uploaded.reduce(
      (n, image) => n + image.expected.reduce((m, c) => m + c.count, 0),
      0,
    );
    expect(exportDatasetMeasurements.rowCount).toBe(objects);
    const lines = (await (await fetch(exportDatasetMeasurements.url)).text()).trim().split('\n');
    expect(lines).toHaveLength(objects + 1);
    expect(lines[0]).toMatch(
      /^measurement_id,image_id,mask_id,source,model_version_id,profile_hash,code_version,class_rule,pixel_size,pixel_size_source,unit,class,object,area,/,
    );
    // Ground truth: no class rule; the dataset's default pixel size, in its unit.
    expect(lines[1]!.split(',').slice(7, 11)).toEqual(['', '12.5nm', 'dataset', 'nm']);
  });

  it('hides measurements, summaries and profiles from other groups', async () => {
    const other = await platform.newGroup();
    await expectCode(imageMeasurements(other.client, uploaded[0]!.imageId), 'NOT_FOUND');
    await expectCode(
      other.client.request(
        'query($id: ID!) { datasetMeasurementSummary(datasetId: $id) { profileHash } }',
        { id: datasetId },
      ),
      'NOT_FOUND',
    );
    expect(await other.client.request('query($id: ID!) { measurementProfile(datasetId: $id) { profileHash } }', { id: datasetId })).toEqual({ measurementProfile: null });
    await expectCode(
      other.client.request('mutation($id: ID!) { remeasureDataset(datasetId: $id) { queued } }', {
        id: datasetId,
      }),
      'NOT_FOUND',
    );
  });

  it('records corrupt, colour and out-of-profile masks as failed measurements with the reason, and goes on', async () => {
    const store = createTestObjectStore(platform.infrastructure.s3);
    const bucket = `metrology-bad-masks-${platform.infrastructure.runId}`.toLowerCase();
    await store.ensureBucket(bucket);
    const js = nc.jetstream();
    const image = uploaded[0]!;
    for (const kind of BAD_MASKS) {
      const bytes = await badMaskBytes(kind);
      await store.putObject(bucket, `${kind}.png`, bytes);
      const event: MaskToMeasure = {
        maskId: randomUUID(),
        imageId: image.imageId,
        datasetId,
        groupId: lab.groupId,
        source: 'model',
        modelVersionId: kind,
        index: {
          bucket,
          key: `${kind}.png`,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        },
        width: 512,
        height: 512,
        pixelSize: PIXEL_SIZE,
        pixelSizeSource: 'upload',
        createdAt: new Date().toISOString(),
      };
      badMasks.set(kind, event);
      await publishEvent(js, datasetEvents.maskCreated, event, { msgId: `test-${event.maskId}` });
    }
    const reasons: Record<string, RegExp> = {
      corrupt: /corrupt|not a readable image/,
      rgb: /3 channels.*index mask/,
      'class-7': /class values 7/,
    };
    for (const kind of BAD_MASKS) {
      const [set] = await eventually(async () => {
        const sets = await imageMeasurements(lab.client, image.imageId, {
          source: 'model',
          modelVersionId: kind,
        });
        return sets.length > 0 ? sets : undefined;
      }, `the failed measurement of the ${kind} mask`);
      expect(set).toMatchObject({
        status: 'failed',
        particles: [],
        error: { code: 'INVALID_INPUT' },
      });
      expect(set!.error!.message).toMatch(reasons[kind]!);
    }
    // The worker went on: the good masks still answer, and a new profile can be set.
    expect((await groundTruthOf(image))[0]?.status).toBe('succeeded');
  });

  it('re-measures after a SIGKILL mid-queue: every mask ends with exactly one measurement per profile, none lost', async () => {
    const { setMeasurementProfile } = await lab.client.request<{
      setMeasurementProfile: { profileHash: string; isDefault: boolean };
    }>(
      `mutation($id: ID!) { setMeasurementProfile(datasetId: $id, input: {
         classes: [0, 1, 2], particles: { classes: [1, 2], connectivity: 4 }, thickness: { classes: [1, 2], radius: 3, minArea: 200 } }) {
         profileHash isDefault } }`,
      { id: datasetId },
    );
    expect(setMeasurementProfile.isDefault).toBe(false);
    const newHash = setMeasurementProfile.profileHash;
    const { remeasureDataset } = await lab.client.request<{
      remeasureDataset: { queued: number; profileHash: string };
    }>('mutation($id: ID!) { remeasureDataset(datasetId: $id) { queued profileHash } }', {
      id: datasetId,
    });
    expect(remeasureDataset).toEqual({
      queued: NAMES.length + BAD_MASKS.length,
      profileHash: newHash,
    });

    const metrology = platform.platform.processes.get('metrology')!;
    const jsm = await nc.jetstreamManager();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const queue = await jsm.consumers.info(METROLOGY_JOBS_STREAM.name, 'metrology-measure');
    expect(queue.num_pending + queue.num_ack_pending).toBeGreaterThan(0);
    await metrology.kill();
    metrology.start();
    await waitUntilUp(platform.graphqlUrl, ['metrology'], 120_000);

    const settled = async (image: Uploaded) =>
      eventually(
        async () => {
          const sets = await imageMeasurements(lab.client, image.imageId);
          const current = sets.filter((s) => s.profileHash === newHash);
          const models = image === uploaded[0] ? BAD_MASKS.length : 0;
          return current.length >= 1 + models ? sets : undefined;
        },
        `re-measurement of ${image.name}`,
        90_000,
      );
    for (const image of uploaded) {
      const sets = await settled(image);
      const keys = sets.map(
        (set: MeasurementSetView) => `${set.maskId}:${set.profileHash}:${set.codeVersion}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      const groundTruth = sets.filter((s) => s.source === 'ground_truth');
      expect(groundTruth).toHaveLength(2);
      expect(new Set(groundTruth.map((s) => s.profileHash)).size).toBe(2);
      const remeasured = groundTruth.find((s) => s.profileHash === newHash)!;
      expect(remeasured.status).toBe('succeeded');
      expect(remeasured.thickness?.skeletonPixels).toBeGreaterThan(0);
      const mask = await decodeIndexMask(
        await readFile(join(BENCHMARK, 'masks', 'super', `${image.name}.png`)),
      );
      const fourConnected = analyseParticles(mask, { classes: [1, 2], connectivity: 4 }).classes;
      expect(remeasured.particles.map((p) => p.count)).toEqual(fourConnected.map((c) => c.count));
    }
    for (const set of (
      await Promise.all(uploaded.map((image) => imageMeasurements(lab.client, image.imageId)))
    ).flat()) {
      await eventually(
        async () => (completedEvents.has(set.id) ? true : undefined),
        `measurement.completed of ${set.id}`,
        20_000,
      );
    }
  });

  it('stores nothing new when the same inputs are measured again', async () => {
    const before = (
      await Promise.all(uploaded.map((image) => imageMeasurements(lab.client, image.imageId)))
    )
      .flat()
      .map((s) => s.id)
      .sort();
    const again = await lab.client.request<{ remeasureDataset: { queued: number } }>(
      'mutation($id: ID!) { remeasureDataset(datasetId: $id) { queued } }',
      { id: datasetId },
    );
    expect(again.remeasureDataset.queued).toBe(0);
    // A job outside the duplicate window (a new message id) reaches the worker, which finds the measurement done.
    await publishJob(nc.jetstream(), metrologyJobs.measureMask, badMasks.get('corrupt')!, {
      msgId: `again-${randomUUID()}`,
    });
    const jsm = await nc.jetstreamManager();
    await eventually(async () => {
      const info = await jsm.consumers.info(METROLOGY_JOBS_STREAM.name, 'metrology-measure');
      return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
    }, 'the job queue to drain');
    const after = (
      await Promise.all(uploaded.map((image) => imageMeasurements(lab.client, image.imageId)))
    )
      .flat()
      .map((s) => s.id)
      .sort();
    expect(after).toEqual(before);
  });
  it('pools only the current mask of an image once a new ground-truth mask replaces it', async () => {
    const image = uploaded[2]!;
    const replacement = join(BENCHMARK, 'masks', 'super', 'spot4_0d_3.png');
    const result = await microsegJson<{
      image: { id: string };
      mask: { id: string };
      deduplicated: boolean;
    }>(platform.graphqlUrl, lab.apiKey, [
      'image',
      'upload',
      join(BENCHMARK, 'images', 'super', `${image.name}.png`),
      '--dataset',
      datasetId,
      '--mask',
      replacement,
    ]);
    expect(result).toMatchObject({ image: { id: image.imageId }, deduplicated: true });
    await eventually(async () => {
      const { image: found } = await lab.client.request<{
        image: { measurements: { nodes: { maskId: string; status: string }[] } };
      }>(
        'query($id: ID!) { image(id: $id) { measurements(source: GROUND_TRUTH) { nodes { maskId status } } } }',
        { id: image.imageId },
      );
      return found.measurements.nodes.some((m) => m.maskId === result.mask.id && m.status === 'succeeded')
        ? true
        : undefined;
    }, 'the measurement of the replacement mask');

    const { datasetMeasurementSummary } = await lab.client.request<{
      datasetMeasurementSummary: {
        sources: { maskCount: number; particles: { count: number }[] }[];
      };
    }>(
      'query($id: ID!) { datasetMeasurementSummary(datasetId: $id, source: GROUND_TRUTH) { sources { maskCount particles { count } } } }',
      {
        id: datasetId,
      },
    );
    const masks = [uploaded[0]!.name, uploaded[1]!.name, 'spot4_0d_3'].map((name) =>
      join(BENCHMARK, 'masks', 'super', `${name}.png`),
    );
    const expected = [0, 0];
    for (const path of masks) {
      const classes = analyseParticles(await decodeIndexMask(await readFile(path)), {
        classes: [1, 2],
        connectivity: 4,
      }).classes;
      classes.forEach((c, i) => (expected[i]! += c.count));
    }
    expect(datasetMeasurementSummary.sources).toHaveLength(1);
    expect(datasetMeasurementSummary.sources[0]!.maskCount).toBe(3);
    expect(datasetMeasurementSummary.sources[0]!.particles.map((p) => p.count)).toEqual(expected);
  });
  it('measures every ground-truth mask of an imported benchmark dataset; its summary pools them all', async () => {
    const imported = await microsegJson<{ datasets: { id: string; masks: number }[] }>(
      platform.graphqlUrl,
      lab.apiKey,
      ['dataset', 'import', BENCHMARK, '--name', 'MicroNet superalloy', '--material', 'super'],
    );
    const { id, masks } = imported.datasets[0]!;
    const query =
      'query($id: ID!) { datasetMeasurementSummary(datasetId: $id, source: GROUND_TRUTH) { sources { maskCount failedCount particles { class count } } } }';
    type Summary = {
      datasetMeasurementSummary: {
        sources: {
          maskCount: number;
          failedCount: number;
          particles: { class: number; count: number }[];
        }[];
      };
    };
    const summary = await eventually(
      async () => {
        const answer = await lab.client.request<Summary>(query, { id });
        return answer.datasetMeasurementSummary.sources[0]?.maskCount === masks
          ? answer.datasetMeasurementSummary
          : undefined;
      },
      'the imported masks to be measured',
      90_000,
    );
    const files = (await readdir(join(BENCHMARK, 'masks', 'super'))).filter((name) =>
      name.endsWith('.png'),
    );
    expect(files).toHaveLength(masks);
    const expected = [0, 0];
    for (const name of files) {
      const mask = await decodeIndexMask(await readFile(join(BENCHMARK, 'masks', 'super', name)));
      analyseParticles(mask, { classes: [1, 2] }).classes.forEach(
        (c, i) => (expected[i]! += c.count),
      );
    }
    expect(summary.sources).toHaveLength(1);
    expect(summary.sources[0]!.failedCount).toBe(0);
    expect(summary.sources[0]!.particles).toEqual([
      { class: 1, count: expected[0] },
      { class: 2, count: expected[1] },
    ]);
  });
});
