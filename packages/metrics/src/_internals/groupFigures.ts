import type { MetricsGroupSummary } from '../types.js';
import { NO_SCENARIO } from './recordLayout.js';
import type { Slots } from './slots.js';
import { percent } from './stats.js';
import type { Accumulators } from './accumulators.js';
import type { DurationStats } from './durations.js';
import type { ResultColumns } from './summarize.js';

/*
 * The last steps of a summary: which stratum (scenario) each run belongs to, for the
 * bootstrap, and each group's figures from what the walk added up.
 */

/**
 * Each run's stratum for the bootstrap: the slot of its scenario (the scenario of its
 * first result, else of its first fault or recovery with one), so strata come in
 * scenario-name order; runs without a scenario share one stratum, after the others.
 */
export function strataOfRuns(
  runCount: number,
  slots: Slots,
  comboScenario: Int32Array,
  results: ResultColumns,
  resultRun: Int32Array,
  runOfId: Int32Array,
  records: readonly (readonly [combo: Int32Array, runIds: Int32Array])[],
): Int32Array {
  const stratum = new Int32Array(runCount).fill(-1);
  let open = runCount;
  for (let i = 0; i < results.count; i++) {
    const run = resultRun[i] as number;
    if (stratum[run] !== -1) continue;
    stratum[run] = slots.scenarioSlotOf[results.scenario[i] as number] as number;
    open -= 1;
  }
  // Usually every run has a result, and this finds nothing left to do.
  for (const [combo, runIds] of records) {
    for (let i = 0; i < runIds.length && open > 0; i++) {
      const run = runOfId[runIds[i] as number] as number;
      if (stratum[run] !== -1) continue;
      const scenario = comboScenario[combo[i] as number] as number;
      if (scenario === NO_SCENARIO) continue;
      stratum[run] = slots.scenarioSlotOf[scenario] as number;
      open -= 1;
    }
  }
  for (let run = 0; run < runCount; run++) if (stratum[run] === -1) stratum[run] = slots.count;
  return stratum;
}

/** Every group's figures, from the walk's sums, the Δt statistics and the intervals. */
export function groupSummaries(
  acc: Accumulators,
  durations: readonly DurationStats[],
  pairedMedian: readonly (number | null)[],
  intervals: readonly (MetricsGroupSummary['mttrCi95'] | undefined)[],
): MetricsGroupSummary[] {
  const summaries: MetricsGroupSummary[] = [];
  for (let slot = 0; slot < durations.length; slot++) {
    const stats = durations[slot] as DurationStats;
    const runs = acc.runsWithSuccess[slot] as number;
    const mttrAvg = runs === 0 ? null : (acc.runMeanSum[slot] as number) / runs;
    const pairs = acc.mtbfPairs[slot] as number;
    // The walk sums intervals in ms: one division per group rather than per pair.
    const mtbf = pairs === 0 ? null : (acc.mtbfSum[slot] as number) / pairs / 1000;
    const pairedRuns = acc.pairedRuns[slot] as number;
    const pairedMttrAvg = pairedRuns === 0 ? null : (acc.pairedMeanSum[slot] as number) / pairedRuns;
    const pairedMttrMedian = pairedMedian[slot] ?? null;
    const tries = acc.attempts[slot] as number;
    const ok = acc.successes[slot] as number;
    const scored = acc.accuracyCount[slot] as number;
    summaries.push({
      totalFaults: acc.faultTotal[slot] as number,
      totalRecoveries: tries,
      successfulRecoveries: ok,
      failedRecoveries: tries - ok,
      totalRuns: acc.runTotal[slot] as number,
      mttrAvg,
      mttrMedian: stats.median,
      mttrP50: stats.median,
      mttrP90: stats.p90,
      mttrP95: stats.p95,
      mttrP99: stats.p99,
      mttrMin: stats.min,
      mttrMax: stats.max,
      mttrStd: stats.std,
      mttrCi95: intervals[slot] ?? null,
      mttdAvg: runs === 0 ? null : (acc.runDetectSum[slot] as number) / runs,
      mttrRepairAvg: runs === 0 ? null : (acc.runRepairSum[slot] as number) / runs,
      mtbf,
      pairedRuns,
      pairedMttrAvg,
      pairedMttrMedian,
      nrr: pairedMttrAvg === null || mtbf === null || mtbf === 0 ? null : 1 - pairedMttrAvg / mtbf,
      nrrMedian: pairedMttrMedian === null || mtbf === null || mtbf === 0 ? null : 1 - pairedMttrMedian / mtbf,
      uptime: pairedMttrAvg === null || mtbf === null || mtbf + pairedMttrAvg === 0 ? null : mtbf / (mtbf + pairedMttrAvg),
      recoverySuccessRate: percent(ok, tries),
      reconstructionAccuracyAvg: scored === 0 ? null : (acc.accuracySum[slot] as number) / scored,
      scoredRecoveries: scored,
      correctRecoveries: acc.correct[slot] as number,
      correctRecoveryRate: percent(acc.correct[slot] as number, scored),
      measurementStartRecoveries: acc.measurementStart[slot] as number,
      taskCompletionRate: percent(acc.completed[slot] as number, acc.conclusive[slot] as number),
      peerContextUsageRate: percent(acc.peer[slot] as number, tries),
    });
  }
  return summaries;
}
