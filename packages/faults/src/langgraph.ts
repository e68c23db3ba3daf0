/**
 * `@chaos/faults/langgraph`: faults in LangGraph.js graph nodes, with the node name as
 * target and LangGraph's `thread_id` as thread. Loads `@langchain/langgraph` (an
 * optional peer dependency); the main entry of `@chaos/faults` never does.
 */
export { chaosNode, chaosNodes } from './langgraph/chaosNodes.js';
export type { ChaosGraphBuilder, ChaosNodeOptions, NodeFaultOptions } from './langgraph/chaosNodes.js';
