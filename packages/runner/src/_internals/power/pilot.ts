import type { MetricsSource } from '@chaos/metrics';

/** One scenario of a pilot campaign: each run's recovery times (seconds; empty for a run without one). */
export interface PilotScenario {
  readonly scenario: string;
  readonly runs: readonly (readonly number[])[];
  /** Successful recoveries in all. */
  readonly recoveries: number;
}

/**
 * The recovery times of a campaign's runs, per scenario, in the campaign's order: Δt
 * (fault to recovered) of each successful recovery, grouped by run; runs with no
 * successful recovery are kept, empty, so resampling keeps their share.
 */
export function pilotScenarios(source: MetricsSource): PilotScenario[] {
  const byRun = new Map<string, number[]>();
  for (const recovery of source.iterateRecoveries()) {
    if (!recovery.success) continue;
    const times = byRun.get(recovery.runId);
    const seconds = (recovery.recoveredAt - recovery.faultAt) / 1000;
    if (times === undefined) byRun.set(recovery.runId, [seconds]);
    else times.push(seconds);
  }
  const scenarios = new Map<string, number[][]>();
  for (const result of source.scenarioResults) {
    let runs = scenarios.get(result.scenario);
    if (runs === undefined) scenarios.set(result.scenario, (runs = []));
    runs.push(byRun.get(result.runId) ?? []);
  }
  return [...scenarios].map(([scenario, runs]) => ({ scenario, runs, recoveries: runs.reduce((n, r) => n + r.length, 0) }));
}
