/**
 * k6: a LIMS polling results by sample id. `k6 run test/load/k6/lims-polling.ts` with MICROSEG_URL,
 * MICROSEG_API_KEY (or MICROSEG_PLATFORM_SECRET) and MICROSEG_LIMS_IDS (comma separated sample ids
 * the group has uploaded; unknown ids answer NOT_FOUND, which still measures the lookup).
 */
import { sleep } from 'k6';
import type { Options } from 'k6/options';
import { LIMS_POLLING } from '../scenarios.ts';
import { apiKeyForRun, graphql, scenarioAvailable } from './graphql.ts';

export const options: Options = {
  scenarios: {
    // 200 LIMS clients, each polling every 5 s: 40 requests/s for 5 minutes.
    lims: { executor: 'constant-vus', vus: 200, duration: '5m' },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    http_req_duration: ['p(95)<200', 'p(99)<500'],
    checks: ['rate>0.99'],
  },
};

interface Setup {
  apiKey: string;
  limsIds: string[];
  available: boolean;
}

export function setup(): Setup {
  const apiKey = apiKeyForRun();
  const limsIds = (__ENV.MICROSEG_LIMS_IDS ?? 'LOAD-0001').split(',').map((id) => id.trim()).filter(Boolean);
  return { apiKey, limsIds, available: scenarioAvailable(LIMS_POLLING, apiKey, { limsId: limsIds[0] }) };
}

export default function (data: Setup): void {
  if (!data.available) return;
  const limsId = data.limsIds[(__VU + __ITER) % data.limsIds.length];
  graphql(LIMS_POLLING.query, { limsId }, data.apiKey, ['NOT_FOUND']);
  sleep(5);
}
