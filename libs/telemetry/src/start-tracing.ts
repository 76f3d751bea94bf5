import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, type SpanExporter, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  /** `service.name` of every span this process makes (gateway, dataset, ...). */
  service: string;
  version: string;
  /** OTLP/HTTP endpoint (an OpenTelemetry Collector, Jaeger, Tempo); unset: tracing is off. */
  otlpEndpoint?: string | undefined;
  /** Share of new traces kept (a caller's sampling decision is followed); default 1. */
  sampleRatio?: number;
  /** How long finished spans wait to be sent in a batch; default 1 s. */
  exportDelayMs?: number;
  /** Instead of OTLP (unit tests keep spans in memory). */
  exporter?: SpanExporter;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Sends the finished spans now. */
  flush(): Promise<void>;
  /** Sends what is buffered and stops; part of the process's drain. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for this process: W3C trace context propagation (so traces cross NATS, the
 * outbox and webhooks) and OTLP export. Off, nothing is registered and the OpenTelemetry API's
 * calls in the libraries cost next to nothing: the local platform runs so by default.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (!options.otlpEndpoint && !options.exporter) return { enabled: false, flush: async () => undefined, shutdown: async () => undefined };
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service, [ATTR_SERVICE_VERSION]: options.version }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: options.exporter ?? new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint ?? '') }),
        scheduledDelayMillis: options.exportDelayMs ?? 1_000,
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  return {
    enabled: true,
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/** OTEL_EXPORTER_OTLP_ENDPOINT names the collector's base URL; traces go to its /v1/traces. */
function tracesUrl(endpoint: string): string {
  return endpoint.endsWith('/v1/traces') ? endpoint : `${endpoint.replace(/\/$/, '')}/v1/traces`;
}
