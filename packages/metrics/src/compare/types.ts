import type { Interval, MetricsSnapshot, MetricsSource } from '../types.js';
import type { MannWhitneyResult } from './mannWhitneyU.js';

/** A campaign to compare: a live store, or its `toJSON()` snapshot. */
export type ComparableCampaign = MetricsSource | MetricsSnapshot;

/** Options of {@link compareCampaigns}. */
export interface CompareCampaignsOptions {
  /**
   * Seed of the bootstrap intervals: the same campaigns and seed give the same
   * intervals everywhere.
   * @defaultValue `'chaos-compare'`
   */
  readonly seed?: string | undefined;
  /**
   * Bootstrap resamples per interval, an integer in [100, 1,000,000].
   * @defaultValue `2000`
   */
  readonly resamples?: number | undefined;
  /**
   * Names of the two campaigns in tables and reports (a file name, a git commit, …).
   * @defaultValue `{ a: 'A', b: 'B' }`
   */
  readonly labels?: { readonly a?: string | undefined; readonly b?: string | undefined } | undefined;
}

/** One campaign's side of a {@link GroupComparison}. */
export interface ComparisonSide {
  /** Scenario runs with a recorded result. */
  readonly runs: number;
  /** Runs whose steady state held (`success`). */
  readonly successfulRuns: number;
  /** `successfulRuns / runs`, %; `null` without runs. */
  readonly successRate: number | null;
  /** Wilson score 95 % interval of the success rate, %. */
  readonly successCi95: Interval | null;
  /** Successful recoveries: the size of the recovery-time sample. */
  readonly recoveries: number;
  /** Runs with at least one successful recovery. */
  readonly runsWithRecovery: number;
  /** MTTR-A (mean over runs of each run's mean Δt), seconds; `null` without recoveries. */
  readonly mttrAvg: number | null;
  /** MedTTR-A (median Δt, type-7), seconds. */
  readonly mttrMedian: number | null;
}

/** The comparison of one scenario (or of the whole campaigns, `scenario: null`). */
export interface GroupComparison {
  /** The scenario, or `null` for all records of the campaigns. */
  readonly scenario: string | null;
  readonly a: ComparisonSide;
  readonly b: ComparisonSide;
  /** MTTR-A of B − MTTR-A of A, seconds; negative means B recovers faster. */
  readonly mttrDifference: number | null;
  /**
   * Seeded bootstrap 95 % percentile interval of `mttrDifference`; `null` unless both
   * sides have at least two resampling units (runs with a recovery, or recoveries of a
   * single run).
   */
  readonly mttrDifferenceCi95: Interval | null;
  /** Mann–Whitney U test of A's against B's recovery times (two-sided); `null` when a side has none. */
  readonly mttrTest: MannWhitneyResult | null;
  /** Success rate of B − success rate of A, percentage points. */
  readonly successRateDifference: number | null;
  /** Newcombe's hybrid score 95 % interval of `successRateDifference`, percentage points. */
  readonly successRateDifferenceCi95: Interval | null;
}

/** The value of `format` in a {@link CampaignComparison}. */
export const COMPARISON_FORMAT = 'chaos-comparison';

/**
 * What {@link compareCampaigns} returns: plain data (strings, numbers, booleans,
 * `null`), so `JSON.stringify` writes it whole and `JSON.parse` gives it back equal.
 */
export interface CampaignComparison {
  readonly format: typeof COMPARISON_FORMAT;
  readonly version: 1;
  readonly labels: { readonly a: string; readonly b: string };
  /** How the intervals were computed. */
  readonly bootstrap: { readonly seed: string; readonly resamples: number };
  /** Every record of each campaign. */
  readonly overall: GroupComparison;
  /** Every scenario found in either campaign, sorted by name. */
  readonly scenarios: readonly GroupComparison[];
}
