/**
 * `pnpm bench:load`: the load scenarios of test/load (the k6 scripts' scenarios) against the local
 * platform (real services, PostgreSQL, NATS and S3 from the test harness), with autocannon. Loopback
 * only; each scenario is bounded in time (BENCH_SECONDS, default 10) or count. Prints throughput and
 * p50/p95/p99 per scenario; scenarios whose operations schema.graphql lacks are skipped, saying so.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { type GraphQLSchema, buildSchema } from 'graphql';
import { startTestPlatform } from '../test/harness/platform.ts';
import {
  BASELINE,
  BROWSE_DATASETS_AND_MODELS,
  COMPLETE_UPLOAD,
  CREATE_DATASET,
  LIMS_POLLING,
  SET_EXPERIMENT,
  CREATE_DATASET_VERSION,
  CREATE_MASK_UPLOAD,
  COMPLETE_MASK_UPLOAD,
  type LoadScenario,
  SCENARIOS,
  TRAINING_SUBMISSIONS,
  UPLOAD_WITH_MEASUREMENT,
  skipMessage,
} from '../test/load/scenarios.ts';
import { pngVariant } from '../test/load/png-variant.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = 16;
const UPLOADS = 50;
const TRAINING_BURST = 50;
const ROOT = resolve(import.meta.dirname, '..');

interface Row {
  scenario: string;
  requests: number;
  seconds: number;
  errors: number;
  latencies: number[];
}

function missingFields(schema: GraphQLSchema, scenario: LoadScenario): string[] {
  return scenario.requires.filter((field) => {
    const [type, name] = field.split('.') as [string, string];
    const owner = schema.getType(type);
    return !(owner && 'getFields' in owner && owner.getFields()[name]);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends one operation repeatedly for SECONDS over CONNECTIONS connections. */
