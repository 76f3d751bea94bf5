import { check, fail } from 'k6';
import http, { type RefinedResponse } from 'k6/http';
import { type LoadScenario, skipMessage } from '../scenarios.ts';

/** The gateway under test: MICROSEG_URL (default: a port-forwarded gateway on loopback). */
export const GRAPHQL_URL = __ENV.MICROSEG_URL ?? 'http://127.0.0.1:4000/graphql';

interface GraphqlBody {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request, checked: HTTP 200 and no errors other than the `expectedCodes` (e.g. NOT_FOUND). */
export function graphql(query: string, variables: Record<string, unknown>, apiKey?: string, expectedCodes: string[] = []): GraphqlBody {
  const response: RefinedResponse<'text'> = http.post(GRAPHQL_URL, JSON.stringify({ query, variables }), {
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
  });
  const body = (response.status === 200 || response.status === 400 ? JSON.parse(response.body) : {}) as GraphqlBody;
  check(response, {
    'status 200': (r) => r.status === 200,
    'no unexpected GraphQL errors': () => (body.errors ?? []).every((e) => expectedCodes.includes(e.extensions?.code ?? '')),
  });
  return body;
}

/**
 * The API key for the run: MICROSEG_API_KEY, or a new group bootstrapped with
 * MICROSEG_PLATFORM_SECRET (the platform admin secret of the cluster).
 */
export function apiKeyForRun(): string {
  if (__ENV.MICROSEG_API_KEY) return __ENV.MICROSEG_API_KEY;
  const body = graphql(
    'mutation($input: BootstrapGroupInput!) { bootstrapGroup(input: $input) { apiKey } }',
    { input: { groupName: `k6 load ${Date.now()}`, platformSecret: __ENV.MICROSEG_PLATFORM_SECRET } },
  );
  const apiKey = (body.data?.bootstrapGroup as { apiKey?: string } | undefined)?.apiKey;
  if (!apiKey) fail(`cannot bootstrap a group: ${JSON.stringify(body.errors)}; set MICROSEG_API_KEY or MICROSEG_PLATFORM_SECRET`);
  return apiKey;
}

/**
 * Whether the gateway has the scenario's fields. Introspection is off in production, so this
 * asks with the operation itself: GraphQL validation names a field the schema lacks.
 */
export function scenarioAvailable(scenario: LoadScenario, apiKey: string, variables: Record<string, unknown>): boolean {
  const response = http.post(GRAPHQL_URL, JSON.stringify({ query: scenario.query, variables }), {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
  });
  const body = JSON.parse(response.body as string) as GraphqlBody;
  const messages = (body.errors ?? []).map((e) => e.message);
  // Validation names what the schema lacks: a field (`Cannot query field "x"`) or an input type.
  const missing = [
    ...scenario.requires.filter((field) => messages.some((m) => m.includes(`Cannot query field "${field.split('.')[1]}"`))),
    ...messages.filter((m) => m.startsWith('Unknown type')),
  ];
  if (missing.length === 0) return true;
  console.warn(skipMessage(scenario, missing));
  return false;
}
