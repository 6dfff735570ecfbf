import { describe, expect, it } from 'vitest';
import { inSpan, traced } from './span.helpers.ts';
import { startTelemetry } from './telemetry.ts';
import { bullmqTelemetry, tracing } from './telemetry.state.ts';

describe('telemetry off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('starts nothing: no tracer, no BullMQ telemetry, helpers call straight through, objects stay themselves', async () => {
    const t = await startTelemetry({ endpoint: null, protocol: 'http/protobuf' }, 'unit');
    expect(t.enabled).toBe(false);
    expect(tracing()).toBeNull();
    expect(bullmqTelemetry()).toBeUndefined();
    expect(await inSpan('x', {}, async () => 42)).toBe(42);
    const obj = { f: async () => 1 };
    expect(traced(obj, { f: { name: 'f' } }, () => ({}))).toBe(obj);
  });
});
