export { ResilienceMetrics } from './ResilienceMetrics.js';
export type { FailureInput, RecordIdentityInput, RecoveryInput, RecoveryOptions, ResilienceMetricsOptions } from './inputs.js';
export { getMetrics } from './getMetrics.js';
export { DEFAULT_ACCURACY_THRESHOLD, isBelowAccuracyThreshold, isCorrectRecovery } from './correctRecovery.js';
export { MetricsValidationError, isMetricsValidationError, METRICS_INVALID_CODE } from './MetricsValidationError.js';
export type { MetricsValidationErrorDetails } from './MetricsValidationError.js';
export type { RecoveryAttempt, RecoveryHandle, RecoveryState } from './RecoveryHandle.js';
export { isRecoveryEvent } from './RecoveryEvent.js';
export type { RecoveryEvent } from './RecoveryEvent.js';
export { METRICS_SCHEMA_VERSION } from './types.js';
export type {
  FaultRecord,
  FaultTimeSource,
  Interval,
  MetricsGroupSummary,
  MetricsSnapshot,
  MetricsSource,
  MetricsSummary,
  RecordIdentity,
  RecoveryDetection,
  RecoveryRecord,
  ScenarioOutcome,
} from './types.js';
// Comparing campaigns: the same exports as the `@chaos/metrics/compare` entry.
export * from './compare.js';
