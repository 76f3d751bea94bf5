import { MicroSegError, isErrorCode, notFound } from '@microseg/errors';
import { answerFromApi, variablesToApi } from './api-enums.ts';
import { type CliEnvironment, cliEnvironment } from './cli-environment.ts';

export interface GatewayClientOptions {
  url?: string | undefined;
  apiKey?: string | undefined;
  /** Sent as `Idempotency-Key` with mutations that support it, so that retries are safe. */
  idempotencyKey?: string;
  /**
   * Enum values exactly as the API writes them (ALL_CAPS), both ways. By default the client speaks
   * the CLI's words (succeeded, ground_truth), as the CLI always printed them: see api-enums.ts.
   */
  apiEnumValues?: boolean;
}

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; retryable?: boolean; details?: Record<string, unknown> } }[];
}

/**
 * The CLI talks to MicroSeg exactly as a LIMS would: GraphQL over HTTP with a bearer key.
 * GraphQL errors come back as MicroSegErrors with the API's code and details.
 */
export class GatewayClient {
  readonly url: string;
  private readonly apiKey: string | undefined;
  private readonly apiEnumValues: boolean;

  constructor(options: GatewayClientOptions = {}) {
    this.url = options.url ?? DEFAULT_GATEWAY_URL;
    this.apiKey = options.apiKey;
    this.apiEnumValues = options.apiEnumValues ?? false;
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables: this.apiEnumValues ? variables : variablesToApi(variables) }),
      });
    } catch (error) {
      throw new MicroSegError('UNAVAILABLE', `MicroSeg is not reachable at ${this.url}; is the platform running (pnpm start)?`, {
        cause: error,
      });
    }
    const body = (await response.json().catch(() => undefined)) as GraphQLResponse<T> | undefined;
    if (!body) throw new MicroSegError('UNAVAILABLE', `the gateway answered HTTP ${response.status} without a GraphQL body`);
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      throw new MicroSegError(isErrorCode(code) ? code : 'INTERNAL', first.message, {
        details: first.extensions?.details ?? {},
        ...(typeof first.extensions?.retryable === 'boolean' ? { retryable: first.extensions.retryable } : {}),
      });
    }
    if (!body.data) throw new MicroSegError('INTERNAL', 'the gateway answered without data');
    return this.apiEnumValues ? body.data : answerFromApi(body.data);
  }
}

/** A lookup's answer, or NOT_FOUND naming what was looked for (the API answers null for an absent id). */
export function found<T>(value: T | null | undefined, what: string, id: string): T {
  if (value === null || value === undefined) throw notFound(what, id);
  return value;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** Every node of a connection, a page at a time (`after`: the previous page's endCursor). */
export async function allNodes<T>(page: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const next: Page<T> = await page(after);
    nodes.push(...next.nodes);
    if (!next.pageInfo.hasNextPage || !next.pageInfo.endCursor) return nodes;
    after = next.pageInfo.endCursor;
  }
}

/** The client for a command: `--url`/`--api-key` over `MICROSEG_URL`/`MICROSEG_API_KEY`. */
export function clientFromOptions(globals: { url?: string; apiKey?: string }, env: CliEnvironment = cliEnvironment()): GatewayClient {
  return new GatewayClient({
    url: globals.url ?? env.MICROSEG_URL ?? DEFAULT_GATEWAY_URL,
    apiKey: globals.apiKey ?? env.MICROSEG_API_KEY,
  });
}
