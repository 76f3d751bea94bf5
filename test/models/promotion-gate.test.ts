import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { saveArtifact } from '@microseg/model-artifact';
import { exportPackage } from '@microseg/model-package';
import '@tensorflow/tfjs-backend-cpu';
import { setBackend, tensor1d, tensor4d } from '@tensorflow/tfjs-core';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MICRONET_BENCHMARK } from '../datasets/benchmark-directory.ts';
import { microsegJson } from '../datasets/cli.ts';
import { IMAGENET_INPUT, superalloyModelDescription } from '../fixtures/superalloy-model.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');
/** Two real Super1 test images taken under the same conditions: a single intensity threshold segments both alike. */
const REFERENCE = ['spot2_0d_0', 'spot2_0d_4'];
const TRAIN = 'spot1_0d_0';
const VAL = 'spot1_0d_1';
const description = superalloyModelDescription({ name: 'threshold-superalloy' });
const { mean: MEAN, std: STD } = IMAGENET_INPUT.normalisation;

/**
 * The smallest network whose masks are known in advance: one 1x1 convolution that calls a pixel
 * secondary precipitate when it is darker than `cut` (the precipitates are darker than the matrix
 * in these images), matrix otherwise, and never tertiary. Two cuts make two versions whose area
 * fractions differ by a known amount.
 */
function thresholdModel(cut: number) {
  const model = sequential();
  model.add(layers.conv2d({ inputShape: [null, null, 3], filters: 3, kernelSize: 1, activation: 'softmax' }));
  const k = 60;
  const t = (cut - MEAN[0]!) / STD[0]!;
  // kernel [1, 1, in 3, out 3]: only the first (normalised) channel counts.
  const kernel = [0, -k, 0, 0, 0, 0, 0, 0, 0];
  model.layers[0]!.setWeights([tensor4d(kernel, [1, 1, 3, 3]), tensor1d([0, k * t, -1000])]);
  return model;
}

async function pixels(path: string): Promise<Buffer> {
  return sharp(path).raw().toBuffer();
}

