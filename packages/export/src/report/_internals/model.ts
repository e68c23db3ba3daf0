import { quantileSorted } from 'd3-array';
import type { FaultRecord, MetricsGroupSummary, MetricsSource, MetricsSummary, RecoveryRecord, ScenarioOutcome } from '@chaos/metrics';

/** How the scenario runs of a group ended. */
export interface OutcomeCounts {
  runs: number;
  /** Steady state held. */
  successes: number;
  /** Every fault that needed a recovery got one. */
  recovered: number;
  /** Not inconclusive: the denominator of the completion rate. */
  conclusive: number;
  completed: number;
  inconclusive: number;
}

/** One scenario (or all of them) as the report shows it. */
export interface GroupData {
  readonly name: string;
  readonly summary: MetricsGroupSummary | undefined;
  readonly outcomes: OutcomeCounts;
  /** Δt of the successful recoveries, seconds, ascending. */
  readonly durations: Float64Array;
}

/** The run drawn as a timeline, and why it was picked. */
export interface TimelineData {
  readonly runId: string;
  readonly scenario: string | undefined;
  readonly outcome: ScenarioOutcome | undefined;
  readonly faults: readonly FaultRecord[];
  readonly recoveries: readonly RecoveryRecord[];
  /** Faults and recoveries of the run that were left out to keep the chart readable. */
  readonly omitted: number;
  readonly why: string;
}

export interface FailedRun {
  readonly scenario: string;
  readonly runId: string;
  readonly seed: string | undefined;
  readonly inconclusive: boolean;
  readonly error: string | undefined;
}

export interface FailedRecovery {
  readonly scenario: string | undefined;
  readonly runId: string;
  readonly agentId: string;
  readonly faultType: string;
  readonly error: string | undefined;
}

/** Everything the page shows that comes from the records. */
export interface MetricsModel {
  readonly summary: MetricsSummary;
  readonly overall: GroupData;
  /** Every scenario with records or results, plus the ones the context names, sorted. */
  readonly scenarios: readonly GroupData[];
  readonly timeline: TimelineData | null;
  readonly failedRuns: readonly FailedRun[];
  readonly failedRunCount: number;
  readonly failedRecoveries: readonly FailedRecovery[];
  readonly failedRecoveryCount: number;
  readonly faultCount: number;
  readonly recoveryCount: number;
}

/** At most this many failures are listed (the counts say how many there were). */
export const MAX_LISTED_FAILURES = 25;
/** At most this many faults + recoveries are drawn on the timeline. */
export const MAX_TIMELINE_RECORDS = 120;

function newOutcomes(): OutcomeCounts {
  return { runs: 0, successes: 0, recovered: 0, conclusive: 0, completed: 0, inconclusive: 0 };
}

