import { type ChaosConfig, loadConfigFromEnv } from '@chaos/config';
import {
  type AnyScenario,
  builtinScenarios,
  campaignProduced,
  defineScenario,
  noCorruptMessageAccepted,
  noItemDuplicated,
  noItemLost,
  referenceCatalogue,
  type ReferenceOutput,
  type ReferenceState,
  type Scenario,
  type SteadyStateCheck,
  taskCompleted,
} from '@chaos/scenarios';
import { copyProblems } from './copywriter.js';
import { PricingAgent } from './PricingAgent.js';
import { createDemoWorkflow, type DemoOptions } from './createDemoWorkflow.js';

/** The fault probabilities of the soak phase: the `CHAOS_*` variables, or their defaults. */
export function soakProbabilities(env: Readonly<Record<string, string | undefined>> = process.env): Partial<ChaosConfig> {
  const { crashProbability, delayMs, delayProbability, timeoutSeconds, timeoutProbability, hallucinationProbability, corruptionProbability } =
    loadConfigFromEnv(env);
  return { crashProbability, delayMs, delayProbability, timeoutSeconds, timeoutProbability, hallucinationProbability, corruptionProbability };
}

/** The published campaign says nothing false about the catalogue: no hallucination got through. */
export const campaignFaithful: SteadyStateCheck<ReferenceState, ReferenceOutput> = {
  name: 'campaign faithful',
  description: 'the published copy states the right count, names and campaign prices, and nothing more',
  check({ outcome }) {
    const campaign = outcome?.output.campaign;
    const products = outcome?.output.handoffAccepted?.products;
    if (campaign === undefined || products === undefined) return { passed: false, detail: 'no campaign was published' };
    const problems = copyProblems(campaign, products, PricingAgent.campaignPrices(products));
    return problems.length === 0
      ? { passed: true, detail: `headline and ${campaign.lines.length} lines match the catalogue` }
      : { passed: false, detail: problems.slice(0, 2).join('; ') };
  },
};

/**
 * Soak: no plan, faults by chance at the `CHAOS_*` probabilities — crashes, hangs,
 * slowdowns, damaged messages and made-up model output, any of them, several per run.
 * The steady state must hold all the same.
 */
export function demoSoakScenario(probabilities: Partial<ChaosConfig> = soakProbabilities()): Scenario<ReferenceState, ReferenceOutput> {
  return defineScenario<ReferenceState, ReferenceOutput>({
    name: 'DemoSoak',
    description: 'Random faults at the CHAOS_* probabilities across the whole system; nothing may be lost, duplicated or accepted corrupt, and the campaign must still be produced.',
    plan: [],
    config: probabilities,
    workflowFactory: () => createDemoWorkflow(),
    initialState: referenceCatalogue(),
    checks: [noItemLost, noItemDuplicated, noCorruptMessageAccepted, campaignProduced, campaignFaithful, taskCompleted],
  });
}

/** The five built-in scenarios and the soak, all against the demo system. */
export function demoScenarios(probabilities?: Partial<ChaosConfig>): AnyScenario[] {
  return [...builtinScenarios, demoSoakScenario(probabilities)];
}

/** The demo system as a runner's `workflowFactory`. */
export function demoWorkflowFactory(options: DemoOptions = {}) {
  return () => createDemoWorkflow(options);
}
