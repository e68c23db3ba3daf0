/**
 * What the runner's worker threads (and `chaos run --module`) import: the LangGraph
 * demo's scenarios, each with its own workflow.
 */
export { graphCrashResume, graphHandoffCorruption, graphNodeHang, graphSlowNode } from './scenarios.js';