function addOutcome(counts: OutcomeCounts, result: ScenarioOutcome): void {
  counts.runs += 1;
  if (result.success) counts.successes += 1;
  if (result.recovered) counts.recovered += 1;
  if (result.inconclusive === true) counts.inconclusive += 1;
  else {
    counts.conclusive += 1;
    if (result.taskCompleted) counts.completed += 1;
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface RunStats {
  sum: number;
  count: number;
  scenario: string | undefined;
}

/** What one pass over the faults and recoveries gathers. */
interface RecordWalk {
  /** Δt of every successful recovery, seconds, in recording order. */
  readonly durations: number[];
  readonly durationsBy: Map<string, number[]>;
  /** Per run with a successful recovery: the sum and count of its Δt. */
  readonly runs: Map<string, RunStats>;
  /** Every run with a fault or a recovery, in the order first seen. */
  readonly firstRunSeen: string[];
  readonly failedRecoveries: FailedRecovery[];
  failedRecoveryCount: number;
}

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function walkRecords(metrics: MetricsSource): RecordWalk {
  const walk: RecordWalk = { durations: [], durationsBy: new Map(), runs: new Map(), firstRunSeen: [], failedRecoveries: [], failedRecoveryCount: 0 };
  const seenRuns = new Set<string>();
  const noteRun = (runId: string): void => {
    if (!seenRuns.has(runId)) {
      seenRuns.add(runId);
      walk.firstRunSeen.push(runId);
    }
  };
  for (const fault of metrics.iterateFaults()) noteRun(fault.runId);
  for (const recovery of metrics.iterateRecoveries()) {
    noteRun(recovery.runId);
    if (!recovery.success) {
      walk.failedRecoveryCount += 1;
      if (walk.failedRecoveries.length < MAX_LISTED_FAILURES) {
        const { scenario, runId, agentId, faultType, error } = recovery;
        walk.failedRecoveries.push({ scenario, runId, agentId, faultType, error });
      }
      continue;
    }
    const dt = (recovery.recoveredAt - recovery.faultAt) / 1000;
    walk.durations.push(dt);
    if (recovery.scenario !== undefined) pushTo(walk.durationsBy, recovery.scenario, dt);
    const run = walk.runs.get(recovery.runId);
    if (run === undefined) walk.runs.set(recovery.runId, { sum: dt, count: 1, scenario: recovery.scenario });
    else {
      run.sum += dt;
      run.count += 1;
    }
  }
  return walk;
}

/** What one pass over the scenario results gathers. */
interface ResultWalk {
  readonly outcomes: OutcomeCounts;
  readonly outcomesBy: Map<string, OutcomeCounts>;
  /** The first result recorded for each run. */
  readonly resultOf: Map<string, ScenarioOutcome>;
  readonly failedRuns: FailedRun[];
  failedRunCount: number;
}

function walkResults(metrics: MetricsSource): ResultWalk {
  const walk: ResultWalk = { outcomes: newOutcomes(), outcomesBy: new Map(), resultOf: new Map(), failedRuns: [], failedRunCount: 0 };
  for (const result of metrics.scenarioResults) {
    addOutcome(walk.outcomes, result);
    let counts = walk.outcomesBy.get(result.scenario);
    if (counts === undefined) {
      counts = newOutcomes();
      walk.outcomesBy.set(result.scenario, counts);
    }
    addOutcome(counts, result);
    if (!walk.resultOf.has(result.runId)) walk.resultOf.set(result.runId, result);
    if (!result.success) {
      walk.failedRunCount += 1;
      if (walk.failedRuns.length < MAX_LISTED_FAILURES) {
        const { scenario, runId, seed, error } = result;
        walk.failedRuns.push({ scenario, runId, seed, inconclusive: result.inconclusive === true, error });
      }
    }
  }
  return walk;
}

function sorted(values: readonly number[] | undefined): Float64Array {
  return Float64Array.from(values ?? []).sort();
}

/**
 * Reads a metrics store once for the figures (summary, Δt per scenario, outcomes,
 * failures), picks the representative run, and reads it a second time for that run's
 * records.
 */
export function buildMetricsModel(metrics: MetricsSource, extraScenarios: readonly string[], timelineRunId?: string): MetricsModel {
  const summary = metrics.getSummary();
  const records = walkRecords(metrics);
  const results = walkResults(metrics);
  const names = new Set<string>([...Object.keys(summary.byScenario), ...results.outcomesBy.keys(), ...extraScenarios]);
  const scenarios: GroupData[] = [...names].sort(byName).map((name) => ({
    name,
    summary: summary.byScenario[name],
    outcomes: results.outcomesBy.get(name) ?? newOutcomes(),
    durations: sorted(records.durationsBy.get(name)),
  }));
  return {
    summary,
    overall: { name: 'All scenarios', summary, outcomes: results.outcomes, durations: sorted(records.durations) },
    scenarios,
    timeline: pickTimeline(metrics, records.runs, records.firstRunSeen, results.resultOf, timelineRunId),
    failedRuns: results.failedRuns,
    failedRunCount: results.failedRunCount,
    failedRecoveries: records.failedRecoveries,
    failedRecoveryCount: records.failedRecoveryCount,
    faultCount: metrics.faultCount,
    recoveryCount: metrics.recoveryCount,
  };
}

/**
 * The run whose mean recovery time is closest to the median of the runs' means (the
 * first such run in recording order); with no successful recovery at all, the first
 * run with a fault. `timelineRunId` overrides the choice when that run has records.
 */
function pickTimeline(
  metrics: MetricsSource,
  runs: ReadonlyMap<string, RunStats>,
  firstRunSeen: readonly string[],
  resultOf: ReadonlyMap<string, ScenarioOutcome>,
  timelineRunId: string | undefined,
): TimelineData | null {
  let runId: string | undefined;
  let why: string;
  const means = [...runs.entries()].map(([id, run]) => [id, run.sum / run.count] as const);
  if (timelineRunId !== undefined && firstRunSeen.includes(timelineRunId)) {
    runId = timelineRunId;
    why = 'the run asked for';
  } else if (means.length > 0) {
    const sortedMeans = Float64Array.from(means, ([, m]) => m).sort();
    const median = quantileSorted(sortedMeans as unknown as number[], 0.5) as number;
    let best = Number.POSITIVE_INFINITY;
    for (const [id, m] of means) {
      const distance = Math.abs(m - median);
      if (distance < best) {
        best = distance;
        runId = id;
      }
    }
    why = `the run whose mean recovery time is closest to the median over the ${means.length} runs with a recovery`;
    if (timelineRunId !== undefined) why += ` (run "${timelineRunId}" has no records)`;
  } else if (firstRunSeen.length > 0) {
    runId = firstRunSeen[0];
    why = 'no run recovered from a fault: the first run with a fault';
  } else {
    return null;
  }
  if (runId === undefined) return null;

  const faults: FaultRecord[] = [];
  const recoveries: RecoveryRecord[] = [];
  let omitted = 0;
  for (const fault of metrics.iterateFaults()) {
    if (fault.runId !== runId) continue;
    if (faults.length < MAX_TIMELINE_RECORDS / 2) faults.push(fault);
    else omitted += 1;
  }
  for (const recovery of metrics.iterateRecoveries()) {
    if (recovery.runId !== runId) continue;
    if (recoveries.length < MAX_TIMELINE_RECORDS / 2) recoveries.push(recovery);
    else omitted += 1;
  }
  const outcome = resultOf.get(runId);
  const scenario = outcome?.scenario ?? runs.get(runId)?.scenario ?? faults[0]?.scenario ?? recoveries[0]?.scenario;
  return { runId, scenario, outcome, faults, recoveries, omitted, why };
}
