/**
 * k6: uploads with automatic measurement: presign, PUT the bytes to S3, complete; the pipeline then
 * segments and measures. MICROSEG_UPLOAD_FILE names the image (default: a small benchmark PNG).
 */
import { check, sleep } from 'k6';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { COMPLETE_UPLOAD, UPLOAD_WITH_MEASUREMENT } from '../scenarios.ts';
import { apiKeyForRun, graphql, scenarioAvailable } from './graphql.ts';

const image = open(__ENV.MICROSEG_UPLOAD_FILE ?? '../../oracles/metrology/benchmark-masks/super/spot1_0d_0.png', 'b');

export const options: Options = {
  scenarios: {
    uploads: { executor: 'constant-arrival-rate', rate: 5, timeUnit: '1s', duration: '3m', preAllocatedVUs: 20, maxVUs: 60 },
  },
  thresholds: {
    'http_req_duration{step:complete}': ['p(95)<1000'],
    http_req_failed: ['rate<0.01'],
  },
};

interface Setup {
  apiKey: string;
  datasetId: string;
  available: boolean;
}

const uploadInput = (datasetId: string) => ({
  datasetId,
  fileName: 'load.png',
  sizeBytes: image.byteLength,
  limsId: `LOAD-${__VU}-${__ITER}-${Date.now()}`,
});

export function setup(): Setup {
  const apiKey = apiKeyForRun();
  const datasetId = __ENV.MICROSEG_DATASET_ID ?? '';
  return { apiKey, datasetId, available: scenarioAvailable(UPLOAD_WITH_MEASUREMENT, apiKey, { input: uploadInput(datasetId) }) };
}

export default function (data: Setup): void {
  if (!data.available) return;
  const created = graphql(UPLOAD_WITH_MEASUREMENT.query, { input: uploadInput(data.datasetId) }, data.apiKey);
  const upload = created.data?.createImageUpload as { uploadId: string; url: string } | undefined;
  if (!upload) return;
  const put = http.put(upload.url, image, { headers: { 'content-type': 'image/png' }, tags: { step: 'put' } });
  check(put, { 'bytes stored': (r) => r.status === 200 });
  graphql(COMPLETE_UPLOAD, { uploadId: upload.uploadId }, data.apiKey);
  sleep(0.1);
}
