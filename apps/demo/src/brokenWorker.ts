/**
 * The worker module of `pnpm demo --broken-reconstructor`: the demo system with the
 * forgetful reconstructor as `workflowFactory`, the soak and the LLM scenarios. A
 * module (not a closure in the demo), so the runner's worker threads and `chaos replay
 * --module` run the very same broken system.
 */
import { createDemoWorkflow } from './createDemoWorkflow.js';
import { ForgetfulReconstructor } from './ForgetfulReconstructor.js';

// The scenarios are the healthy worker's; only the system differs.
export { demoSoak, llmScenarios } from './worker.js';

export function workflowFactory() {
  return createDemoWorkflow({ reconstructor: new ForgetfulReconstructor() });
}
