/**
 * k6: uploads with automatic measurement: presign, PUT the bytes to S3, complete; the pipeline then
 * segments and measures. MICROSEG_DATASET_ID names the dataset, MICROSEG_UPLOAD_FILE the PNG (default: a
 * small benchmark PNG, made distinct per upload).
 */
import { check, sleep } from 'k6';
import { sha256 } from 'k6/crypto';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { pngVariant } from '../png-variant.ts';
import { COMPLETE_UPLOAD, UPLOAD_WITH_MEASUREMENT } from '../scenarios.ts';
import { apiKeyForRun, graphql, scenarioAvailable } from './graphql.ts';

const image = new Uint8Array(open(__ENV.MICROSEG_UPLOAD_FILE ?? '../../oracles/metrology/benchmark-masks/super/spot1_0d_0.png', 'b'));

export const options: Options = {
  scenarios: {
    uploads: { executor: 'constant-arrival-rate', rate: 5, timeUnit: '1s', duration: '3m', preAllocatedVUs: 20, maxVUs: 60 },
  },
  thresholds: {
    http_req_duration: ['p(95)<1000'],
    http_req_failed: ['rate<0.01'],
  },
};

interface Setup {
  apiKey: string;
  datasetId: string;
  available: boolean;
}

/** A distinct PNG per iteration, so deduplication does not turn the upload into a lookup. */
function uploadInput(datasetId: string, bytes: Uint8Array) {
  return { datasetId, fileName: 'load.png', sizeBytes: bytes.byteLength, sha256: sha256(bytes.buffer as ArrayBuffer, 'hex'), contentType: 'image/png' };
}

export function setup(): Setup {
  const apiKey = apiKeyForRun();
  const datasetId = __ENV.MICROSEG_DATASET_ID ?? '';
  return { apiKey, datasetId, available: scenarioAvailable(UPLOAD_WITH_MEASUREMENT, apiKey, { input: uploadInput(datasetId, image) }) };
}

export default function (data: Setup): void {
  if (!data.available) return;
  const bytes = pngVariant(image, `k6 ${__VU} ${__ITER} ${Date.now()}`);
  const created = graphql(UPLOAD_WITH_MEASUREMENT.query, { input: uploadInput(data.datasetId, bytes) }, data.apiKey);
  const upload = created.data?.createImageUpload as { uploadId: string; url: string | null } | undefined;
  if (!upload?.url) return;
  const put = http.put(upload.url, bytes.buffer as ArrayBuffer, { headers: { 'content-type': 'image/png' }, tags: { step: 'put' } });
  check(put, { 'bytes stored': (r) => r.status === 200 });
  graphql(COMPLETE_UPLOAD, { input: { uploadId: upload.uploadId, limsId: `LOAD-${__VU}-${__ITER}-${Date.now()}` } }, data.apiKey);
  sleep(0.1);
}
