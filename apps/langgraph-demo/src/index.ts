export { buildShopGraph, handoffIntact, MARKETING_TIMEOUT_MS, ShopState, WORK_MS } from './graph.js';
export type { Handoff, NodeRuns, Product, ShopStateValue } from './graph.js';
export { CATALOGUE, createShopWorkflow, RESTART_MS } from './workflow.js';
export type { ShopOutput } from './workflow.js';
export { graphCrashResume, graphHandoffCorruption, graphNodeHang, graphScenarios, graphSlowNode } from './scenarios.js';
