import { ResilienceMetrics } from '@chaos/metrics';
import { createReferenceWorkflow, getScenario, listScenarios, type ReferenceWorkflowOptions, type ScenarioResult } from '@chaos/scenarios';

/** The names of the registered scenarios (the five built-in ones). */
export function scenarioNames(): string[] {
  return listScenarios();
}

/**
 * A small real campaign, recorded the way the runner records one: every built-in
 * scenario `runs` times with fixed seeds against the reference workflow (with
 * `workflow` options, to make a second campaign that differs), each run's faults, then
 * its recoveries, then its result.
 */
export async function runCampaign(
  seed: string,
  runs: number,
  workflow?: ReferenceWorkflowOptions,
): Promise<{ metrics: ResilienceMetrics; results: ScenarioResult[] }> {
  const metrics = new ResilienceMetrics({ bootstrapSeed: `${seed}/bootstrap` });
  const results: ScenarioResult[] = [];
  for (const name of scenarioNames()) {
    for (let i = 0; i < runs; i++) {
      const result = await getScenario(name).run({
        seed: `${seed}/${name}/${i}`,
        runId: `${name}#${i}`,
        ...(workflow === undefined ? {} : { workflowFactory: () => createReferenceWorkflow(workflow) as never }),
      });
      for (const fault of result.faults) {
        metrics.recordFailure({
          agentId: fault.agentId,
          threadId: fault.threadId,
          faultType: fault.faultType,
          runId: fault.runId,
          scenario: result.scenario,
          at: fault.at,
          ...(fault.error === undefined ? {} : { error: fault.error }),
        });
      }
      for (const recovery of result.recoveries) metrics.recordRecovery({ ...recovery, scenario: result.scenario });
      metrics.recordScenarioResult(result);
      results.push(result);
    }
  }
  return { metrics, results };
}
