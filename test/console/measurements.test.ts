import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ModelVersion, PRIVATE, trainingContracts } from '@microseg/contracts';
import { notFound } from '@microseg/errors';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng, putToUrl, sha256 } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { benchmarkSubset } from './benchmark-subset.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

/** Screenshots a person can look at after a run (gitignored). */
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const OLD_MODEL = randomUUID();
const NEW_MODEL = randomUUID();

type Group = Awaited<ReturnType<TestPlatform['newGroup']>>;

interface Histogram {
  edges: number[];
  counts: number[];
}

/**
 * The registry's answer for two versions of one model of the lab (the training service registers
 * versions only from its own jobs, minutes each): enough for the platform to show model masks
 * uploaded as theirs and to compare them.
 */
function serveTwoVersions(nc: NatsConnection, platform: TestPlatform, groupId: string): RequestServer {
  const modelId = randomUUID();
  const version = (id: ModelVersion['id'], number: number): ModelVersion => ({
    id, modelId, modelName: 'outside-unet', groupId, number, architecture: 'unet', encoder: 'resnet18',
    classes: [{ index: 0, name: 'matrix', color: '#000000' }, { index: 1, name: 'secondary', color: '#0000ff' }, { index: 2, name: 'tertiary', color: '#ff0000' }],
    binary: false, material: 'super', classRule: 'argmax', sixteenBitInput: 'full_range', iouDefinition: 'paper',
    metrics: { val: { iou: 0.5, meanClassIou: 0.5, perClass: [], images: 1 }, test: null }, config: {},
    dataset: { datasetId: randomUUID(), versionId: randomUUID(), contentHash: '0'.repeat(64), experiment: 'Super1' },
    parent: { kind: 'random', id: null, name: 'random' }, codeVersion: 'test', seed: 1, durationSeconds: 1, workerKind: 'cpu',
    artifact: { bucket: 'unused', prefix: 'unused' }, jobId: null, visibility: PRIVATE, aliases: [], createdAt: new Date().toISOString(), outOfDistribution: null, intervalCalibration: null,
  });
  const versions = new Map<string, ModelVersion>([OLD_MODEL, NEW_MODEL].map((id, i) => [id, version(id, i + 1)]));
  return serveAuthenticated(
    nc,
    trainingContracts.getVersion,
    ({ id }, { principal }) => {
      const found = versions.get(id);
      if (!found || found.groupId !== principal.groupId) throw notFound('model version', id);
      return Promise.resolve(found);
    },
    { verifier: platform.infrastructure.principals },
  );
}

