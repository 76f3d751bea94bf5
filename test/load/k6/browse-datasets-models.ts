/** k6: users browsing datasets and the model registry. Env as in lims-polling.ts. */
import { sleep } from 'k6';
import type { Options } from 'k6/options';
import { BROWSE_DATASETS_AND_MODELS } from '../scenarios.ts';
import { apiKeyForRun, graphql, scenarioAvailable } from './graphql.ts';

export const options: Options = {
  scenarios: {
    browse: {
      executor: 'ramping-vus',
      stages: [
        { duration: '1m', target: 50 },
        { duration: '3m', target: 50 },
        { duration: '30s', target: 0 },
      ],
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    http_req_duration: ['p(95)<300', 'p(99)<800'],
  },
};

interface Setup {
  apiKey: string;
  available: boolean;
}

export function setup(): Setup {
  const apiKey = apiKeyForRun();
  return { apiKey, available: scenarioAvailable(BROWSE_DATASETS_AND_MODELS, apiKey, { first: 20 }) };
}

export default function (data: Setup): void {
  if (!data.available) return;
  graphql(BROWSE_DATASETS_AND_MODELS.query, { first: 20 }, data.apiKey);
  // A person reads the page before the next click.
  sleep(1 + Math.random() * 2);
}
