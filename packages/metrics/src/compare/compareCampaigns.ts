import { formatValue } from '@chaos/format';
import { quantileSorted } from 'd3-array';
import type { RecoveryRecord, ScenarioOutcome } from '../types.js';
import { bootstrapMeanDifference } from './_internals/bootstrapDifference.js';
import { mannWhitneyU } from './mannWhitneyU.js';
import { newcombeInterval } from './newcombeInterval.js';
import {
  COMPARISON_FORMAT,
  type CampaignComparison,
  type ComparableCampaign,
  type CompareCampaignsOptions,
  type ComparisonSide,
  type GroupComparison,
} from './types.js';
import { wilsonInterval } from './wilsonInterval.js';
import { stratify, unstratified, type StratifiedSample } from '../_internals/strata.js';

/** The default seed of {@link compareCampaigns}' bootstrap intervals. */
export const COMPARE_DEFAULT_SEED = 'chaos-compare';
/** The default number of bootstrap resamples of {@link compareCampaigns}. */
export const COMPARE_DEFAULT_RESAMPLES = 2000;

/** The records of one group (a scenario, or everything) of one campaign. */
interface GroupData {
  /** Δt of the successful recoveries, seconds, in recording order. */
  readonly durations: number[];
  /** Per run (in order of first recovery): its successful Δt. */
  readonly runs: Map<string, number[]>;
  /** Each run's scenario (of its first recovery), `''` for none: the bootstrap's strata. */
  readonly runScenario: Map<string, string>;
  runCount: number;
  successfulRuns: number;
}

function newGroup(): GroupData {
  return { durations: [], runs: new Map(), runScenario: new Map(), runCount: 0, successfulRuns: 0 };
}

interface CampaignData {
  readonly overall: GroupData;
  readonly byScenario: Map<string, GroupData>;
}

function isIterableSource(campaign: ComparableCampaign): campaign is Extract<ComparableCampaign, { iterateRecoveries: unknown }> {
  return typeof (campaign as { iterateRecoveries?: unknown }).iterateRecoveries === 'function';
}

function checkCampaign(campaign: unknown, name: string): asserts campaign is ComparableCampaign {
  const c = campaign as { iterateRecoveries?: unknown; recoveries?: unknown; scenarioResults?: unknown } | null;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    Array.isArray(c.scenarioResults) &&
    (typeof c.iterateRecoveries === 'function' || Array.isArray(c.recoveries));
  if (!ok) {
    throw new TypeError(
      `Expected \`${name}\` to be a metrics store (a \`ResilienceMetrics\` or another \`MetricsSource\`) or its \`toJSON()\` snapshot`,
    );
  }
}

function collect(campaign: ComparableCampaign): CampaignData {
  const overall = newGroup();
  const byScenario = new Map<string, GroupData>();
  const scenarioGroup = (name: string): GroupData => {
    let group = byScenario.get(name);
    if (group === undefined) {
      group = newGroup();
      byScenario.set(name, group);
    }
    return group;
  };
  const addDuration = (group: GroupData, runId: string, scenario: string | undefined, seconds: number): void => {
    group.durations.push(seconds);
    const run = group.runs.get(runId);
    if (run === undefined) {
      group.runs.set(runId, [seconds]);
      group.runScenario.set(runId, scenario ?? '');
    } else run.push(seconds);
  };
  const recoveries: Iterable<RecoveryRecord> = isIterableSource(campaign) ? campaign.iterateRecoveries() : campaign.recoveries;
  for (const recovery of recoveries) {
    if (!recovery.success) continue;
    const seconds = (recovery.recoveredAt - recovery.faultAt) / 1000;
    addDuration(overall, recovery.runId, recovery.scenario, seconds);
    if (recovery.scenario !== undefined) addDuration(scenarioGroup(recovery.scenario), recovery.runId, recovery.scenario, seconds);
  }
  const results: readonly ScenarioOutcome[] = campaign.scenarioResults;
  for (const result of results) {
    for (const group of [overall, scenarioGroup(result.scenario)]) {
      group.runCount += 1;
      if (result.success) group.successfulRuns += 1;
    }
  }
  return { overall, byScenario };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * The resampling units of MTTR-A, as in the summary's bootstrap: each run's mean Δt,
 * stratified by the run's scenario, when two or more runs have a recovery; with a
 * single run, its recovery times. Their mean is MTTR-A either way.
 */
function unitsOf(group: GroupData): StratifiedSample {
  if (group.runs.size >= 2) {
    // Strata in scenario-name order, as the summary orders them.
    const names = [...new Set(group.runScenario.values())].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const stratumOf = new Map(names.map((name, k) => [name, k]));
    const ids = [...group.runs.keys()];
    return stratify(
      Float64Array.from(group.runs.values(), mean),
      ids.map((id) => stratumOf.get(group.runScenario.get(id) ?? '') as number),
    );
  }
  const only = group.runs.values().next();
  return unstratified(only.done === true ? new Float64Array(0) : Float64Array.from(only.value));
}

function sideOf(group: GroupData, sample: StratifiedSample): ComparisonSide {
  const units = sample.units;
  const sorted = Float64Array.from(group.durations).sort();
  return {
    runs: group.runCount,
    successfulRuns: group.successfulRuns,
    successRate: group.runCount === 0 ? null : (100 * group.successfulRuns) / group.runCount,
    successCi95: wilsonInterval(group.successfulRuns, group.runCount),
    recoveries: group.durations.length,
    runsWithRecovery: group.runs.size,
    mttrAvg: units.length === 0 ? null : mean(Array.from(units)),
    mttrMedian: sorted.length === 0 ? null : (quantileSorted(sorted as unknown as number[], 0.5) as number),
  };
}

function compareGroup(
  scenario: string | null,
  a: GroupData,
  b: GroupData,
  seed: string,
  resamples: number,
): GroupComparison {
  const unitsA = unitsOf(a);
  const unitsB = unitsOf(b);
  const sideA = sideOf(a, unitsA);
  const sideB = sideOf(b, unitsB);
  const bothTimed = sideA.mttrAvg !== null && sideB.mttrAvg !== null;
  const bothRan = sideA.successRate !== null && sideB.successRate !== null;
  return {
    scenario,
    a: sideA,
    b: sideB,
    mttrDifference: bothTimed ? (sideB.mttrAvg as number) - (sideA.mttrAvg as number) : null,
    mttrDifferenceCi95: bootstrapMeanDifference(unitsA, unitsB, resamples, seed, `compare:${scenario === null ? 'all' : `scenario:${scenario}`}`),
    mttrTest: a.durations.length > 0 && b.durations.length > 0 ? mannWhitneyU(a.durations, b.durations) : null,
    successRateDifference: bothRan ? (sideB.successRate as number) - (sideA.successRate as number) : null,
    successRateDifferenceCi95: newcombeInterval(a.successfulRuns, a.runCount, b.successfulRuns, b.runCount),
  };
}

function validateOptions(options: CompareCampaignsOptions): { seed: string; resamples: number; labels: { a: string; b: string } } {
  const seed = options.seed ?? COMPARE_DEFAULT_SEED;
  if (typeof seed !== 'string' || seed.trim() === '') {
    throw new TypeError(`Expected \`seed\` to be a non-empty string, got \`${formatValue(seed)}\``);
  }
  const resamples = options.resamples ?? COMPARE_DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 100 || resamples > 1_000_000) {
    throw new RangeError(`Expected \`resamples\` to be an integer in [100, 1000000], got \`${formatValue(resamples)}\``);
  }
  const label = (value: unknown, name: string, fallback: string): string => {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TypeError(`Expected \`labels.${name}\` to be a non-empty string, got \`${formatValue(value)}\``);
    }
    return value;
  };
  return { seed, resamples, labels: { a: label(options.labels?.a, 'a', 'A'), b: label(options.labels?.b, 'b', 'B') } };
}

