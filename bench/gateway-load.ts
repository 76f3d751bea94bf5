/**
 * The load generator of `bench/gateway.ts`, in its own process so it never shares an event loop
 * with a server it measures: autocannon with the options in argv[2] (JSON), the summary as one
 * JSON line on stdout.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  /** Requests per second over all connections; absent: as fast as the server answers. */
  rate?: number;
}

export interface LoadSummary {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const result = await autocannon({
  url: options.url,
  method: 'POST',
  duration: options.seconds,
  connections: options.connections,
  ...(options.rate ? { overallRate: options.rate } : {}),
  headers: options.headers,
  body: options.body,
});
const summary: LoadSummary = {
  requests: result.requests.total,
  rps: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
