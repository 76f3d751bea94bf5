/**
 * Dataset benchmarks (issue 3), on the real platform (identity + dataset services + gateway
 * as processes, PostgreSQL, NATS, s3rver):
 * 1. `microseg dataset import` of the whole MicroNet benchmark (40 images, 40 masks): wall time
 *    of the CLI process and images/s. Goal: under 20 s.
 * 2. 50 uploads of a 1024x1024 16-bit grayscale PNG through presign + PUT + complete: p50/p99
 *    of the completion (verify, decode, normalise, thumbnail, record) and of the whole round
 *    trip. Goal: p50 upload-complete under 300 ms.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { startTestPlatform } from '../test/harness/platform.ts';
import { gray16Png, putToUrl, sha256 } from '../test/datasets/images.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BENCHMARK = process.env['MICRONET_BENCHMARK_DIR'] ?? resolve(ROOT, '..', 'shared', 'data', 'micronet-benchmark');
const UPLOADS = 50;
const run = promisify(execFile);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const platform = await startTestPlatform(['identity', 'dataset']);
try {
  const lab = await platform.newGroup('bench lab');

  const importStarted = performance.now();
  const { stdout } = await run(
    process.execPath,
    [resolve(ROOT, 'libs/cli/src/bin/microseg.js'), '--url', platform.graphqlUrl, '--api-key', lab.apiKey, 'dataset', 'import', BENCHMARK, '--name', 'MicroNet', '--json'],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const importSeconds = (performance.now() - importStarted) / 1_000;
  const summary = JSON.parse(stdout) as { images: number; masks: number; seconds: number; datasets: { id: string; name: string }[] };
  process.stdout.write(
    [
      `import of ${BENCHMARK}: ${summary.images} images + ${summary.masks} masks into ${summary.datasets.map((d) => d.name).join(', ')}`,
      `  CLI process wall time ${importSeconds.toFixed(2)} s (${(summary.images / importSeconds).toFixed(1)} images/s); inside the CLI ${summary.seconds} s`,
      `  goal < 20 s: ${importSeconds < 20 ? 'met' : 'MISSED'} (${(importSeconds / 20).toFixed(2)}x of the budget)`,
      '',
    ].join('\n'),
  );

  const datasetId = summary.datasets[0]?.id ?? '';
  const images = await Promise.all(Array.from({ length: UPLOADS + 2 }, (_, seed) => gray16Png(1024, 1024, seed + 1).png));
  const complete: number[] = [];
  const roundTrip: number[] = [];
  for (const [i, bytes] of images.entries()) {
    const started = performance.now();
    const { createImageUpload } = await lab.client.request<{ createImageUpload: { uploadId: string; url: string } }>(
      'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
      { input: { datasetId, fileName: `bench-${i}.png`, sizeBytes: bytes.length, sha256: sha256(bytes) } },
    );
    const put = await putToUrl(createImageUpload.url, bytes);
    if (!put.ok) throw new Error(`PUT failed with ${put.status}`);
    const completing = performance.now();
    await lab.client.request('mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }', {
      input: { uploadId: createImageUpload.uploadId },
    });
    // The first two warm the decoder and the connections; they are not counted.
    if (i < 2) continue;
    complete.push(performance.now() - completing);
    roundTrip.push(performance.now() - started);
  }
  complete.sort((a, b) => a - b);
  roundTrip.sort((a, b) => a - b);
  const p50 = percentile(complete, 50);
  process.stdout.write(
    [
      `${UPLOADS} uploads of a 1024x1024 16-bit PNG (${(images[2]?.length ?? 0) / 1024 | 0} KiB):`,
      `  completeImageUpload p50 ${ms(p50)}, p99 ${ms(percentile(complete, 99))}`,
      `  presign + PUT + complete p50 ${ms(percentile(roundTrip, 50))}, p99 ${ms(percentile(roundTrip, 99))}`,
      `  goal p50 upload-complete < 300 ms: ${p50 < 300 ? 'met' : 'MISSED'} (${(p50 / 300).toFixed(2)}x of the budget)`,
      '',
    ].join('\n'),
  );
} finally {
  await platform.stop();
}
