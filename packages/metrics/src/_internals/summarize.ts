import type { Interval, MetricsGroupSummary, MetricsSummary } from '../types.js';
import { newAccumulators, type Accumulators } from './accumulators.js';
import { bootstrapMeanIntervals } from './bootstrap.js';
import { bucketingFor, durationStatsBySlot, durationsOfRun } from './durations.js';
import { groupSummaries, strataOfRuns } from './groupFigures.js';
import { pairedMedians } from './pairedRuns.js';
import type { RecoveryColumns } from './recordLayout.js';
import type { RecordStore } from './RecordStore.js';
import { makeSlots, type Combos, type Slots } from './slots.js';
import { bucketize, identityOrder, orderByRunAndTime, RunIndex, type Buckets } from './sort.js';
import { stratify, unstratified, type StratifiedSample } from './strata.js';
import { walkRuns } from './walk.js';

/** The scenario results, as interned columns (ids in the store's string table). */
export interface ResultColumns {
  readonly count: number;
  readonly run: Int32Array;
  readonly scenario: Int32Array;
  /** 1 when the task completed. */
  readonly completed: Uint8Array;
  /** 1 when the result is conclusive (not `inconclusive`). */
  readonly conclusive: Uint8Array;
}

/** How the summary is computed. */
export interface SummaryOptions {
  readonly bootstrapSeed: string;
  readonly bootstrapResamples: number;
  /** The reconstruction accuracy a successful recovery needs to be a correct recovery. */
  readonly accuracyThreshold: number;
}

/**
 * Computes the summary in a fixed number of passes, whatever the number of groups:
 *
 * 1. every group gets a slot, and every combo (a record's scenario, type, agent and
 *    tag set, interned when it was recorded) its slots (see `slots.ts`);
 * 2. runs get dense indices (first appearance: faults, then recoveries, then results),
 *    and each run its stratum (its scenario) for the bootstrap;
 * 3. faults are ordered by (run, time) and recoveries by (run, recoveredAt) with a
 *    stable counting sort by run (records already in that order, as the store notes
 *    while they arrive, cost nothing);
 * 4. one walk, run by run, merges the run's faults and recoveries by time, latest
 *    first: sums and Δt histograms per unit, MTBF pairs per slot; at the end of the
 *    run the unit sums go to the slots (totals, per-run means, whether the run is
 *    paired), and the run's scenario results are counted;
 * 5. one more pass over the successful recoveries' Δt gives every group its
 *    deviation and the few values its quantiles read, found through the histograms
 *    rather than a sort (see `durations.ts`); the medians over paired runs follow
 *    (see `pairedRuns.ts`);
 * 6. the bootstrap intervals, for all groups at once, runs resampled within their
 *    scenario (see `bootstrapMeanIntervals`).
 */
export function summarize(store: RecordStore, results: ResultColumns, options: SummaryOptions): MetricsSummary {
  const faults = store.faultColumns();
  const recs = store.recoveryColumns();
  const table = store.combos();
  const { slots, combos } = makeSlots(store, table, faults, recs, results.scenario);

  // 2. Dense run indices, and each run's stratum.
  const faultSegments = store.faultSegments();
  const recSegments = store.recoverySegments();
  const runs = new RunIndex(store.strings.size);
  runs.number(faults.run, faultSegments);
  runs.number(recs.run, recSegments);
  runs.number(results.run);
  const runCount = runs.count;
  const resultRun = runs.of(results.run);
  const runStratum = strataOfRuns(runCount, slots, table.scenario, results, resultRun, runs.denseOf, [
    [faults.combo, faults.run],
    [recs.combo, recs.run],
  ]);

  // 3. Faults by (run, at); recoveries by (run, recoveredAt); results by run.
  const identity = identityOrder(Math.max(faults.count, recs.count, results.count));
  const faultsByRun = orderByRunAndTime(faults.run, runs, faults.at, identity, faultSegments);
  const recsByRun = orderByRunAndTime(recs.run, runs, recs.recoveredAt, identity, recSegments);
  const resultsByRun = bucketize(identity.subarray(0, results.count), resultRun, runCount);

  // 4. The walk.
  const bucketing = bucketingFor(store.successDurationRange(), combos.unitCount, slots.count);
  const acc = newAccumulators(slots.count, combos.count, combos.unitCount, bucketing.buckets);
  walkRuns({ faults, recs, results, combos, slots, faultsByRun, recsByRun, resultsByRun, threshold: options.accuracyThreshold, bucketing }, acc, runCount, runStratum);

  // 5. Sorted Δt, dealt out to the groups; medians over paired runs.
  const durations = durationStatsBySlot({
    recs,
    combos,
    recsByRun,
    successes: acc.successes,
    slotCount: slots.count,
    bucketing,
    unitCounts: acc.unitCounts,
    unitSums: acc.unitSums,
    unitHistograms: acc.unitHistograms,
  });
  const paired = pairedMedians({
    recs,
    combos,
    recsByRun,
    pairedRunsOf: acc.pairedRunLists,
    runsWithSuccess: acc.runsWithSuccess,
    median: durations.map((stats) => stats.median),
  });

  // 6. The bootstrap intervals, then every group's figures, laid out by dimension.
  const samples = bootstrapSamples(acc, recs, combos, recsByRun, slots.count);
  const intervals: (Interval | null)[] = bootstrapMeanIntervals(samples, options.bootstrapResamples, options.bootstrapSeed);
  return layOut(slots, groupSummaries(acc, durations, paired, intervals), options.accuracyThreshold);
}

/**
 * Each slot's bootstrap units: its run means, in strata (their scenarios), or with a
 * single run that run's recovery times in time order.
 */
function bootstrapSamples(acc: Accumulators, recs: RecoveryColumns, combos: Combos, recsByRun: Buckets, slotCount: number): StratifiedSample[] {
  const samples: StratifiedSample[] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    const runs = acc.runsWithSuccess[slot] as number;
    if (runs >= 2) samples.push(stratify(acc.runMeans[slot] as number[], acc.runMeanStrata[slot] as number[]));
    else if (runs === 1) samples.push(unstratified(durationsOfRun(recs, combos, recsByRun, acc.firstRun[slot] as number, slot)));
    else samples.push(unstratified(new Float64Array(0)));
  }
  return samples;
}

/** The summary's layout: the whole, then one breakdown per dimension, groups in name order. */
function layOut(slots: Slots, summaries: readonly MetricsGroupSummary[], accuracyThreshold: number): MetricsSummary {
  const breakdown = (d: number): Record<string, MetricsGroupSummary> => {
    const entries: [string, MetricsGroupSummary][] = [];
    for (let slot = slots.start[d] as number; slot < (slots.start[d + 1] as number); slot++) {
      entries.push([slots.key[slot] as string, summaries[slot] as MetricsGroupSummary]);
    }
    return Object.fromEntries(entries);
  };
  return {
    ...(summaries[0] as MetricsGroupSummary),
    accuracyThreshold,
    byScenario: breakdown(0),
    byFaultType: breakdown(1),
    byAgent: breakdown(2),
    byTag: Object.fromEntries(slots.tagKeys.map((key, k) => [key, breakdown(3 + k)])),
  };
}
