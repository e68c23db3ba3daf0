/**
 * The worker module of `pnpm demo --broken-llm-handling`: the demo system whose copy
 * agent handles LLM faults badly on purpose (`BROKEN_HANDLING`: no back-off, retry-after
 * ignored, a cut answer taken as it is, no deadline on its tool, no repair of a
 * malformed tool call) as `workflowFactory`, the soak and the LLM scenarios. A module,
 * so worker threads and `chaos replay --module` run the very same broken system.
 */
import { createDemoWorkflow } from './createDemoWorkflow.js';
import { BROKEN_HANDLING } from './llm/CopyAgent.js';

// The scenarios are the healthy worker's; only the system differs.
export { demoSoak, llmScenarios } from './worker.js';

export function workflowFactory() {
  return createDemoWorkflow({ llmHandling: BROKEN_HANDLING });
}
