/**
 * What the runner's worker threads import to run the demo campaign: the demo system as
 * `workflowFactory`, and the soak scenario (its probabilities read from `CHAOS_*`,
 * which worker threads share with the main thread).
 */
import { createDemoWorkflow } from './createDemoWorkflow.js';
import { demoSoakScenario } from './scenarios.js';

export const demoSoak = demoSoakScenario();

export function workflowFactory() {
  return createDemoWorkflow();
}
