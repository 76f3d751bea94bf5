import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { benchmarkSubset } from './benchmark-subset.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
/** Real epochs of UNet-ResNet18 on wasm: generous on a loaded 2-core machine. */
const TRAINING_TIMEOUT_MS = 420_000;

type Group = Awaited<ReturnType<TestPlatform['newGroup']>>;

/**
 * The registry, training and pipeline pages in headless Chromium against the real platform: a
 * job started from the form (3 short epochs on one 64 px crop; the network is real, its accuracy
 * is not the point) draws its curve from the subscription, an alias is set and a stale move is
 * refused in words, a policy runs, and a LIMS sample id opens its image.
 */
describe.skipIf(!chromiumAvailable)('console: models, training and pipeline in headless Chromium', () => {
  let platform: TestPlatform;
  let lab: Group;
  let browser: Browser;
  let subset: Awaited<ReturnType<typeof benchmarkSubset>>;
  let datasetId: string;
  let consoleUrl: string;
  let firstVersionId: string;

  const at = (path: string) => new URL(path, consoleUrl).href;
  const newPage = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  const openSignedIn = async (path: string, apiKey = lab.apiKey): Promise<Page> => {
    const page = await newPage();
    await page.goto(at(path));
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    subset = await benchmarkSubset();
    platform = await startTestPlatform(['identity', 'dataset', 'training', 'inference', 'metrology'], { MICROSEG_TF_BACKEND: 'wasm', TRAINING_LOCAL_WORKERS: '1' }, { console: true });
    consoleUrl = platform.consoleUrl ?? '';
    lab = await platform.newGroup('Superalloy lab');
    const summary = await microsegJson<{ datasets: { id: string }[] }>(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', subset.dir, '--name', 'MicroNet subset', '--material', 'super']);
    datasetId = summary.datasets[0]?.id ?? '';
    browser = await launchChromium();
    // Five services and the console build on a shared 2-core machine.
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await subset?.cleanup();
  });

  it('starts a training job from the form and draws its loss and IoU curves live, without a reload', async () => {
    const page = await openSignedIn('training/new');
    await page.getByLabel('Training dataset').selectOption({ label: 'MicroNet subset' });
    await page.getByLabel('Split').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A refusal comes back in words next to the form, and nothing is queued.
    await page.getByRole('combobox', { name: 'Encoder' }).fill('resnet-nonexistent');
    await page.getByRole('button', { name: 'Start training' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/refused the input.*unknown encoder 'resnet-nonexistent'/);
    const { trainingJobs } = await lab.client.request<{ trainingJobs: { nodes: unknown[] } }>('{ trainingJobs { nodes { id } } }');
    expect(trainingJobs.nodes).toEqual([]);

    await page.getByRole('combobox', { name: 'Encoder' }).fill('resnet18');
    await page.getByLabel('Model name').fill('superalloy-unet');
    await page.getByLabel('Epochs at most').fill('3');
    await page.getByLabel('Crop size (px)').fill('64');
    await page.getByLabel('Seed').fill('1');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForURL(/\/training\/[0-9a-f-]{36}$/);
    // Gone after a reload: proves the points below arrived over the subscription, in this page.
    await page.evaluate('window.__noReload = true');

    const pointCounts: number[] = [];
    const started = Date.now();
    for (;;) {
      const count = Number(await page.locator('[data-series="val-iou"]').getAttribute('data-points'));
      if (pointCounts.at(-1) !== count) pointCounts.push(count);
      if ((await page.getByTestId('job-state').textContent())?.startsWith('Succeeded')) break;
      if (Date.now() - started > TRAINING_TIMEOUT_MS) throw new Error(`training did not finish; points seen ${pointCounts.join(', ')}`);
      await page.waitForTimeout(200);
    }
    console.log(`training curve points seen in the page, in order: ${pointCounts.join(' -> ')}`);
    expect(pointCounts.at(-1)).toBe(3);
    expect(pointCounts.length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-series="loss"] circle').count()).toBe(3);
    expect(await page.evaluate('window.__noReload')).toBe(true);

    const registered = page.getByRole('link', { name: 'superalloy-unet v1' });
    await registered.waitFor();
    firstVersionId = (await registered.getAttribute('href'))?.split('/').pop() ?? '';
    await screenshot(page, 'training-job');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, TRAINING_TIMEOUT_MS + 60_000);

  it('shows the registry and sets an alias from the version page, saying why a stale move is refused', async () => {
    // A second version, trained through the API, to move the alias to behind the page's back.
    const { startTraining } = await lab.client.request<{ startTraining: { id: string } }>('mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }', {
      input: { datasetId, experiment: 'Super1', architecture: 'unet', encoder: 'resnet18', modelName: 'superalloy-unet', recipe: { maxEpochs: 1, crop: 64, seed: 2 } },
    });

    const page = await openSignedIn('models');
    await page.getByRole('link', { name: 'superalloy-unet' }).click();
    await page.getByRole('heading', { level: 1, name: 'superalloy-unet' }).waitFor();
    await page.getByRole('button', { name: 'Edit the model card' }).click();
    await page.getByLabel('Description (Markdown)').fill('UNet-ResNet18 for gamma-prime precipitates.');
    await page.getByLabel('Pixel size', { exact: true }).fill('2.5');
    await page.getByRole('button', { name: 'Save the card' }).click();
    await page.getByText('UNet-ResNet18 for gamma-prime precipitates.').waitFor();
    expect(await page.getByRole('definition').filter({ hasText: '2.5 nm' }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'v1', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'superalloy-unet v1' }).waitFor();
    expect(await page.getByRole('link', { name: /^dataset version/ }).getAttribute('href')).toBe(`/datasets/${datasetId}`);
    // The calibrations made at registration on the validation split: how far to trust the version's intervals and flags.
    expect(await page.getByTestId('interval-calibration').textContent()).toMatch(/^calibrated to 95 % nominal coverage on \d+ validation images? \(each whole and in quadrants\)$/);
    expect(await page.getByTestId('ood-threshold').textContent()).toMatch(/^\d+\.\d{3} \(the 0\.99 quantile of \d+ validation scores? × 1\.15\)/);

    await page.getByRole('combobox', { name: 'Alias' }).fill('production');
    await page.getByRole('button', { name: 'Point the alias here' }).click();
    await page.getByRole('status').filter({ hasText: 'production now points to this version' }).waitFor();
    await expect.poll(() => page.getByTestId('version-aliases').textContent()).toContain('production');
    await screenshot(page, 'model-version');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await expect
      .poll(async () => (await lab.client.request<{ trainingJob: { state: string } }>('query($id: ID!) { trainingJob(id: $id) { state } }', { id: startTraining.id })).trainingJob.state, {
        timeout: TRAINING_TIMEOUT_MS,
        interval: 1000,
      })
      .toBe('succeeded');
    const { trainingJob } = await lab.client.request<{ trainingJob: { modelVersionId: string; modelVersion: { modelId: string } } }>('query($id: ID!) { trainingJob(id: $id) { modelVersionId modelVersion { modelId } } }', { id: startTraining.id });
    await lab.client.request('mutation($input: SetModelAliasInput!) { setModelAlias(input: $input) { id } }', {
      input: { modelId: trainingJob.modelVersion.modelId, alias: 'production', versionId: trainingJob.modelVersionId },
    });

    // The page still believes production is on v1: a guarded move is refused, with the reason.
    await page.getByRole('combobox', { name: 'Alias' }).fill('production');
    await page.getByLabel('Only if nobody moved it since this page loaded').check();
    await page.getByRole('button', { name: 'Point the alias here' }).click();
    const refused = page.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain(`alias production moved meanwhile: it points to ${trainingJob.modelVersionId}, not ${firstVersionId}`);
    await screenshot(page, 'alias-refused');

    // The drift report of v2 against v1 opens from v2's page, at its own URL (no model mask yet: nothing to compare).
    await page.goto(at(`model-versions/${trainingJob.modelVersionId}`));
    const compare = page.getByRole('form', { name: 'Compare with another version' });
    await compare.getByRole('combobox', { name: 'Old version' }).selectOption({ label: 'v1' });
    await compare.getByRole('combobox', { name: 'On the dataset' }).selectOption({ label: 'MicroNet subset' });
    await compare.getByRole('button', { name: 'Show the drift report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Drift on MicroNet subset' }).waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe(firstVersionId);
    await page.getByText('No image is measured by both versions yet.').waitFor();
  }, TRAINING_TIMEOUT_MS + 60_000);

  it('cancels a running job from its page and retries it from there, the page following each move', async () => {
    const { startTraining } = await lab.client.request<{ startTraining: { id: string } }>('mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }', {
      input: { datasetId, experiment: 'Super1', architecture: 'unet', encoder: 'resnet18', modelName: 'superalloy-long', recipe: { maxEpochs: 200, crop: 64, seed: 3 } },
    });
    const jobOf = async () => (await lab.client.request<{ trainingJob: { state: string; attempts: number } }>('query($id: ID!) { trainingJob(id: $id) { state attempts } }', { id: startTraining.id })).trainingJob;
    const page = await openSignedIn(`training/${startTraining.id}`);
    const state = page.getByTestId('job-state');
    await expect.poll(() => state.textContent(), { timeout: 120_000 }).toMatch(/^Running/);

    await page.getByRole('button', { name: 'Cancel the job' }).click();
    await expect.poll(() => state.textContent(), { timeout: 120_000 }).toMatch(/^Cancelled/);
    expect(await jobOf()).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(await page.getByRole('button', { name: 'Cancel the job' }).count()).toBe(0);
    await screenshot(page, 'training-cancelled');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Retry from the last checkpoint' }).click();
    await expect.poll(() => state.textContent(), { timeout: 120_000 }).toMatch(/^(Queued|Running)/);
    await expect.poll(async () => (await jobOf()).attempts, { timeout: 120_000 }).toBe(2);
    expect(['queued', 'running']).toContain((await jobOf()).state);
    await expect.poll(() => state.textContent(), { timeout: 120_000 }).toMatch(/^Running.* · attempt 2$/);
    expect(await page.getByRole('button', { name: 'Retry from the last checkpoint' }).count()).toBe(0);

    // Cancelled again, so the one training worker is free for what follows.
    await page.getByRole('button', { name: 'Cancel the job' }).click();
    await expect.poll(() => state.textContent(), { timeout: 120_000 }).toMatch(/^Cancelled/);
    expect((await jobOf()).state).toBe('cancelled');
  }, 360_000);

  it('shares a model version and a dataset with another group from their pages: that group then sees those, and nothing else', async () => {
    const coatings = await platform.newGroup('Coatings lab');
    await lab.client.request('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
      input: { name: 'Unpublished alloy', classes: [{ index: 0, name: 'matrix', color: '#000000' }, { index: 1, name: 'precipitate', color: '#00ff00' }] },
    });
    const linksIn = async (page: Page, table: string) => page.locator(`${table} tbody a`).allTextContents();

    // Before: the other group sees none of the lab's models or datasets.
    const theirs = await openSignedIn('models', coatings.apiKey);
    await theirs.getByText('No model yet').waitFor();
    await theirs.goto(at('datasets'));
    await theirs.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    expect(await theirs.getByRole('link', { name: 'MicroNet subset' }).count()).toBe(0);

    const page = await openSignedIn(`model-versions/${firstVersionId}`);
    const versionSharing = page.getByRole('form', { name: 'Sharing' });
    await versionSharing.getByLabel('Coatings lab').waitFor();
    await versionSharing.getByLabel('Shared with the groups ticked below').check();
    await versionSharing.getByLabel('Coatings lab').check();
    await versionSharing.getByRole('button', { name: 'Save sharing' }).click();
    await versionSharing.getByRole('status').filter({ hasText: 'Sharing saved.' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(at(`datasets/${datasetId}`));
    const datasetSharing = page.getByRole('form', { name: 'Sharing' });
    await datasetSharing.getByLabel('Coatings lab').waitFor();
    await datasetSharing.getByLabel('Shared with the groups ticked below').check();
    await datasetSharing.getByLabel('Coatings lab').check();
    await datasetSharing.getByRole('button', { name: 'Save sharing' }).click();
    await datasetSharing.getByRole('status').filter({ hasText: 'Sharing saved.' }).waitFor();
    await screenshot(page, 'dataset-sharing');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // After: the shared version of the model and the shared dataset, read-only; not v2, not the other dataset.
    await theirs.goto(at('models'));
    await theirs.getByRole('link', { name: 'superalloy-unet', exact: true }).click();
    await theirs.getByRole('heading', { level: 1, name: 'superalloy-unet' }).waitFor();
    expect(await theirs.locator('table').first().locator('tbody th a').allTextContents()).toEqual(['v1']);
    await theirs.getByRole('rowheader').getByRole('link', { name: 'v1', exact: true }).click();
    await theirs.getByText(/^Shared with your group read-only/).waitFor();
    expect(await theirs.getByRole('form', { name: 'Sharing' }).count()).toBe(0);
    await theirs.goto(at('datasets'));
    await theirs.getByRole('link', { name: 'MicroNet subset' }).waitFor();
    expect(await linksIn(theirs, 'table')).toEqual(['MicroNet subset']);
    await theirs.getByRole('link', { name: 'MicroNet subset' }).click();
    await theirs.getByRole('heading', { level: 1, name: 'MicroNet subset' }).waitFor();
    expect(await theirs.getByRole('form', { name: 'Sharing' }).count()).toBe(0);
    await screenshot(theirs, 'shared-dataset-other-group');
  });

  it('creates, pauses, resumes and runs a policy, and lists the run', async () => {
    const page = await openSignedIn('pipeline');
    const form = page.getByRole('form', { name: 'New policy' });
    await form.getByRole('combobox', { name: 'Dataset' }).getByRole('option', { name: 'MicroNet subset' }).waitFor({ state: 'attached' });
    await form.getByRole('combobox', { name: 'Model' }).fill('superalloy-unet');
    await form.getByRole('combobox', { name: 'Alias' }).fill('production');
    await form.getByRole('button', { name: 'Create the policy' }).click();
    const row = page.getByRole('row', { name: /superalloy-unet @ production/ });
    await row.getByText('active').waitFor().catch(async (error: unknown) => {
      await screenshot(page, 'pipeline-failed');
      throw new Error(`no policy row; the page says: ${await page.getByRole('main').innerText()}`, { cause: error });
    });
    await row.getByRole('button', { name: 'Pause superalloy-unet @ production' }).click();
    await row.getByText('paused').waitFor();
    await row.getByRole('button', { name: 'Resume superalloy-unet @ production' }).click();
    await row.getByText('active').waitFor();
    await row.getByRole('button', { name: 'Run on every image: superalloy-unet @ production' }).click();
    await page.getByRole('status').filter({ hasText: 'Run started' }).waitFor();
    const runs = page.getByRole('table', { name: 'Pipeline runs' });
    await runs.getByRole('row', { name: /run by hand/ }).waitFor();
    await screenshot(page, 'pipeline');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await runs.getByRole('row', { name: /run by hand/ }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Pipeline run of/ }).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/of 3 images segmented/);
  });

  it('opens the image of a LIMS sample id from the search box, and says so when there is none', async () => {
    const { dataset } = await lab.client.request<{ dataset: { images: { nodes: { id: string; name: string }[] } } }>('query($id: ID!) { dataset(id: $id) { images { nodes { id name } } } }', { id: datasetId });
    const image = dataset.images.nodes[0];
    await lab.client.request('mutation($id: ID!) { updateImage(id: $id, input: { limsId: "LIMS-NI-0007" }) { id } }', { id: image?.id });

    const page = await openSignedIn('models');
    const search = page.getByRole('search', { name: 'LIMS sample' });
    await search.getByLabel('LIMS sample id').fill('LIMS-NI-0007');
    await search.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(new RegExp(`/images/${image?.id}$`));
    await page.getByRole('heading', { level: 1, name: image?.name }).waitFor();

    await search.getByLabel('LIMS sample id').fill('LIMS-NOPE');
    await search.getByRole('button', { name: 'Open' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('No image of your group has the LIMS sample id “LIMS-NOPE”');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