/** The marks Vega drew in a chart of the page: each rect or bar's accessible label (Vega writes `field: value; ...`). */
const markLabels = (page: Page, scope: string, kind: string): Promise<string[]> =>
  page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(`${scope} figure[data-kind="${kind}"] svg .mark-rect path`)})].map((mark) => mark.getAttribute('aria-label') ?? '')`);
const chartDrawn = (page: Page, scope: string, kind: string) =>
  page.waitForFunction(`document.querySelector('${scope} figure[data-kind="${kind}"][aria-busy="false"] svg') !== null`, undefined, { timeout: 30_000 });
/** The number a mark's label gives for a field, e.g. `objects` in "equivalent diameter (px): 1.2; objects: 3; ...". */
const fieldOf = (label: string, field: string) => Number(new RegExp(`${field.replace(/[()]/g, '\\$&')}: ([-\\d.e]+)`).exec(label)?.[1]);

/**
 * Measurements in the console against the real platform: metrology's Vega-Lite specs drawn as
 * SVG in the page (checked against the measurement data), CSV downloads per image and pooled, the
 * drift report of two model versions side by side, and bad moments (a key revoked mid-session, a
 * lost connection) said in words.
 */
describe.skipIf(!chromiumAvailable)('console measurements in headless Chromium against the real platform', () => {
  let platform: TestPlatform;
  let lab: Group;
  let browser: Browser;
  let subset: Awaited<ReturnType<typeof benchmarkSubset>>;
  let work: string;
  let datasetId: string;
  let imageIds: string[];
  let layerImageId: string;
  let nc: NatsConnection;
  let registry: RequestServer;

  const at = (path: string) => new URL(path, platform.consoleUrl).href;
  const openSignedIn = async (path: string, apiKey = lab.apiKey): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true })).newPage();
    await page.goto(at(path));
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  /** Clicks a download button and reads the file the browser saved. */
  const download = async (page: Page, button: ReturnType<Page['getByRole']>): Promise<string[][]> => {
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const text = await readFile((await file.path()) ?? '', 'utf8');
    return text.trim().split('\n').map((line) => line.split(','));
  };

  /** Uploads a model's mask for an image, labelled as that model version (a label that is no registry id, as an outside model's). */
  const uploadModelMask = async (imageId: string, mask: Buffer, modelVersionId: string) => {
    const { createMaskUpload: ticket } = await lab.client.request<{ createMaskUpload: { uploadId: string; url: string } }>(
      'mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }',
      { input: { imageId, fileName: 'model-mask.png', sizeBytes: mask.length, sha256: sha256(mask) } },
    );
    expect((await putToUrl(ticket.url, mask)).ok).toBe(true);
    await lab.client.request('mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id } }', {
      input: { uploadId: ticket.uploadId, source: 'model', modelVersionId },
    });
  };

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    work = await mkdtemp(join(tmpdir(), 'console-measurements-'));
    subset = await benchmarkSubset();
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], {}, { console: true });
    lab = await platform.newGroup('Superalloy lab');
    nc = await platform.infrastructure.connectNats('console-measurements');
    registry = serveTwoVersions(nc, platform, lab.groupId);
    const imported = await microsegJson<{ datasets: { id: string }[] }>(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', subset.dir, '--name', 'MicroNet subset', '--material', 'super']);
    datasetId = imported.datasets[0]?.id ?? '';
    const { dataset } = await lab.client.request<{ dataset: { images: { nodes: { id: string; masks: { indexUrl: string }[] }[] } } }>(
      'query($id: ID!) { dataset(id: $id) { images { nodes { id masks { indexUrl } } } } }',
      { id: datasetId },
    );
    imageIds = dataset.images.nodes.map((image) => image.id);

    // Two "model versions" on two images: the manual mask as the old one's, and the same mask with
    // its right half cleared of particles as the new one's, so the drift is known to be a loss.
    for (const image of dataset.images.nodes.slice(0, 2)) {
      const truth = Buffer.from(await (await fetch(image.masks[0]?.indexUrl ?? '')).arrayBuffer());
      const { data, info } = await sharp(truth).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
      const halved = Uint8Array.from(data, (value, i) => (i % info.width >= info.width / 2 ? 0 : value));
      await uploadModelMask(image.id, truth, OLD_MODEL);
      await uploadModelMask(image.id, await sharp(halved, { raw: { width: info.width, height: info.height, channels: 1 } }).toColourspace('b-w').png().toBuffer(), NEW_MODEL);
    }

    // A coating: one layer whose thickness steps up along the image, measured as a layer.
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'Oxide scale', material: 'coating', classes: [{ index: 0, name: 'substrate', color: '#000000' }, { index: 1, name: 'oxide', color: '#ff8800' }] } },
    );
    await lab.client.request('mutation($id: ID!) { setMeasurementProfile(datasetId: $id, input: { classes: [0, 1], thickness: { classes: [1], radius: 1, minArea: 50 } }) { profileHash } }', {
      id: createDataset.id,
    });
    const [width, height] = [160, 96];
    const layer = Uint8Array.from({ length: width * height }, (_, i) => {
      const [x, y] = [i % width, Math.floor(i / width)];
      return y >= 30 && y < 30 + 8 + 4 * Math.floor(x / 40) ? 1 : 0;
    });
    await writeFile(join(work, 'oxide.png'), await grayPng(width, height, 3));
    await writeFile(join(work, 'oxide-mask.png'), await sharp(layer, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toBuffer());
    const uploaded = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', join(work, 'oxide.png'), '--dataset', createDataset.id, '--mask', join(work, 'oxide-mask.png')]);
    layerImageId = uploaded.image.id;
    browser = await launchChromium();

    // Every mask measured: 3 manual, 2 by each model version, and the layer.
    await eventually(async () => {
      const { datasetMeasurementSummary: summary } = await lab.client.request<{ datasetMeasurementSummary: { sources: { maskCount: number }[] } }>(
        'query($id: ID!) { datasetMeasurementSummary(datasetId: $id) { sources { maskCount } } }',
        { id: datasetId },
      );
      return summary.sources.map((s) => s.maskCount).sort().join() === '2,2,3' ? true : undefined;
    }, 'the measurements of every mask', 120_000);
    await eventually(async () => ((await lab.client.request<{ imageMeasurements: { nodes: unknown[] } }>('query($id: ID!) { imageMeasurements(imageId: $id) { nodes { id } } }', { id: layerImageId })).imageMeasurements.nodes.length ? true : undefined), 'the layer measurement', 120_000);
  }, 300_000);
  afterAll(async () => {
    await registry?.stop();
    await nc?.close();
    await browser?.close();
    await platform?.stop();
    await subset?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("draws the dataset's pooled size histogram and area fractions in the page, bar for bar as the measurements have them, and downloads the pooled CSV", async () => {
    const { datasetMeasurementSummary } = await lab.client.request<{ datasetMeasurementSummary: { sources: { source: string; particles: { class: number; count: number; areaFraction: number; histogram: Histogram }[] }[] } }>(
      'query($id: ID!) { datasetMeasurementSummary(datasetId: $id, source: GROUND_TRUTH) { sources { source particles { class count areaFraction histogram { edges counts } } } } }',
      { id: datasetId },
    );
    const truth = datasetMeasurementSummary.sources[0]!;
    const page = await openSignedIn(`datasets/${datasetId}`);
    const pooled = page.getByRole('article', { name: 'Pooled measurements of the Manual masks' });
    await pooled.getByRole('heading', { name: 'Manual masks: 3 measured' }).waitFor();
    const scope = 'article[aria-label="Pooled measurements of the Manual masks"]';
    await chartDrawn(page, scope, 'size_histogram');
    await chartDrawn(page, scope, 'area_fractions');

    // One bar per bin of every class, each as tall as its count (Vega labels each bar with its numbers).
    const sizeBars = await markLabels(page, scope, 'size_histogram');
    console.log(`pooled size histogram: ${sizeBars.length} bars, e.g. "${sizeBars[0]}"`);
    expect(sizeBars.map((label) => fieldOf(label, 'objects')).sort((a, b) => a - b)).toEqual(truth.particles.flatMap((p) => p.histogram.counts).sort((a, b) => a - b));
    const fractionBars = await markLabels(page, scope, 'area_fractions');
    console.log(`pooled area fractions: "${fractionBars.join('" "')}"`);
    expect(fractionBars.map((label) => fieldOf(label, 'area fraction'))).toEqual(truth.particles.map((p) => Math.round(1000 * p.areaFraction) / 10));
    // Each bar is named as the dataset names its class, not by the class's number.
    const { dataset } = await lab.client.request<{ dataset: { classes: { index: number; name: string }[] } }>('query($id: ID!) { dataset(id: $id) { classes { index name } } }', { id: datasetId });
    const className = (index: number) => dataset.classes.find((c) => c.index === index)?.name;
    expect(fractionBars.map((label) => /^class: ([^;]+);/.exec(label)?.[1])).toEqual(truth.particles.map((p) => className(p.class)));
    expect(await pooled.getByRole('figure', { name: /^Particle sizes/ }).textContent()).toContain(className(truth.particles[0]!.class));
    expect(await pooled.getByRole('figure', { name: /^Particle sizes, ground truth \(3 masks\)/ }).count()).toBe(1);

    const csv = await download(page, pooled.getByRole('button', { name: 'Download the particles as CSV' }));
    const header = csv[0] ?? [];
    const rows = csv.slice(1);
    expect(header.slice(0, 3)).toEqual(['measurement_id', 'image_id', 'mask_id']);
    expect(rows).toHaveLength(truth.particles.reduce((n, p) => n + p.count, 0));
    expect(new Set(rows.map((row) => row[header.indexOf('image_id')]))).toEqual(new Set(imageIds));
    expect(new Set(rows.map((row) => row[header.indexOf('source')]))).toEqual(new Set(['ground_truth']));
    await pooled.screenshot({ path: join(SCREENSHOTS, 'dataset-measurements-charts.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("draws an image's own histogram and area fractions for each of its masks, and downloads that image's CSV only", async () => {
    const imageId = imageIds[0]!;
    const { imageMeasurements } = await lab.client.request<{ imageMeasurements: { nodes: { particles: { class: number; count: number; histogram: Histogram }[] }[] } }>(
      'query($id: ID!) { imageMeasurements(imageId: $id, source: GROUND_TRUTH) { nodes { particles { class count histogram { edges counts } } } } }',
      { id: imageId },
    );
    const truth = imageMeasurements.nodes[0]!;
    const page = await openSignedIn(`images/${imageId}`);
    const manual = page.getByRole('article', { name: 'Measurements of the Manual mask' });
    await manual.waitFor();
    const scope = 'article[aria-label="Measurements of the Manual mask"]';
    await chartDrawn(page, scope, 'size_histogram');
    await chartDrawn(page, scope, 'area_fractions');
    const sizeBars = await markLabels(page, scope, 'size_histogram');
    expect(sizeBars.map((label) => fieldOf(label, 'objects')).sort((a, b) => a - b)).toEqual(truth.particles.flatMap((p) => p.histogram.counts).sort((a, b) => a - b));
    const { dataset } = await lab.client.request<{ dataset: { classes: { index: number; name: string }[] } }>('query($id: ID!) { dataset(id: $id) { classes { index name } } }', { id: datasetId });
    // Bars named as the dataset names the classes, as on the dataset page.
    expect((await markLabels(page, scope, 'area_fractions')).map((label) => /^class: ([^;]+);/.exec(label)?.[1])).toEqual(
      truth.particles.map((p) => dataset.classes.find((c) => c.index === p.class)?.name),
    );
    // Each model version's mask has its own measurements and charts on the page.
    for (const label of [OLD_MODEL, NEW_MODEL]) await page.getByRole('article', { name: `Measurements of the Model ${label}` }).getByRole('figure', { name: 'Particle size distribution' }).waitFor();

    const csv = await download(page, manual.getByRole('button', { name: 'Download the particles of the Manual mask as CSV' }));
    const header = csv[0] ?? [];
    expect(csv.slice(1)).toHaveLength(truth.particles.reduce((n, p) => n + p.count, 0));
    expect(new Set(csv.slice(1).map((row) => `${row[header.indexOf('image_id')]} ${row[header.indexOf('source')]}`))).toEqual(new Set([`${imageId} ground_truth`]));
    await manual.screenshot({ path: join(SCREENSHOTS, 'image-measurements-charts.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("draws a layer's thickness histogram and its thickness profile along the image", async () => {
    const { imageMeasurements } = await lab.client.request<{ imageMeasurements: { nodes: { thickness: { skeletonPixels: number; thickness: { min: number; max: number } } | null }[] } }>(
      'query($id: ID!) { imageMeasurements(imageId: $id) { nodes { thickness { skeletonPixels thickness { min max } } } } }',
      { id: layerImageId },
    );
    const layer = imageMeasurements.nodes[0]?.thickness;
    expect(layer?.skeletonPixels).toBeGreaterThan(0);
    const page = await openSignedIn(`images/${layerImageId}`);
    const scope = 'article[aria-label="Measurements of the Manual mask"]';
    await page.locator(scope).waitFor();
    await chartDrawn(page, scope, 'thickness_histogram');
    await chartDrawn(page, scope, 'thickness_profile');
    const bins = await markLabels(page, scope, 'thickness_histogram');
    expect(bins.reduce((n, label) => n + fieldOf(label, 'medial-axis pixels'), 0)).toBe(layer?.skeletonPixels);
    expect(await page.locator(`${scope} figure[data-kind="thickness_profile"] svg .mark-line path`).count()).toBe(1);
    expect(await page.locator(`${scope} figure[data-kind="area_fractions"]`).count()).toBe(0);
    await page.locator(scope).screenshot({ path: join(SCREENSHOTS, 'layer-thickness-charts.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('shows the drift report of two model versions side by side at its own URL', async () => {
    const { driftReport } = await lab.client.request<{ driftReport: { images: { imageId: string; classes: { class: number; count: { old: number; new: number } }[] }[] } }>(
      'query($d: ID!, $f: ID!, $t: ID!) { driftReport(datasetId: $d, fromVersionId: $f, toVersionId: $t) { images { imageId classes { class count { old new } } } } }',
      { d: datasetId, f: OLD_MODEL, t: NEW_MODEL },
    );
    expect(driftReport.images).toHaveLength(2);
    const page = await openSignedIn(`drift?dataset=${datasetId}&from=${OLD_MODEL}&to=${NEW_MODEL}`);
    await page.getByRole('heading', { level: 1, name: 'Drift on MicroNet subset' }).waitFor();
    await page.getByRole('table', { name: 'Per image: old and new side by side' }).waitFor();
    // The versions are named as the registry names them, each a link to its page.
    expect(await page.getByRole('link', { name: 'outside-unet v1', exact: true }).getAttribute('href')).toBe(`/model-versions/${OLD_MODEL}`);
    expect(await page.getByRole('link', { name: 'outside-unet v2', exact: true }).getAttribute('href')).toBe(`/model-versions/${NEW_MODEL}`);
    // Objects old and new of every image and class, in the report's order.
    const cells = await page.evaluate<string[][]>(
      `[...document.querySelectorAll('table.drift-images tbody tr')].map((row) => [...row.querySelectorAll('td.number')].slice(0, 2).map((cell) => cell.textContent))`,
    );
    expect(cells).toEqual(driftReport.images.flatMap((image) => image.classes.map((c) => [String(c.count.old), String(c.count.new)])));
    // The new version's masks lost the right half's particles: fewer objects, never more.
    expect(driftReport.images.every((image) => image.classes.every((c) => c.count.new <= c.count.old))).toBe(true);
    await screenshot(page, 'drift');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('ends the session in words and returns to sign-in when the key is revoked mid-session, even on a download', async () => {
    const { createApiKey } = await lab.client.request<{ createApiKey: { key: { id: string }; secret: string } }>('mutation { createApiKey(input: { name: "console measurements e2e" }) { key { id } secret } }');
    const page = await openSignedIn(`datasets/${datasetId}`, createApiKey.secret);
    const button = page.getByRole('article', { name: 'Pooled measurements of the Manual masks' }).getByRole('button', { name: 'Download the particles as CSV' });
    await button.waitFor();
    await lab.client.request('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: createApiKey.key.id });
    await button.click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('revoked');
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
  });

  it('says in words that the platform cannot be reached when the connection drops, keeps the page, and works again once it is back', async () => {
    const page = await openSignedIn(`datasets/${datasetId}`);
    const pooled = page.getByRole('article', { name: 'Pooled measurements of the Manual masks' });
    const button = pooled.getByRole('button', { name: 'Download the particles as CSV' });
    await button.waitFor();
    await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
    await button.click();
    const alert = pooled.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('cannot be reached');
    expect(await page.getByRole('heading', { level: 1, name: 'MicroNet subset' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await screenshot(page, 'connection-lost');
    await page.unroute('**/graphql');
    expect((await download(page, button)).length).toBeGreaterThan(1);
    expect(await alert.count()).toBe(0);
  });
});
