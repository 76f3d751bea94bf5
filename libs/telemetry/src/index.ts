export { type Tracing, type TracingOptions, startTracing } from './start-tracing.ts';
export { type SpanOptions, SpanKind, activeSpan, contextFromHeaders, inSpan, traceHeaders } from './spans.ts';