function hammer(url: string, apiKey: string, scenario: LoadScenario, variables: Record<string, unknown>): Promise<Row> {
  const latencies: number[] = [];
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        duration: SECONDS,
        connections: CONNECTIONS,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query: scenario.query, variables }),
        // GraphQL answers errors with 200: count them as failures.
        verifyBody: (body) => !String(body).includes('"errors"'),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        resolvePromise({
          scenario: scenario.name,
          requests: result.requests.total,
          seconds: result.duration,
          errors: result.errors + result.non2xx + result.mismatches,
          latencies,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

async function post(url: string, apiKey: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data ?? {};
}

/** Runs `count` multi-step iterations, `concurrency` at a time, timing each whole iteration. */
async function iterations(name: string, count: number, concurrency: number, iteration: (i: number) => Promise<void>): Promise<Row> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        try {
          await iteration(i);
          latencies.push(performance.now() - t);
        } catch (error) {
          if (errors++ === 0) console.log(`${name}: first failure: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
        }
      }
    }),
  );
  return { scenario: name, requests: count, seconds: (performance.now() - started) / 1000, errors, latencies };
}

const schema = buildSchema(readFileSync(resolve(ROOT, 'schema.graphql'), 'utf8'));
const runnable = SCENARIOS.filter((scenario) => {
  const missing = missingFields(schema, scenario);
  if (missing.length > 0) console.log(skipMessage(scenario, missing));
  return missing.length === 0;
});

// Rate limits off: the bench finds the platform's own ceiling, not the per-key budget's.
const platform = await startTestPlatform(['identity', 'dataset', 'training', 'inference', 'metrology'], {
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
  RATE_LIMIT_KEY_PER_MINUTE: '0',
  RATE_LIMIT_GROUP_PER_MINUTE: '0',
});
const rows: Row[] = [];
try {
  const { apiKey } = await platform.newGroup('load bench');
  const url = platform.graphqlUrl;
  const image = readFileSync(resolve(ROOT, 'test/oracles/metrology/benchmark-masks/super/spot1_0d_0.png'));
  // The upload scenario creates the dataset and LIMS ids that LIMS polling and training then use.
  let datasetId = '';
  const uploadedImages: { id: string; limsId: string }[] = [];
  for (const scenario of runnable) {
    switch (scenario) {
      case BASELINE:
        rows.push(await hammer(url, apiKey, scenario, {}));
        break;
      case LIMS_POLLING:
        if (!uploadedImages[0]) throw new Error('LIMS polling needs the upload scenario first');
        rows.push(await hammer(url, apiKey, scenario, { limsId: uploadedImages[0].limsId }));
        break;
      case BROWSE_DATASETS_AND_MODELS:
        rows.push(await hammer(url, apiKey, scenario, { first: 20 }));
        break;
      case UPLOAD_WITH_MEASUREMENT: {
        const { createDataset } = (await post(url, apiKey, CREATE_DATASET, {
          input: {
            name: `load ${Date.now()}`,
            // The uploaded micrograph is itself a superalloy index mask (0..2), so it can be its own ground truth.
            classes: [
              { index: 0, name: 'matrix', color: '#000000' },
              { index: 1, name: 'secondary', color: '#0000ff' },
              { index: 2, name: 'tertiary', color: '#ff0000' },
            ],
          },
        })) as { createDataset: { id: string } };
        datasetId = createDataset.id;
        rows.push(
          await iterations(scenario.name, UPLOADS, 4, async (i) => {
            const bytes = pngVariant(image, `load ${i} ${Date.now()}`);
            const input = { datasetId: createDataset.id, fileName: `load-${i}.png`, sizeBytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), contentType: 'image/png' };
            const { createImageUpload } = (await post(url, apiKey, scenario.query, { input })) as { createImageUpload: { uploadId: string; url: string | null } };
            if (!createImageUpload.url) throw new Error('no single-part upload URL');
            const put = await fetch(createImageUpload.url, { method: 'PUT', body: bytes, headers: { 'content-type': 'image/png' } });
            if (!put.ok) throw new Error(`PUT ${put.status}`);
            const limsId = `LOAD-${Date.now()}-${i}`;
            const { completeImageUpload } = (await post(url, apiKey, COMPLETE_UPLOAD, { input: { uploadId: createImageUpload.uploadId, limsId } })) as {
              completeImageUpload: { image: { id: string } };
            };
            uploadedImages.push({ id: completeImageUpload.image.id, limsId });
          }),
        );
        break;
      }
      case TRAINING_SUBMISSIONS: {
        const ids = uploadedImages.map((image) => image.id);
        if (ids.length < 3) throw new Error('training submissions need at least 3 uploaded images');
        const maskSha256 = createHash('sha256').update(image).digest('hex');
        for (const imageId of ids.slice(0, 3)) {
          const { createMaskUpload } = (await post(url, apiKey, CREATE_MASK_UPLOAD, {
            input: { imageId, fileName: 'mask.png', sizeBytes: image.byteLength, sha256: maskSha256 },
          })) as { createMaskUpload: { uploadId: string; url: string } };
          const put = await fetch(createMaskUpload.url, { method: 'PUT', body: image, headers: { 'content-type': 'image/png' } });
          if (!put.ok) throw new Error(`mask PUT ${put.status}`);
          await post(url, apiKey, COMPLETE_MASK_UPLOAD, { input: { uploadId: createMaskUpload.uploadId } });
        }
        await post(url, apiKey, SET_EXPERIMENT, { input: { datasetId, name: 'load', train: [ids[2]], val: [ids[0]], test: [ids[1]] } });
        await post(url, apiKey, CREATE_DATASET_VERSION, { datasetId });
        rows.push(
          await iterations(scenario.name, TRAINING_BURST, TRAINING_BURST, async () => {
            const input = { datasetId, experiment: 'load', architecture: 'unet', encoder: 'resnet18', recipe: { maxEpochs: 1, crop: 64 } };
            await post(url, apiKey, scenario.query, { input });
          }),
        );
        break;
      }
      default:
        console.log(`no runner for "${scenario.name}"`);
    }
  }
} finally {
  await platform.stop();
}

console.log(`\nload on the local platform (loopback, ${CONNECTIONS} connections, ${SECONDS} s per scenario)`);
console.log('scenario'.padEnd(36), 'requests'.padStart(9), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
for (const row of rows) {
  const sorted = row.latencies.slice().sort((a, b) => a - b);
  console.log(
    row.scenario.padEnd(36),
    String(row.requests).padStart(9),
    (row.requests / row.seconds).toFixed(0).padStart(9),
    percentile(sorted, 50).toFixed(1).padStart(8),
    percentile(sorted, 95).toFixed(1).padStart(8),
    percentile(sorted, 99).toFixed(1).padStart(8),
    String(row.errors).padStart(7),
  );
}
