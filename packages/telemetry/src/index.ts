export { startTelemetry, type Telemetry } from './telemetry.ts';
export { bullmqTelemetry, tracing } from './telemetry.state.ts';
export { ATTR, PHASES, activeIds, annotate, inRootSpan, inSpan, spanAt, traced, type PastSpan, type Phase } from './span.helpers.ts';
export type { Attributes } from '@opentelemetry/api';
export { decodeOtlpJson, startOtlpReceiver, type OtlpReceiver, type OtlpReceiverOptions, type ReceivedSpan } from './otlp.receiver.ts';
export { TraceBook, traceHtml, traceListHtml, type TraceSummary } from './trace.view.ts';
