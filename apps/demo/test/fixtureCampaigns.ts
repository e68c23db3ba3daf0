/** The seeded campaigns whose exports are pinned by `exportsFixture.test.ts`. */
import { quickExport } from '@chaos/export';
import { ChaosRunner, type RunnerConfig } from '@chaos/runner';
import { builtinScenarios } from '@chaos/scenarios';
import { demoScenarios, demoWorkflowFactory, ForgetfulReconstructor } from '../src/index.js';

/** Soak probabilities written out, so the fixture does not depend on `CHAOS_*`. */
const SOAK = {
  crashProbability: 0.1,
  delayMs: 500,
  delayProbability: 0.2,
  timeoutSeconds: 30,
  timeoutProbability: 0.1,
  hallucinationProbability: 0.1,
  corruptionProbability: 0.1,
} as const;

const common = { runsPerScenario: 4, concurrency: 1, backend: 'in-process', time: 'virtual' } as const;

export const fixtureCampaigns: Readonly<Record<string, () => RunnerConfig>> = {
  reference: () => ({ ...common, seed: 'fixture-reference', scenarios: builtinScenarios.map((s) => s.name) }),
  demo: () => ({ ...common, seed: 'fixture-demo', scenarios: demoScenarios(SOAK), workflowFactory: demoWorkflowFactory() }),
  'demo-broken': () => ({
    ...common,
    seed: 'fixture-broken',
    scenarios: demoScenarios(SOAK),
    workflowFactory: demoWorkflowFactory({ reconstructor: new ForgetfulReconstructor() }),
  }),
};

/** Runs a fixture campaign and writes its exports to `dir`; the paths of its two CSVs. */
export async function exportCampaign(name: string, dir: string): Promise<{ events: string; mttr: string }> {
  const config = fixtureCampaigns[name];
  if (config === undefined) throw new RangeError(`Unknown fixture campaign "${name}"`);
  const summary = await new ChaosRunner(config()).runAll();
  const paths = await quickExport(summary.metrics, { outputDir: dir });
  return { events: paths.events, mttr: paths.mttr };
}
