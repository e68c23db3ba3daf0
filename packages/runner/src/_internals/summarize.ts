import { ResilienceMetrics, wilsonInterval, type MetricsGroupSummary } from '@chaos/metrics';
import type { ScenarioResult } from '@chaos/scenarios';
import type { MttrStats, RecoveryStats, RunnerSummary, ScenarioStats, SoakConfig, TimeMode } from '../types.js';
import { percentOf } from './stats.js';

/** What the summary is made from. */
export interface SummaryInput {
  readonly seed: string;
  readonly accuracyThreshold: number;
  readonly time: TimeMode;
  readonly runsPerScenario: number;
  readonly concurrency: number;
  readonly backend: string;
  readonly backendNote: string | undefined;
  readonly delayBetweenRuns: number;
  readonly journal: string | undefined;
  readonly resumedRuns: number;
  readonly config: SoakConfig | undefined;
  readonly runTimeoutSeconds: number;
  readonly workerModule: string | URL | undefined;
  readonly wallSeconds: number;
  /** Scenario names in campaign order, and each one's results by run index. */
  readonly scenarios: readonly { readonly name: string; readonly results: readonly ScenarioResult[] }[];
}

/**
 * Fills a metrics store from the runs, in campaign order: each run's faults, then its
 * recoveries, then its outcome. Records carry the run's scenario, so the summary's
 * per-scenario breakdown works; tags and fault time sources are kept as recorded.
 */
export function metricsFromResults(seed: string, results: Iterable<ScenarioResult>, accuracyThreshold?: number): ResilienceMetrics {
  const metrics = new ResilienceMetrics({ bootstrapSeed: `${seed}/bootstrap`, ...(accuracyThreshold === undefined ? {} : { accuracyThreshold }) });
  for (const result of results) {
    for (const fault of result.faults) {
      metrics.recordFailure({
        agentId: fault.agentId,
        threadId: fault.threadId,
        faultType: fault.faultType,
        runId: fault.runId ?? result.runId,
        scenario: result.scenario,
        at: fault.at,
        ...(fault.error === undefined ? {} : { error: fault.error }),
        ...(fault.tags === undefined ? {} : { tags: fault.tags }),
      });
    }
    for (const recovery of result.recoveries) {
      metrics.recordRecovery({ ...recovery, runId: recovery.runId ?? result.runId, scenario: result.scenario });
    }
    metrics.recordScenarioResult(result);
  }
  return metrics;
}

/** MTTR-A statistics of a group, from its metrics breakdown. */
function mttrOf(group: MetricsGroupSummary | undefined): MttrStats {
  return {
    samples: group?.successfulRecoveries ?? 0,
    mean: group?.mttrAvg ?? null,
    median: group?.mttrMedian ?? null,
    std: group?.mttrStd ?? null,
    p90: group?.mttrP90 ?? null,
    p95: group?.mttrP95 ?? null,
    p99: group?.mttrP99 ?? null,
    min: group?.mttrMin ?? null,
    max: group?.mttrMax ?? null,
    ci95: group?.mttrCi95 ?? null,
    detectMean: group?.mttdAvg ?? null,
    mtbf: group?.mtbf ?? null,
    nrr: group?.nrr ?? null,
    nrrMedian: group?.nrrMedian ?? null,
    uptime: group?.uptime ?? null,
  };
}

/** Reconstruction accuracy and correct recovery of a group, from its metrics breakdown. */
function recoveryOf(group: MetricsGroupSummary | undefined): RecoveryStats {
  const correct = group?.correctRecoveries ?? 0;
  const scored = group?.scoredRecoveries ?? 0;
  return {
    attempts: group?.totalRecoveries ?? 0,
    successRate: group?.recoverySuccessRate ?? null,
    reconstructionAccuracy: group?.reconstructionAccuracyAvg ?? null,
    scored,
    correct,
    correctRate: percentOf(correct, scored),
    correctInterval: wilsonInterval(correct, scored),
  };
}

interface Counts {
  runs: number;
  successes: number;
  failures: number;
  inconclusive: number;
  recovered: number;
  completed: number;
  simulated: number;
}

function count(results: readonly ScenarioResult[]): Counts {
  const c: Counts = { runs: 0, successes: 0, failures: 0, inconclusive: 0, recovered: 0, completed: 0, simulated: 0 };
  for (const r of results) {
    c.runs += 1;
    if (r.success) c.successes += 1;
    else if (r.inconclusive) c.inconclusive += 1;
    else c.failures += 1;
    if (r.recovered) c.recovered += 1;
    if (r.taskCompleted) c.completed += 1;
    c.simulated += r.durationSeconds;
  }
  return c;
}

/**
 * Builds the campaign summary from every run's result. Run counts and their Wilson
 * intervals come from the results; every recovery figure (MTTR-A and its spread, MTBF,
 * NRR, reconstruction accuracy, correct recovery) from the metrics breakdowns, so the
 * runner and `@chaos/metrics` never disagree.
 */
export function summarize(input: SummaryInput): RunnerSummary {
  const results = input.scenarios.flatMap((s) => s.results);
  const metrics = metricsFromResults(input.seed, results, input.accuracyThreshold);
  const overall = metrics.getSummary();
  const scenarios: ScenarioStats[] = input.scenarios.map(({ name, results: runs }) => {
    const c = count(runs);
    const failedRunIndexes: number[] = [];
    runs.forEach((r, index) => {
      if (!r.success) failedRunIndexes.push(index);
    });
    return {
      scenario: name,
      runs: c.runs,
      successes: c.successes,
      failures: c.failures,
      inconclusive: c.inconclusive,
      successRate: percentOf(c.successes, c.runs),
      successInterval: wilsonInterval(c.successes, c.runs),
      recovered: c.recovered,
      recoveryRate: percentOf(c.recovered, c.runs),
      recoveryInterval: wilsonInterval(c.recovered, c.runs),
      taskCompletionRate: percentOf(c.completed, c.runs),
      mttr: mttrOf(overall.byScenario[name]),
      recoveries: recoveryOf(overall.byScenario[name]),
      failedRunIndexes,
    };
  });
  const all = count(results);
  return {
    seed: input.seed,
    accuracyThreshold: input.accuracyThreshold,
    time: input.time,
    runsPerScenario: input.runsPerScenario,
    concurrency: input.concurrency,
    backend: input.backend,
    backendNote: input.backendNote,
    totalRuns: all.runs,
    successfulRuns: all.successes,
    failedRuns: all.failures,
    inconclusiveRuns: all.inconclusive,
    resumedRuns: input.resumedRuns,
    successRate: percentOf(all.successes, all.runs),
    successInterval: wilsonInterval(all.successes, all.runs),
    recoveryRate: percentOf(all.recovered, all.runs),
    recoveryInterval: wilsonInterval(all.recovered, all.runs),
    averageMttrSeconds: overall.mttrAvg,
    mttr: mttrOf(overall),
    recoveries: recoveryOf(overall),
    allHeld: all.successes === all.runs,
    scenarios,
    results,
    metrics,
    wallSeconds: input.wallSeconds,
    simulatedSeconds: all.simulated + input.delayBetweenRuns * Math.max(0, all.runs - 1),
    journal: input.journal,
    config: input.config ?? null,
    runTimeoutSeconds: input.runTimeoutSeconds,
    workerModule: input.workerModule === undefined ? undefined : String(input.workerModule),
  };
}
