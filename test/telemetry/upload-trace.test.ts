import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from '../pipeline/registry-stand-in.ts';
import { automateWithWebhook, startLoopbackLims } from './loopback-lims.ts';
import { startTraceCollector } from './trace-collector.ts';

describe('tracing: one trace follows a LIMS upload through the pipeline to its webhook', () => {
  let collector: Awaited<ReturnType<typeof startTraceCollector>>;
  let lims: Awaited<ReturnType<typeof startLoopbackLims>>;
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let setup: TinyModelDataset;

  beforeAll(async () => {
    collector = await startTraceCollector();
    lims = await startLoopbackLims();
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], {
      MICROSEG_TF_BACKEND: 'wasm',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    });
    lab = await platform.newGroup();
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Traced superalloy' });
  }, 120_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
    await lims?.close();
    await collector?.close();
  });

  it('joins the trace the LIMS started: gateway, dataset, inference, metrology and the webhook delivery', async () => {
    await automateWithWebhook(platform, lab, setup, lims.url);

    // The LIMS traces its own work and sends W3C trace context with each call, as OpenTelemetry clients do.
    const traceId = randomBytes(16).toString('hex');
    const traceparent = () => `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const graphql = async <T>(query: string, variables: object): Promise<T> => {
      const response = await fetch(platform.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${lab.apiKey}`, traceparent: traceparent() },
        body: JSON.stringify({ query, variables }),
      });
      expect(response.headers.get('traceresponse')).toContain(traceId);
      const body = (await response.json()) as { data: T; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const png = await grayPng(72, 64, 7);
    const sha256 = createHash('sha256').update(png).digest('hex');
    const { createImageUpload: ticket } = await graphql<{ createImageUpload: { uploadId: string; url: string } }>(
      'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
      { input: { datasetId: setup.datasetId, fileName: 'traced.png', sizeBytes: png.length, sha256, contentType: 'image/png' } },
    );
    expect((await fetch(ticket.url, { method: 'PUT', body: png })).ok).toBe(true);
    const limsId = `LIMS-${randomUUID().slice(0, 8)}`;
    await graphql('mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }', {
      input: { uploadId: ticket.uploadId, limsId },
    });

    await eventually(async () => (lims.received.length > 0 ? true : undefined), 'the webhook of the measurement', 120_000);
    expect(String(lims.received[0]!['traceparent'] ?? '')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const trace = await eventually(async () => {
      const spans = collector.spans.filter((span) => span.traceId === traceId);
      const services = new Set(spans.map((span) => span.service));
      const complete = ['gateway', 'dataset', 'inference', 'metrology'].every((name) => services.has(name)) && spans.some((span) => span.name.startsWith('webhook '));
      return complete ? spans : undefined;
    }, 'every span of the upload exported', 30_000);

    const names = trace.map((span) => `${span.service}: ${span.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'gateway: graphql mutation anonymous',
        expect.stringMatching(/^dataset: microseg\.dataset\.v1\./),
        expect.stringMatching(/^inference: job /),
        expect.stringMatching(/^metrology: job /),
        expect.stringMatching(/^inference: webhook /),
      ]),
    );
    // One tree: every span's parent is in the trace, or is the LIMS's own span that started it.
    const ids = new Set(trace.map((span) => span.spanId));
    const roots = trace.filter((span) => !ids.has(span.parentSpanId));
    expect(roots.every((span) => span.service === 'gateway' && span.name.startsWith('graphql'))).toBe(true);
    expect(trace.filter((span) => span.status.code === 2)).toEqual([]);
  }, 240_000);
});
