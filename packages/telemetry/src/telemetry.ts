import type { Config } from '@gongkai/config';
import { tracing } from './telemetry.state.ts';

export interface Telemetry {
  readonly enabled: boolean;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

const OFF: Telemetry = { enabled: false, shutdown: async () => {} };

/**
 * Starts tracing for this process when an OTLP endpoint is configured; the
 * SDK, the exporter and the instrumentations are loaded only then (a
 * dynamic import), so a process without OTEL_EXPORTER_OTLP_ENDPOINT runs no
 * tracing code beyond a null check per call site. Call it before opening
 * connections: the MongoDB and Redis clients are patched in place.
 */
export async function startTelemetry(settings: Config['telemetry'], service: string): Promise<Telemetry> {
  if (!settings.endpoint) return OFF;
  if (tracing()) return { enabled: true, shutdown: async () => {} }; // already started in this process
  const { startSdk } = await import('./telemetry.sdk.ts');
  return startSdk({ ...settings, endpoint: settings.endpoint }, service);
}
