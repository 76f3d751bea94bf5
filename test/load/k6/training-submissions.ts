/**
 * k6: many groups submitting training jobs at once. Measures submission only: the jobs queue on
 * MICROSEG_TRAINING_JOBS for the GPU workers (watch KEDA scale them). MICROSEG_DATASET_ID names the
 * dataset to train on; cancel the jobs afterwards.
 */
import type { Options } from 'k6/options';
import { TRAINING_SUBMISSIONS } from '../scenarios.ts';
import { apiKeyForRun, graphql, scenarioAvailable } from './graphql.ts';

export const options: Options = {
  scenarios: {
    // 50 submissions as close together as possible.
    burst: { executor: 'per-vu-iterations', vus: 50, iterations: 1, maxDuration: '2m' },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    http_req_duration: ['p(99)<2000'],
  },
};

interface Setup {
  apiKey: string;
  available: boolean;
}

const trainingInput = () => ({ datasetId: __ENV.MICROSEG_DATASET_ID ?? '', experiment: `k6-${__VU}`, architecture: 'unet', encoder: 'resnet18', epochs: 1 });

export function setup(): Setup {
  const apiKey = apiKeyForRun();
  return { apiKey, available: scenarioAvailable(TRAINING_SUBMISSIONS, apiKey, { input: trainingInput() }) };
}

export default function (data: Setup): void {
  if (!data.available) return;
  graphql(TRAINING_SUBMISSIONS.query, { input: trainingInput() }, data.apiKey);
}
