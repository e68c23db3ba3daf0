export { ResilienceMetrics } from './ResilienceMetrics.js';
export type { FailureInput, RecoveryInput, RecoveryOptions, ResilienceMetricsOptions } from './ResilienceMetrics.js';
export { getMetrics } from './getMetrics.js';
export { MetricsValidationError, isMetricsValidationError, METRICS_INVALID_CODE } from './MetricsValidationError.js';
export type { MetricsValidationErrorDetails } from './MetricsValidationError.js';
export type { RecoveryAttempt, RecoveryHandle, RecoveryState } from './RecoveryHandle.js';
export { isRecoveryEvent } from './RecoveryEvent.js';
export type { RecoveryEvent } from './RecoveryEvent.js';
export { METRICS_SCHEMA_VERSION } from './types.js';
export type {
  FaultRecord,
  Interval,
  MetricsGroupSummary,
  MetricsSnapshot,
  MetricsSource,
  MetricsSummary,
  RecoveryRecord,
  ScenarioOutcome,
} from './types.js';
