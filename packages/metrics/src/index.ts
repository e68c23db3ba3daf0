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
export { compareCampaigns, COMPARE_DEFAULT_RESAMPLES, COMPARE_DEFAULT_SEED } from './compare/compareCampaigns.js';
export { formatComparisonTable } from './compare/formatComparisonTable.js';
export type { FormatComparisonOptions } from './compare/formatComparisonTable.js';
export { mannWhitneyU, exactUDistribution, MANN_WHITNEY_EXACT_LIMIT } from './compare/mannWhitneyU.js';
export type { MannWhitneyAlternative, MannWhitneyOptions, MannWhitneyResult } from './compare/mannWhitneyU.js';
export { newcombeInterval } from './compare/newcombeInterval.js';
export { wilsonInterval } from './compare/wilsonInterval.js';
export { COMPARISON_FORMAT } from './compare/types.js';
export type {
  CampaignComparison,
  ComparableCampaign,
  CompareCampaignsOptions,
  ComparisonSide,
  GroupComparison,
} from './compare/types.js';
