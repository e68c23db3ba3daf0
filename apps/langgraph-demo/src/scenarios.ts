import { type SteadyStateCheck, defineScenario } from '@chaos/scenarios';
import { CATALOGUE, type ShopOutput, createShopWorkflow } from './workflow.js';
import type { Product } from './graph.js';

type Check = SteadyStateCheck<readonly Product[], ShopOutput>;

const campaignProduced: Check = {
  name: 'campaign produced',
  description: 'the graph finished: every product uploaded and the campaign written',
  check: ({ outcome }) =>
    outcome?.taskCompleted === true
      ? { passed: true, detail: `${outcome.output.uploaded.length} products uploaded, campaign written` }
      : { passed: false, detail: outcome === undefined ? 'the graph never finished' : 'the campaign is missing' },
};

const campaignFaithful: Check = {
  name: 'campaign faithful',
  description: 'the campaign names every product of the catalogue: no corrupted handoff was accepted',
  check: ({ outcome, initialState }) => {
    const missing = initialState.filter((item) => outcome?.output.campaign?.includes(item.name) !== true);
    return missing.length === 0 ? { passed: true, detail: 'every product is in the campaign' } : { passed: false, detail: `missing: ${missing.map((m) => m.name).join(', ')}` };
  },
};

const noFinishedNodeRerun: Check = {
  name: 'no finished node re-run',
  description: 'a node that finished ran once: a resumed graph starts from its checkpoint',
  check: ({ outcome }) => {
    const runs = outcome?.output.nodeRuns;
    if (runs === undefined) return { passed: false, detail: 'no outcome' };
    const twice = Object.entries(runs).filter(([, count]) => count !== 1);
    return twice.length === 0 ? { passed: true, detail: 'each node finished exactly once' } : { passed: false, detail: twice.map(([node, count]) => `${node} finished ${count} times`).join(', ') };
  },
};

const measuredAutomatically: Check = {
  name: 'recovery measured automatically',
  description: 'each fault needing recovery has an automatic, successful recovery record',
  check: ({ recoveries }) => {
    const automatic = recoveries.filter((r) => r.detection === 'automatic' && r.success);
    return automatic.length > 0 && automatic.length === recoveries.length
      ? { passed: true, detail: automatic.map((r) => `${r.agentId} ${r.faultType} Δt ${((r.recoveredAt - r.faultAt) / 1000).toFixed(1)} s`).join(', ') }
      : { passed: false, detail: `${automatic.length} automatic successful recoveries of ${recoveries.length}` };
  },
};

const noFalseRecovery: Check = {
  name: 'no false recovery',
  description: 'a slow node inside its timeout needs no recovery, and none is recorded',
  check: ({ recoveries }) =>
    recoveries.length === 0 ? { passed: true, detail: 'no recovery recorded' } : { passed: false, detail: `${recoveries.length} recoveries recorded for a slow node` },
};

const common = { workflowFactory: createShopWorkflow, initialState: CATALOGUE, detectRecoveries: true } as const;

/** Marketing crashes mid-graph; the operator resumes the graph from its checkpoint. */
export const graphCrashResume = defineScenario<readonly Product[], ShopOutput>({
  ...common,
  name: 'GraphCrashResume',
  description: 'The marketing node crashes after product and pricing finished; the graph is resumed from its MemorySaver checkpoint without re-running them.',
  plan: [{ fault: 'crash', target: 'marketing', trigger: { on: 'call', call: 1 } }],
  checks: [campaignProduced, noFinishedNodeRerun, measuredAutomatically],
});

/** Marketing hangs; the node's timeout abandons the attempt and its retryPolicy runs it again. */
export const graphNodeHang = defineScenario<readonly Product[], ShopOutput>({
  ...common,
  name: 'GraphNodeHang',
  description: "The marketing node hangs for 60 s; its 8 s node timeout abandons the attempt and the node's retryPolicy runs it again.",
  plan: [{ fault: 'timeout', target: 'marketing', trigger: { on: 'call', call: 1 }, options: { timeoutSeconds: 60 } }],
  checks: [campaignProduced, noFinishedNodeRerun, measuredAutomatically],
});

/** The handoff reaching marketing is corrupted; its checksum check rejects it and the retry gets it intact. */
export const graphHandoffCorruption = defineScenario<readonly Product[], ShopOutput>({
  ...common,
  name: 'GraphHandoffCorruption',
  description: "The handoff from the product agent reaches marketing corrupted; marketing's checksum check rejects it and the node's retry receives it intact.",
  plan: [{ fault: 'corruption', target: 'marketing', trigger: { on: 'call', call: 1 }, options: { fields: ['handoff.products'] } }],
  checks: [campaignProduced, campaignFaithful, measuredAutomatically],
});

/** Marketing is slow but inside its timeout: nothing to recover from. */
export const graphSlowNode = defineScenario<readonly Product[], ShopOutput>({
  ...common,
  name: 'GraphSlowNode',
  description: 'The marketing node is 3 s slow, inside its 8 s timeout: no recovery is triggered and the campaign is produced.',
  plan: [{ fault: 'delay', target: 'marketing', trigger: { on: 'call', call: 1 }, options: { delayMs: 3_000 } }],
  checks: [campaignProduced, noFinishedNodeRerun, noFalseRecovery],
});

/** The four scenarios of the LangGraph demo. */
export const graphScenarios = [graphCrashResume, graphNodeHang, graphHandoffCorruption, graphSlowNode];