/** Runs the CLI in its readable form (no --json), as an operator would; a failure is answered, not thrown. */
async function cliText(apiKey: string, url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [CLI, '--url', url, '--api-key', apiKey, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** Runs the CLI with --json expecting failure; gives the error it printed. */
async function cliError(apiKey: string, url: string, args: string[]): Promise<{ code: string; message: string; details: { report?: Move['gateReport'] } }> {
  const failed = await run(process.execPath, [CLI, '--url', url, '--api-key', apiKey, ...args, '--json']).then(
    () => undefined,
    (error: { stderr: string }) => error,
  );
  expect(failed, 'the command should fail').toBeDefined();
  return (JSON.parse(failed!.stderr.trim().split('\n').pop()!) as { error: { code: string; message: string; details: { report?: Move['gateReport'] } } }).error;
}

interface Check {
  quantity: string;
  class: number | null;
  className: string | null;
  candidate: number | null;
  reference: number | null;
  passed: boolean;
  summary?: string;
}

interface Move {
  id: string;
  toVersionId: string;
  fromVersionId: string | null;
  outcome: string;
  gateSkipped: boolean;
  gate: { experiment: string; subset: string; comparison: string } | null;
  gateReport: { passed: boolean; images: number; unit: string; referenceVersionId: string | null; checks: Check[]; skippedImages: unknown[]; error: unknown } | null;
}

describe('promotion gate: an alias moves only when the candidate keeps the reference set’s measurements within tolerance', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let dir: string;
  let datasetVersionId: string;
  let versions: { close: string; shifted: string };
  /** The reference set's pooled area fractions from the ground-truth masks, and what each cut gives. */
  let truth: { secondary: number; tertiary: number };
  let expected: { close: number; shifted: number };

  const cli = <T>(args: string[]) => microsegJson<T>(platform.graphqlUrl, lab.apiKey, args);
  const history = async () =>
    (await lab.client.request<{ model: { aliasHistory: { nodes: Move[] } } }>(
      `query { model(id: "gated-superalloy") { aliasHistory(alias: "production") { nodes { id toVersionId fromVersionId outcome gateSkipped gate { experiment subset comparison }
        gateReport { passed images unit referenceVersionId checks { quantity class className candidate reference passed summary } skippedImages { imageId reason } error { code message } } } } } }`,
    )).model.aliasHistory.nodes;
  const production = async () => (await lab.client.request<{ modelVersionByAlias: { id: string } }>('{ modelVersionByAlias(model: "gated-superalloy", alias: "production") { id } }')).modelVersionByAlias.id;

  beforeAll(async () => {
    for (const name of [...REFERENCE, TRAIN, VAL]) {
      await readFile(join(MICRONET_BENCHMARK, 'images', 'super', `${name}.png`)).catch(() => {
        throw new Error(`the MicroNet benchmark image ${name} is missing under ${MICRONET_BENCHMARK} (../shared/data)`);
      });
    }
    await setBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'promotion-gate-'));
    await mkdir(join(dir, 'benchmark', 'images', 'super'), { recursive: true });
    await mkdir(join(dir, 'benchmark', 'masks', 'super'), { recursive: true });
    const manifest = JSON.parse(await readFile(join(MICRONET_BENCHMARK, 'manifest.json'), 'utf8')) as { materials: Record<string, unknown>; images: Record<string, unknown> };
    for (const name of [...REFERENCE, TRAIN, VAL]) {
      for (const kind of ['images', 'masks']) await copyFile(join(MICRONET_BENCHMARK, kind, 'super', `${name}.png`), join(dir, 'benchmark', kind, 'super', `${name}.png`));
    }
    await writeFile(join(dir, 'benchmark', 'manifest.json'), JSON.stringify({
      name: 'promotion-gate-reference',
      materials: { super: manifest.materials['super'] },
      images: Object.fromEntries([...REFERENCE, TRAIN, VAL].map((name) => [name, manifest.images[name]])),
      experiments: { Reference: { material: 'super', train: [TRAIN], val: [VAL], test: REFERENCE } },
    }));

    // The oracle: area fractions counted here, from the benchmark's own files.
    let total = 0;
    const counts = { secondary: 0, tertiary: 0, close: 0, shifted: 0 };
    for (const name of REFERENCE) {
      const [image, mask] = await Promise.all([pixels(join(MICRONET_BENCHMARK, 'images', 'super', `${name}.png`)), pixels(join(MICRONET_BENCHMARK, 'masks', 'super', `${name}.png`))]);
      total += mask.length;
      for (let i = 0; i < mask.length; i++) {
        if (mask[i] === 1) counts.secondary++;
        if (mask[i] === 2) counts.tertiary++;
        if (image[i]! / 255 < 0.45) counts.close++;
        if (image[i]! / 255 < 0.5) counts.shifted++;
      }
    }
    truth = { secondary: counts.secondary / total, tertiary: counts.tertiary / total };
    expected = { close: counts.close / total, shifted: counts.shifted / total };

    for (const [name, cut] of [['close', 0.45], ['shifted', 0.5]] as const) {
      await saveArtifact(thresholdModel(cut), description, join(dir, name));
      await writeFile(join(dir, `${name}.zip`), (await exportPackage(join(dir, name), { authors: [{ name: 'Gate test' }] })).zip);
    }
    platform = await startTestPlatform(['identity', 'dataset', 'training', 'inference'], { TRAINING_LOCAL_WORKERS: '0', MICROSEG_TF_BACKEND: 'wasm', INFERENCE_ACK_WAIT_MS: '10000' });
    lab = await platform.newGroup();
    const summary = await cli<{ datasets: { id: string; version: { id: string } }[] }>(['dataset', 'import', join(dir, 'benchmark'), '--name', 'Gate reference', '--material', 'super']);
    datasetVersionId = summary.datasets[0]!.version.id;
    const close = await cli<{ id: string }>(['models', 'import', join(dir, 'close.zip'), '--name', 'gated-superalloy']);
    const shifted = await cli<{ id: string }>(['models', 'import', join(dir, 'shifted.zip'), '--name', 'gated-superalloy']);
    versions = { close: close.id, shifted: shifted.id };
  }, 600_000);
  afterAll(async () => {
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('moves the alias to a candidate whose area fractions stay within tolerance, with the report in the history', async () => {
    // The two cuts straddle the truth: one within 5 points of area fraction, one far beyond.
    expect(Math.abs(expected.close - truth.secondary)).toBeLessThan(0.05);
    expect(expected.shifted - truth.secondary).toBeGreaterThan(0.2);

    const gate = await cli<{ alias: string; comparison: string; tolerances: unknown[] }>([
      'models', 'alias', 'gate', 'set', 'gated-superalloy', 'production',
      '--dataset-version', datasetVersionId, '--experiment', 'Reference', '--subset', 'test', '--compare', 'ground-truth', '--tolerance', 'areaFraction=0.05',
    ]);
    expect(gate).toMatchObject({ alias: 'production', comparison: 'groundTruth', tolerances: [{ quantity: 'areaFraction', absolute: 0.05, relative: null, min: null }] });

    const moved = await cli<Move>(['models', 'alias', 'set', 'gated-superalloy', 'production', versions.close]);
    expect(moved).toMatchObject({ outcome: 'moved', toVersionId: versions.close, gateSkipped: false, gateReport: { passed: true, images: 2, unit: 'px', referenceVersionId: null, skippedImages: [], error: null } });
    const secondary = moved.gateReport!.checks.find((c) => c.className === 'secondary')!;
    expect(secondary.reference).toBeCloseTo(truth.secondary, 10);
    expect(secondary.candidate).toBeCloseTo(expected.close, 2);
    expect(moved.gateReport!.checks.find((c) => c.className === 'tertiary')).toMatchObject({ candidate: 0, passed: true });
    expect(await production()).toBe(versions.close);
  }, 600_000);

  it('refuses a move that would shift the area fractions beyond tolerance, says why in the CLI, and keeps the report in the history', async () => {
    const refused = await cliText(lab.apiKey, platform.graphqlUrl, ['models', 'alias', 'set', 'gated-superalloy', 'production', versions.shifted]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`gated-superalloy@production: ${versions.close} -> ${versions.shifted} refused`);
    expect(refused.stdout).toMatch(/areaFraction of secondary: candidate \d+\.\d\d % vs reference \d+\.\d\d %, allowed ±5\.00 % FAILED/);
    expect(refused.stderr).toContain('error CONFLICT: the promotion gate refused moving gated-superalloy@production');

    // The alias did not move; the history holds the passed move and the refused one, each with its report.
    expect(await production()).toBe(versions.close);
    const moves = await history();
    expect(moves.map((m) => [m.toVersionId, m.outcome])).toEqual([[versions.close, 'moved'], [versions.shifted, 'refused']]);
    const report = moves[1]!.gateReport!;
    expect(moves[1]!.gate).toEqual({ experiment: 'Reference', subset: 'test', comparison: 'groundTruth' });
    expect(report.passed).toBe(false);
    const secondary = report.checks.find((c) => c.className === 'secondary')!;
    expect(secondary).toMatchObject({ quantity: 'areaFraction', class: 1, passed: false });
    expect(secondary.candidate).toBeCloseTo(expected.shifted, 2);
    expect(secondary.reference).toBeCloseTo(truth.secondary, 10);
    expect(secondary.summary).toContain('FAILED');
  }, 600_000);

  it('lets an admin move past the gate, recorded as such', async () => {
    const skipped = await cli<Move>(['models', 'alias', 'set', 'gated-superalloy', 'production', versions.shifted, '--skip-gate']);
    expect(skipped).toMatchObject({ outcome: 'moved', gateSkipped: true, gateReport: null });
    expect(await production()).toBe(versions.shifted);
    expect((await history()).at(-1)).toMatchObject({ toVersionId: versions.shifted, outcome: 'moved', gateSkipped: true });
  }, 120_000);

  it('compares a candidate with the version the alias names now, and refuses when there is none to compare with', async () => {
    await cli(['models', 'alias', 'gate', 'set', 'gated-superalloy', 'staging', '--dataset-version', datasetVersionId, '--experiment', 'Reference',
      '--compare', 'current-version', '--tolerance', 'areaFraction=0.05', '--tolerance', 'iou>=0.9']);
    const first = await cliError(lab.apiKey, platform.graphqlUrl, ['models', 'alias', 'set', 'gated-superalloy', 'staging', versions.close]);
    expect(first.code).toBe('CONFLICT');
    expect(first.details.report).toMatchObject({ passed: false, images: 0, error: { code: 'INVALID_INPUT', message: expect.stringContaining('names no version yet') } });
    await cli(['models', 'alias', 'set', 'gated-superalloy', 'staging', versions.close, '--skip-gate']);

    // Both versions have segmented the reference images already: the gate reuses those masks.
    const drift = await cliError(lab.apiKey, platform.graphqlUrl, ['models', 'alias', 'set', 'gated-superalloy', 'staging', versions.shifted]);
    expect(drift.code).toBe('CONFLICT');
    const report = drift.details.report!;
    expect(report).toMatchObject({ passed: false, images: 2, referenceVersionId: versions.close, error: null });
    const secondary = report.checks.find((c) => c.quantity === 'areaFraction' && c.className === 'secondary')!;
    expect(secondary.candidate).toBeCloseTo(expected.shifted, 2);
    expect(secondary.reference).toBeCloseTo(expected.close, 2);
    expect(secondary.passed).toBe(false);
    // Every pixel the close cut calls secondary, the shifted one does too: IoU = close / shifted.
    const iou = report.checks.find((c) => c.quantity === 'iou' && c.className === 'secondary')!;
    expect(iou.candidate).toBeCloseTo(expected.close / expected.shifted, 2);
    expect(iou.passed).toBe(false);
    expect((await lab.client.request<{ modelVersionByAlias: { id: string } }>('{ modelVersionByAlias(model: "gated-superalloy", alias: "staging") { id } }')).modelVersionByAlias.id).toBe(versions.close);
  }, 600_000);
});
