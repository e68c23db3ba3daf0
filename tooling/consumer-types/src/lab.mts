// A lab's module: every published package. Compiled as ESM and as CJS.
import { ChaosRunner, replayRun, summaryToJSON, type RunnerConfig, type RunnerSummary } from '@chaos/runner';
import { defineScenario, taskCompleted, listScenarios } from '@chaos/scenarios';
import { ResilienceMetrics, compareCampaigns } from '@chaos/metrics';
import { quickExport, renderHtmlReport, type HtmlReportInput } from '@chaos/export';
import { injectTimeout } from '@chaos/faults';
import { realClock, type Clock } from '@chaos/config';

const scenario = defineScenario({
  name: 'ConsumerTypes',
  description: 'compiles for a consumer',
  plan: [{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 2 } }],
  checks: [taskCompleted],
});
const config: RunnerConfig = { scenarios: [scenario, ...listScenarios()], runsPerScenario: 2, seed: 'types' };

export async function campaign(): Promise<RunnerSummary> {
  const summary = await new ChaosRunner(config).runAll();
  await quickExport(summary.metrics, { outputDir: 'results' });
  const input: HtmlReportInput = { metrics: summary.metrics };
  await renderHtmlReport(input.metrics);
  compareCampaigns(summary.metrics, new ResilienceMetrics(), {});
  await replayRun({ scenario, campaignSeed: summary.seed, runIndex: 0 });
  return summary;
}
export const hang = injectTimeout({ timeoutSeconds: 1 })(async () => 1);
export const clock: Clock = realClock;
export const json = summaryToJSON;
