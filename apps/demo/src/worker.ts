/**
 * What the runner's worker threads import to run the demo campaign: the demo system as
 * `workflowFactory`, the soak scenario (its probabilities read from `CHAOS_*`, which
 * worker threads share with the main thread) and the four LLM scenarios.
 */
import { createDemoWorkflow } from './createDemoWorkflow.js';
import { demoLlmScenarios } from './llmScenarios.js';
import { demoSoakScenario } from './scenarios.js';

export const demoSoak = demoSoakScenario();

export const llmScenarios = demoLlmScenarios();

export function workflowFactory() {
  return createDemoWorkflow();
}
