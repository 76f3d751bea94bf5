import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { benchmarkSubset } from './benchmark-subset.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { firstClassPixel, overlayAgreement } from './overlay-pixels.ts';

/** Screenshots a person can look at after a run (gitignored). */
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

interface DatasetView {
  dataset: { classes: { index: number; color: string }[]; images: { nodes: { id: string; name: string; masks: { indexUrl: string }[] }[] } };
}

describe.skipIf(!chromiumAvailable)('web console in headless Chromium against the real platform', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let browser: Browser;
  let subset: Awaited<ReturnType<typeof benchmarkSubset>>;
  let datasetId: string;
  let consoleUrl: string;

  const newPage = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  const signIn = async (page: Page, apiKey: string) => {
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    subset = await benchmarkSubset();
    platform = await startTestPlatform(['identity', 'dataset', 'metrology'], {}, { console: true });
    consoleUrl = platform.consoleUrl ?? '';
    lab = await platform.newGroup('Superalloy lab');
    const summary = await microsegJson<{ datasets: { id: string }[] }>(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', subset.dir, '--name', 'MicroNet subset', '--material', 'super']);
    datasetId = summary.datasets[0]?.id ?? '';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await subset?.cleanup();
  });

  it('refuses a wrong key with a message in words, not a blank page', async () => {
    const page = await newPage();
    await page.goto(consoleUrl);
    await signIn(page, 'msk_this-is-not-a-key');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('was not accepted');
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await screenshot(page, 'sign-in-refused');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('opens a deep link after sign-in, shows the group and role, and keeps the key for the tab only', async () => {
    const page = await newPage();
    await page.goto(new URL(`datasets/${datasetId}`, consoleUrl).href);
    await signIn(page, lab.apiKey);
    await page.getByRole('heading', { level: 1, name: 'MicroNet subset' }).waitFor();
    expect(await page.getByTestId('who').textContent()).toContain('Superalloy lab');
    expect(await page.getByTestId('who').textContent()).toContain('admin');
    expect(await page.evaluate<number[]>('[sessionStorage.length, localStorage.length]')).toEqual([1, 0]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
  });

  it("shows another group's private dataset as not found, in words", async () => {
    const other = await platform.newGroup('Coatings lab');
    const page = await newPage();
    await page.goto(new URL(`datasets/${datasetId}`, consoleUrl).href);
    await signIn(page, other.apiKey);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Not found');
    expect(await page.getByText('MicroNet subset').count()).toBe(0);
  });

  it('lists datasets and shows a dataset with its versions, splits and a filtered image grid', async () => {
    const page = await newPage();
    await page.goto(new URL('datasets', consoleUrl).href);
    await signIn(page, lab.apiKey);
    await page.getByRole('link', { name: 'MicroNet subset' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'MicroNet subset' }).click();
    const grid = page.getByRole('list', { name: 'Images' });
    await grid.waitFor();
    expect(await grid.getByRole('listitem').count()).toBe(3);
    expect(await page.getByRole('row', { name: /^v1\b/ }).count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: 'Super1' }).count()).toBe(1);
    await screenshot(page, 'dataset');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A full load of the dataset page (the key stays in the tab), until every thumbnail is drawn.
    const started = Date.now();
    await page.goto(page.url());
    await page.waitForFunction("document.querySelectorAll('.image-grid img').length === 3 && [...document.querySelectorAll('.image-grid img')].every((img) => img.complete && img.naturalWidth > 0)");
    console.log(`dataset page loaded with its thumbnails in ${Date.now() - started} ms`);

    await page.getByLabel('Split').selectOption('Super1:val');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/split=Super1%3Aval/);
    await expect.poll(() => grid.getByRole('listitem').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining(subset.images.val)]);

    await page.goto(new URL(`datasets/${datasetId}?mask=no`, consoleUrl).href);
    await page.getByText('No image matches these filters.').waitFor();

    const { dataset } = await lab.client.request<DatasetView>('query($id: ID!) { dataset(id: $id) { classes { index color } images { nodes { id name masks { indexUrl } } } } }', { id: datasetId });
    const test = dataset.images.nodes.find((i) => i.name === subset.images.test);
    await lab.client.request('mutation($id: ID!) { updateImage(id: $id, input: { limsId: "LIMS-0042" }) { id } }', { id: test?.id });
    await page.goto(new URL(`datasets/${datasetId}?lims=LIMS-0042`, consoleUrl).href);
    await expect.poll(() => grid.getByRole('listitem').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining(subset.images.test)]);
  });

  it('draws the manual mask over the deep-zoom image in class colours where the mask has its classes, with a scale bar and the particle under the pointer', async () => {
    const { dataset } = await lab.client.request<DatasetView>('query($id: ID!) { dataset(id: $id) { classes { index color } images { nodes { id name masks { indexUrl } } } } }', { id: datasetId });
    const image = dataset.images.nodes.find((i) => i.name === subset.images.train);
    const page = await newPage();
    await page.goto(new URL(`images/${image?.id}`, consoleUrl).href);
    await signIn(page, lab.apiKey);
    const viewer = page.getByRole('figure', { name: /with the Manual mask/ });
    await viewer.waitFor();
    const drawn = () => page.waitForFunction("document.querySelector('.deep-zoom')?.getAttribute('aria-busy') === 'false'", undefined, { timeout: 60_000 });
    await drawn();
    await page.getByRole('slider', { name: 'Mask opacity' }).fill('100');
    await page.getByRole('button', { name: 'Actual pixels' }).click();
    await drawn();
    // Tiles drawn one image pixel per screen pixel, the image's corner on a whole pixel (the button's job).
    const imageClip = async () => {
      const rect = (await page.getByTestId('deep-zoom').getAttribute('data-image-rect'))?.split(',').map(Number) ?? [];
      const [left = 0, top = 0, width = 0, height = 0] = rect;
      const box = await page.getByTestId('deep-zoom').boundingBox();
      return { x: Math.round((box?.x ?? 0) + left), y: Math.round((box?.y ?? 0) + top), width: Math.round(width), height: Math.round(height) };
    };
    let clip = await imageClip();
    const mask = Buffer.from(await (await fetch(image?.masks[0]?.indexUrl ?? '')).arrayBuffer());
    // The figure is busy while tiles load, but the zoom that "Actual pixels" starts can begin a frame
    // after the check above saw it idle: look again until the overlay is drawn (or the poll times out).
    await expect
      .poll(
        async () => {
          clip = await imageClip();
          const drawnNow = await overlayAgreement(await page.screenshot({ clip }), mask, dataset.classes);
          return drawnNow.classPixels > 0 ? drawnNow.classPixelsInColour / drawnNow.classPixels : 0;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBeGreaterThan(0.99);
    const agreement = await overlayAgreement(await page.screenshot({ clip }), mask, dataset.classes);
    console.log(`deep-zoom overlay: ${agreement.classPixelsInColour}/${agreement.classPixels} class pixels in their colour, ${agreement.backgroundPixelsGrey}/${agreement.backgroundPixels} background pixels grey`);
    expect(agreement.classPixels).toBeGreaterThan(0);
    expect(agreement.classPixelsInColour / agreement.classPixels).toBeGreaterThan(0.99);
    expect(agreement.backgroundPixelsGrey / agreement.backgroundPixels).toBeGreaterThan(0.99);

    // The benchmark's images have no pixel size: the bar counts pixels, and says why.
    expect(await page.getByTestId('scale-bar').textContent()).toMatch(/^\d+ px \(pixel size unknown\)$/);

    // Hover a pixel of a particle once metrology has measured the mask.
    await expect
      .poll(async () => (await lab.client.request<{ imageMeasurements: { nodes: unknown[] } }>('query($id: ID!) { imageMeasurements(imageId: $id) { nodes { id } } }', { id: image?.id })).imageMeasurements.nodes.length, { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
    const particle = await firstClassPixel(mask);
    await page.mouse.move(clip.x + particle.x + 0.5, clip.y + particle.y + 0.5);
    await expect.poll(() => page.getByTestId('particle-readout').textContent(), { timeout: 15_000 }).toMatch(/particle \d+: area [\d.]+ px², equivalent diameter [\d.]+ px/);

    await page.getByRole('slider', { name: 'Mask opacity' }).fill('60');
    await screenshot(page, 'image-overlay');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("shows the image's measurements once metrology has measured its mask", async () => {
    const { dataset } = await lab.client.request<DatasetView>('query($id: ID!) { dataset(id: $id) { classes { index color } images { nodes { id name masks { indexUrl } } } } }', { id: datasetId });
    const imageId = dataset.images.nodes[0]?.id;
    await expect
      .poll(async () => (await lab.client.request<{ imageMeasurements: { nodes: unknown[] } }>('query($id: ID!) { imageMeasurements(imageId: $id) { nodes { id } } }', { id: imageId })).imageMeasurements.nodes.length, { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
    const page = await newPage();
    await page.goto(new URL(`images/${imageId}`, consoleUrl).href);
    await signIn(page, lab.apiKey);
    const measurements = page.getByRole('article', { name: 'Measurements of the Manual mask' });
    await measurements.waitFor();
    expect(await measurements.getByRole('row').count()).toBeGreaterThan(1);
    await writeFile(join(SCREENSHOTS, 'measurements.png'), await measurements.screenshot());
  });

  it("pools the dataset's measurements with metrology's histogram drawn in the page, and exports them as CSV", async () => {
    const summary = `query($id: ID!) { datasetMeasurementSummary(datasetId: $id) { sources { maskCount } } }`;
    await expect
      .poll(async () => (await lab.client.request<{ datasetMeasurementSummary: { sources: { maskCount: number }[] } }>(summary, { id: datasetId })).datasetMeasurementSummary.sources[0]?.maskCount, { timeout: 60_000, interval: 500 })
      .toBe(3);
    const page = await newPage();
    await page.goto(new URL(`datasets/${datasetId}`, consoleUrl).href);
    await signIn(page, lab.apiKey);
    const pooled = page.getByRole('article', { name: 'Pooled measurements of the Manual masks' });
    await pooled.getByRole('heading', { name: 'Manual masks: 3 measured' }).waitFor();
    // Drawn in the page from metrology's Vega-Lite spec (checked bar for bar in measurements.test.ts).
    await pooled.getByRole('figure', { name: /^Particle sizes, ground truth/ }).waitFor();
    await page.waitForFunction("document.querySelector('figure[data-kind=\"size_histogram\"][aria-busy=\"false\"] svg') !== null");
    const [csvRequest] = await Promise.all([
      page.waitForRequest((request) => request.url().includes('X-Amz-Signature')),
      pooled.getByRole('button', { name: 'Download the particles as CSV' }).click(),
    ]);
    const csv = await (await fetch(csvRequest.url())).text();
    expect(csv.trim().split('\n').length).toBeGreaterThan(10);
    await writeFile(join(SCREENSHOTS, 'dataset-measurements.png'), await pooled.screenshot());
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('ends the session with a clear message when the key is revoked while signed in', async () => {
    const { createApiKey } = await lab.client.request<{ createApiKey: { key: { id: string }; secret: string } }>('mutation { createApiKey(input: { name: "console e2e" }) { key { id } secret } }');
    const page = await newPage();
    await page.goto(new URL('datasets', consoleUrl).href);
    await signIn(page, createApiKey.secret);
    await page.getByRole('link', { name: 'MicroNet subset' }).waitFor();
    await lab.client.request('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: createApiKey.key.id });
    await page.getByRole('link', { name: 'MicroNet subset' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('revoked');
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await screenshot(page, 'revoked-key');
  });

  // Last: it stops the gateway.
  it('says in words that the platform is not answering when the gateway goes away, keeping the page', async () => {
    const page = await newPage();
    await page.goto(new URL('datasets', consoleUrl).href);
    await signIn(page, lab.apiKey);
    await page.getByRole('link', { name: 'MicroNet subset' }).waitFor();
    await platform.platform.processes.get('gateway')?.stop();
    await page.getByRole('link', { name: 'MicroNet subset' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('not answering');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await screenshot(page, 'gateway-down');
  });
});
