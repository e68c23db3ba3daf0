/**
 * `@chaos/metrics/compare`: two campaigns side by side — the differences in MTTR-A and
 * success rate with their intervals and tests, and the comparison as text. The same
 * functions are exported from `@chaos/metrics`; this entry loads only what comparing
 * needs.
 *
 * @packageDocumentation
 */
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
