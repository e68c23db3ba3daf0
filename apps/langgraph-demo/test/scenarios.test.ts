import { describe, expect, it } from 'vitest';
import { MARKETING_TIMEOUT_MS, WORK_MS } from '../src/graph.js';
import { graphCrashResume, graphHandoffCorruption, graphNodeHang, graphSlowNode } from '../src/scenarios.js';
import { RESTART_MS } from '../src/workflow.js';

/** When marketing's first attempt starts: product and pricing are done. */
const MARKETING_STARTS = WORK_MS.product + WORK_MS.pricing;

describe('the LangGraph demo scenarios', () => {
  it('GraphCrashResume: resumed from the checkpoint after the restart, product and pricing not re-run; Δt = restart + marketing', async () => {
    const result = await graphCrashResume.run({ seed: 's-1' });
    expect(result.error).toBeUndefined();
    expect(result.success).toBe(true);
    expect(result.output).toMatchObject({ nodeRuns: { product: 1, pricing: 1, marketing: 1 }, resumes: 1 });
    expect(result.recoveries).toEqual([
      expect.objectContaining({ agentId: 'marketing', faultType: 'crash', faultAt: MARKETING_STARTS, recoveredAt: MARKETING_STARTS + RESTART_MS + WORK_MS.marketing, detection: 'automatic', success: true }),
    ]);
    expect(result.mttrSeconds).toBe((RESTART_MS + WORK_MS.marketing) / 1000);
  });

  it('GraphNodeHang: the hang is abandoned at the node timeout and the retry recovers; Δt = timeout + marketing', async () => {
    const result = await graphNodeHang.run({ seed: 's-2' });
    expect(result.success).toBe(true);
    expect(result.recoveries).toEqual([
      expect.objectContaining({ faultType: 'timeout', faultAt: MARKETING_STARTS, detectedAt: MARKETING_STARTS + MARKETING_TIMEOUT_MS, detection: 'automatic', success: true }),
    ]);
    expect(result.mttrSeconds).toBe((MARKETING_TIMEOUT_MS + WORK_MS.marketing) / 1000);
    expect(result.detectSeconds).toBe(MARKETING_TIMEOUT_MS / 1000);
  });

  it('GraphHandoffCorruption: the checksum rejects the corrupted handoff, the retry gets it intact; Δt = marketing', async () => {
    const result = await graphHandoffCorruption.run({ seed: 's-3' });
    expect(result.success).toBe(true);
    expect(result.checks.find((check) => check.name === 'campaign faithful')?.passed).toBe(true);
    expect(result.recoveries).toEqual([expect.objectContaining({ faultType: 'corruption', agentId: 'marketing', detection: 'automatic', success: true })]);
    expect(result.mttrSeconds).toBe(WORK_MS.marketing / 1000);
  });

  it('GraphSlowNode: a slow node inside its timeout records no recovery', async () => {
    const result = await graphSlowNode.run({ seed: 's-4' });
    expect(result.success).toBe(true);
    expect(result.faults).toEqual([expect.objectContaining({ faultType: 'delay', agentId: 'marketing' })]);
    expect(result.recoveries).toEqual([]);
    expect(result.durationSeconds).toBe((MARKETING_STARTS + 3_000 + WORK_MS.marketing) / 1000);
  });

  it('fails a steady state when the graph cannot finish: the fault is a failed recovery', async () => {
    const { defineScenario } = await import('@chaos/scenarios');
    const always = defineScenario({
      name: 'GraphCrashForever',
      description: 'marketing crashes on every attempt',
      plan: [{ fault: 'crash', target: 'marketing', trigger: { on: 'call', call: 1 }, times: 10 }],
      checks: graphCrashResume.checks,
      workflowFactory: (await import('../src/workflow.js')).createShopWorkflow,
      initialState: (await import('../src/workflow.js')).CATALOGUE,
      detectRecoveries: true,
    });
    const result = await always.run({ seed: 's-5' });
    expect(result.success).toBe(false);
    expect(result.recoveries.filter((r) => !r.success)).toHaveLength(result.faults.length);
    expect(result.recoveries.every((r) => r.detection === 'automatic')).toBe(true);
  });
});
