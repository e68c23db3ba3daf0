/**
 * `@chaos/faults/otel`: injected faults and recoveries as OpenTelemetry logs and
 * metrics, correlated with the active span. Loads `@opentelemetry/api` and
 * `@opentelemetry/api-logs` (optional peer dependencies); the main entry of
 * `@chaos/faults` never does.
 */
import { type Disposable, onChaosEvent } from '@chaos/config';
import { type ChaosTelemetryOptions, chaosTelemetry } from './otel/ChaosTelemetry.js';

export { chaosTelemetry } from './otel/ChaosTelemetry.js';
export type { ChaosTelemetryOptions, ChaosTelemetrySink } from './otel/ChaosTelemetry.js';
export type { ObservedEvent, RecoveryEventLike } from './otel/records.js';

/**
 * Reports the faults and recoveries of every runtime that has no sink of its own (the
 * process-wide default among them) to OpenTelemetry, through {@link chaosTelemetry}.
 *
 * @returns a handle that stops reporting
 * @example
 * ```ts
 * const sdk = new NodeSDK({ logRecordProcessors: [...], metricReader: ... });
 * sdk.start();
 * using telemetry = instrumentChaos();
 * ```
 */
export function instrumentChaos(options: ChaosTelemetryOptions = {}): Disposable {
  return onChaosEvent(chaosTelemetry(options));
}