/**
 * Compares two campaigns — typically a baseline A and a candidate B after a change to a
 * recovery strategy — overall and per scenario, and says whether the differences are
 * real:
 *
 * - **MTTR-A difference** B − A (seconds) with a seeded **bootstrap** 95 % percentile
 *   interval: each side is resampled independently by its own units (its runs' mean Δt
 *   when two or more runs have a recovery, else its single run's recovery times — the
 *   units of the summary's own interval), `resamples` times, and the interval is the
 *   2.5 % and 97.5 % type-7 quantiles of the resampled differences. The pooled row
 *   (`overall`) resamples runs within each scenario, whose run counts are fixed by the
 *   campaign's design (a stratified bootstrap);
 * - a **Mann–Whitney U test** (two-sided) of A's recovery times against B's: exact for
 *   samples below 50 without ties, else the normal approximation with tie and
 *   continuity correction ({@link mannWhitneyU}). It treats every recovery as an
 *   independent observation, which recoveries of one run are not quite;
 * - **success-rate difference** B − A (percentage points; a run succeeds when its
 *   steady state held; an inconclusive run counts as not successful, as the runner
 *   counts it) with **Newcombe's hybrid score** interval ({@link newcombeInterval});
 * - the sample sizes of both sides: runs, successful runs, successful recoveries.
 *
 * Only records are read (recoveries and scenario results), so a live store, a
 * reloaded export and a snapshot compare alike. The result is plain JSON data.
 *
 * @param a - the baseline: a `ResilienceMetrics`, another `MetricsSource`, or a `MetricsSnapshot`
 * @param b - the candidate, likewise
 * @throws `TypeError` when `a` or `b` is not a metrics store or snapshot, or an option is invalid;
 *   `RangeError` for `resamples` outside [100, 1,000,000]
 *
 * @example
 * ```ts
 * const comparison = compareCampaigns(baseline, candidate, { labels: { a: 'main', b: 'retry-v2' } });
 * console.log(formatComparisonTable(comparison));
 * comparison.overall.mttrDifference;     // seconds, B − A
 * comparison.overall.mttrTest?.p;        // Mann–Whitney p-value
 * ```
 */
export function compareCampaigns(a: ComparableCampaign, b: ComparableCampaign, options: CompareCampaignsOptions = {}): CampaignComparison {
  checkCampaign(a, 'a');
  checkCampaign(b, 'b');
  const { seed, resamples, labels } = validateOptions(options);
  const dataA = collect(a);
  const dataB = collect(b);
  const names = [...new Set([...dataA.byScenario.keys(), ...dataB.byScenario.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    format: COMPARISON_FORMAT,
    version: 1,
    labels,
    bootstrap: { seed, resamples },
    overall: compareGroup(null, dataA.overall, dataB.overall, seed, resamples),
    scenarios: names.map((name) =>
      compareGroup(name, dataA.byScenario.get(name) ?? newGroup(), dataB.byScenario.get(name) ?? newGroup(), seed, resamples),
    ),
  };
}
