/**
 * The load generator of `bench/gateway.ts`, in its own process so it never shares an event loop
 * with a server it measures; the summary goes out as one JSON line on stdout.
 *
 * At a fixed rate it is open-loop, as wrk2 is: request i leaves at start + i/rate whether or not
 * earlier ones were answered, over a pool of keep-alive connections, and its latency counts from
 * when it was due, so a stalled server is charged for the requests that queued behind the stall.
 * (autocannon's `overallRate` is no such thing: each connection sends back to back until it has
 * used its quota for the second, then idles, so "500/s" is a burst at full speed at the top of
 * every second; and its coordinated-omission correction takes 1 ms as the expected interval, so
 * each slow answer adds a sample for every millisecond of it. Both inflate p99 several times.)
 * Unthrottled, it is autocannon with `connections` closed loops.
 */
import { Agent, request } from 'node:http';
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

/** The q-quantile of sorted values, in whole milliseconds rounded up (as autocannon reports). */
const quantile = (sorted: number[], q: number) => Math.ceil(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);

async function openLoop(options: LoadOptions & { rate: number }): Promise<LoadSummary> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(options.url);
  const body = Buffer.from(options.body);
  const headers = { ...options.headers, 'content-length': String(body.length) };
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(options.seconds * options.rate);
  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const req = request(url, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.once('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - dueAt);
          else errors++;
          resolve();
        });
      });
      req.once('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * options.rate) / 1_000) + 1);
    for (; sent < due; sent++) inFlight.push(send(start + (sent * 1_000) / options.rate));
    const next = start + (sent * 1_000) / options.rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - start) / 1_000;
  agent.destroy();
  latencies.sort((x, y) => x - y);
  return { requests: latencies.length, rps: latencies.length / elapsedSeconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), errors };
}

async function closedLoop(options: LoadOptions): Promise<LoadSummary> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    duration: options.seconds,
    connections: options.connections,
    headers: options.headers,
    body: options.body,
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const summary = options.rate ? await openLoop({ ...options, rate: options.rate }) : await closedLoop(options);
process.stdout.write(`${JSON.stringify(summary)}\n`);
