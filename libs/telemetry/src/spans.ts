import { type Attributes, type Context, type Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';

export { SpanKind };

const tracer = () => trace.getTracer('microseg');

/** W3C trace context headers of the active span (none when tracing is off or no span is active). */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The context a message's or request's headers carry (`traceparent`, `tracestate`); the active one without them. */
export function contextFromHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  return propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key] ?? carrier[key.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  });
}

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
  /** Default: the active context. */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span: its NATS requests, publishes and outbox rows carry it on.
 * A thrown error marks the span failed (with the error code, never the message's details) and is rethrown.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, ...(options.attributes ? { attributes: options.attributes } : {}) },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : 'error' });
        if (error instanceof Error) span.recordException({ name: error.name, ...(typeof code === 'string' ? { code } : {}) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active span, to name or annotate it once more is known (the GraphQL operation). */
export function activeSpan(): Span | undefined {
  return trace.getActiveSpan();
}
