import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, contextFromHeaders, inSpan, traceHeaders } from './spans.ts';
import { type Tracing, startTracing } from './start-tracing.ts';

describe('tracing', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  beforeAll(() => {
    tracing = startTracing({ service: 'test', version: 'dev', exporter, exportDelayMs: 10 });
  });
  afterAll(() => tracing.shutdown());

  it('is off without an endpoint', () => {
    expect(startTracing({ service: 'test', version: 'dev' }).enabled).toBe(false);
  });

  it('carries a trace across a message boundary through its headers; a failure is recorded by its code, never its message', async () => {
    const sent = await inSpan('publish job', { kind: SpanKind.PRODUCER }, async () => traceHeaders());
    expect(sent['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await expect(
      inSpan('handle job', { kind: SpanKind.CONSUMER, parent: contextFromHeaders(sent) }, async () => {
        throw Object.assign(new Error('secret detail'), { code: 'INVALID_INPUT' });
      }),
    ).rejects.toThrow('secret detail');
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    const producer = spans.find((span) => span.name === 'publish job');
    const consumer = spans.find((span) => span.name === 'handle job');
    expect(consumer?.spanContext().traceId).toBe(producer?.spanContext().traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(consumer?.status).toEqual({ code: 2, message: 'INVALID_INPUT' });
    expect(JSON.stringify(consumer?.events)).not.toContain('secret detail');
  });
});
