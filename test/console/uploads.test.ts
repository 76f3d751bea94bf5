import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { CLASSES, type TinyModelDataset, setUpTinyModelDataset } from '../pipeline/registry-stand-in.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const BENCHMARK = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark');
/** The smallest part S3 allows: an 8 MB micrograph goes up in two parts. */
const PART_BYTES = 5 * 1024 * 1024;

describe.skipIf(!chromiumAvailable)('web console uploads in headless Chromium against the real platform', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let browser: Browser;
  let consoleUrl: string;
  let scratch: string;
  /** A dataset whose automation policy follows a tiny model (a real artifact the inference service runs). */
  let automated: TinyModelDataset;
  let automatedId: string;
  /** A dataset without a policy, for the refusals and the large upload. */
  let plainId: string;

  const cli = <T>(...args: string[]) => microsegJson<T>(platform.graphqlUrl, lab.apiKey, args);
  const imageCount = async (id: string) => (await lab.client.request<{ dataset: { imageCount: number } }>('query($id: ID!) { dataset(id: $id) { imageCount } }', { id })).dataset.imageCount;
  const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const openDataset = async (id: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await page.goto(new URL(`datasets/${id}`, consoleUrl).href);
    await page.getByLabel('API key').fill(lab.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Upload images and masks' }).waitFor();
    // Gone after a reload: the checks below prove the page never reloaded.
    await page.evaluate('window.sameDocument = true');
    return page;
  };
  const uploadRow = (page: Page, name: string): Locator => page.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: name });
  const gridNames = async (page: Page) => page.locator('.image-grid .image-name').allTextContents();

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    scratch = await mkdtemp(join(tmpdir(), 'microseg-console-uploads-'));
    // No training service: training a model takes minutes on a loaded CI machine, and the
    // training suites cover it. The registry answers come from the pipeline suites' stand-in.
    platform = await startTestPlatform(['identity', 'dataset', 'inference', 'metrology'], { MICROSEG_TF_BACKEND: 'wasm', DATASET_MULTIPART_THRESHOLD_BYTES: String(PART_BYTES) }, { console: true });
    consoleUrl = platform.consoleUrl ?? '';
    lab = await platform.newGroup('Upload lab');
    automated = await setUpTinyModelDataset(platform, lab, { name: 'Automated superalloy' });
    automatedId = automated.datasetId;
    await cli('policy', 'create', '--dataset', automatedId, '--model', 'tiny-unet', '--alias', 'production');
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
      input: { name: 'Uploads by hand', material: 'super', classes: CLASSES },
    });
    plainId = createDataset.id;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await automated?.stop();
    await platform?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('uploads a dropped benchmark micrograph with a progress bar to done, and shows it and its automatic result without reloading', async () => {
    const page = await openDataset(automatedId);
    await page.getByText('No image matches these filters.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A real drop event on the zone, carrying the file as a browser builds it from the desktop.
    const bytes = await readFile(join(BENCHMARK, 'images', 'super', 'spot2_0d_0.png'));
    // A string: the test is compiled for Node, whose types have no DataTransfer.
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(${JSON.stringify(bytes.toString('base64'))}), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'spot2_0d_0.png', { type: 'image/png' }));
      return transfer;
    })()`);
    const uploadedAt = Date.now();
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
    const row = uploadRow(page, 'spot2_0d_0.png');
    await row.and(page.locator('[data-state="done"]')).waitFor({ timeout: 60_000 });
    expect(await row.getByRole('progressbar').getAttribute('value')).toBe('100');
    console.log(`drop -> upload done in ${Date.now() - uploadedAt} ms (hash, presigned PUT, decode and store)`);
    await expect.poll(() => gridNames(page), { timeout: 30_000 }).toContain('spot2_0d_0');

    const result = row.getByText(/^Automatic result: \d+ objects measured on the model's mask$/);
    await result.waitFor({ timeout: 300_000 });
    console.log(`drop -> automatic measurement shown in ${((Date.now() - uploadedAt) / 1000).toFixed(1)} s (wasm inference, metrology, graphql-ws)`);
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    await screenshot(page, 'upload-automatic-result');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 600_000);

  it('shows an image another client adds to the dataset without reloading', async () => {
    const page = await openDataset(plainId);
    const file = join(scratch, 'from-the-cli.png');
    await writeFile(file, await sharp(join(BENCHMARK, 'images', 'super', 'spot1_0d_1.png')).flop().png().toBuffer());
    await cli('image', 'upload', file, '--dataset', plainId);
    await expect.poll(() => gridNames(page), { timeout: 30_000 }).toEqual(['from-the-cli']);
    expect(await page.evaluate('window.sameDocument')).toBe(true);
  });

  it('says in words next to a corrupt file why it was refused, and the dataset does not grow', async () => {
    const page = await openDataset(plainId);
    const before = await imageCount(plainId);
    const whole = await readFile(join(BENCHMARK, 'images', 'super', 'spot1_0d_0.png'));
    await page.getByLabel('Choose images').setInputFiles({ name: 'cut-short.png', mimeType: 'image/png', buffer: whole.subarray(0, whole.length / 2) });
    const row = uploadRow(page, 'cut-short.png');
    await row.and(page.locator('[data-state="failed"]')).waitFor({ timeout: 60_000 });
    expect(await row.locator('.error-words').textContent()).toMatch(/^The platform refused the input\. the PNG is truncated/);
    expect(await row.locator('.error-code').textContent()).toMatch(/^INVALID_INPUT · (truncated|corrupt)$/);
    expect(await imageCount(plainId)).toBe(before);
    expect(await gridNames(page)).not.toContain('cut-short');
    await writeFile(join(SCREENSHOTS, 'upload-corrupt.png'), await page.getByRole('region', { name: 'Upload images and masks' }).screenshot());
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('takes back the image of a folder whose mask is refused, and says why', async () => {
    const folder = join(scratch, 'session-7');
    await mkdir(join(folder, 'masks'), { recursive: true });
    await writeFile(join(folder, 'grain-a.png'), await sharp(join(BENCHMARK, 'images', 'super', 'spot1_180d_5.png')).flip().png().toBuffer());
    // A mask of another size than its image: the platform refuses it.
    await writeFile(join(folder, 'masks', 'grain-a.png'), await sharp(new Uint8Array(32 * 32), { raw: { width: 32, height: 32, channels: 1 } }).png().toBuffer());
    await writeFile(join(folder, 'notes.txt'), 'SEM session 7');
    const page = await openDataset(plainId);
    const before = await imageCount(plainId);
    await page.getByLabel('Choose a folder').setInputFiles(folder);
    const row = uploadRow(page, 'session-7/grain-a.png');
    await row.and(page.locator('[data-state="failed"]')).waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain('session-7/grain-a.png + session-7/masks/grain-a.png');
    expect(await row.locator('.error-words').textContent()).toMatch(/^The mask was refused: .*The image was not kept either/);
    expect(await row.locator('.error-code').textContent()).toBe('INVALID_INPUT · mask-size-mismatch');
    expect(await uploadRow(page, 'session-7/notes.txt').locator('.error').textContent()).toBe('Not a PNG, TIFF or JPEG image.');
    expect(await imageCount(plainId)).toBe(before);
    await expect.poll(() => gridNames(page)).not.toContain('grain-a');
  });

  it('uploads a micrograph above the part size in parts, each with its progress', async () => {
    // 2,900 x 2,900 grey pixels, uncompressed: 8.4 MB, two parts of 5 MiB.
    const side = 2_900;
    const pixels = Uint8Array.from({ length: side * side }, (_, i) => ((i % side) ^ Math.floor(i / side)) & 0xff);
    const tiff = await sharp(pixels, { raw: { width: side, height: side, channels: 1 } }).toColourspace('b-w').tiff({ compression: 'none' }).toBuffer();
    expect(tiff.length).toBeGreaterThan(PART_BYTES);
    const page = await openDataset(plainId);
    const parts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('partNumber=')) parts.push(new URL(request.url()).searchParams.get('partNumber') ?? '');
    });
    // From disk: a buffer this size crawls through the DevTools protocol on a loaded machine.
    const file = join(scratch, 'large-field.tif');
    await writeFile(file, tiff);
    await page.getByLabel('Choose images').setInputFiles(file);
    const row = uploadRow(page, 'large-field.tif');
    await row.and(page.locator('[data-state="done"]')).waitFor({ timeout: 120_000 });
    expect(parts.map(Number).sort((a, b) => a - b)).toEqual([1, 2]);
    const { dataset } = await lab.client.request<{ dataset: { images: { nodes: { name: string; width: number; sizeBytes: number }[] } } }>(
      'query($id: ID!) { dataset(id: $id) { images { nodes { name width sizeBytes } } } }',
      { id: plainId },
    );
    expect(dataset.images.nodes).toContainEqual({ name: 'large-field', width: side, sizeBytes: tiff.length });
  });
});
