import { describe, expect, it } from 'vitest';
import {
  agentReconstructor,
  cascadeFailure,
  createReferenceWorkflow,
  delayedRecovery,
  getScenario,
  handoffCorruption,
  getScenarios,
  listScenarios,
  marketingTimeout,
  productCrashMidUpload,
  type AnyScenario,
  type ReferenceWorkflowOptions,
  type ScenarioResult,
} from '../src/index.js';

const SEEDS = ['alpha', 'beta', 'gamma'];

/** Runs `scenario` against the reference workflow built with `options`. */
function runWith(scenario: AnyScenario, seed: string, options?: ReferenceWorkflowOptions): Promise<ScenarioResult> {
  return scenario.run({
    seed,
    ...(options === undefined ? {} : { workflowFactory: () => createReferenceWorkflow(options) }),
  });
}

function failedChecks(result: ScenarioResult): string[] {
  return result.checks.filter((c) => !c.passed).map((c) => c.name);
}

describe('the five built-in scenarios on the reference workflow', () => {
  it('are listed in order', () => {
    expect(listScenarios().slice(0, 5)).toEqual([
      'ProductCrashMidUpload',
      'MarketingTimeout',
      'HandoffCorruption',
      'DelayedRecovery',
      'CascadeFailure',
    ]);
  });

  it.each(SEEDS)('all pass with seed %s', async (seed) => {
    for (const scenario of getScenarios().slice(0, 5)) {
      const result = await scenario.run({ seed });
      expect({ scenario: scenario.name, error: result.error, failed: failedChecks(result) }).toEqual({
        scenario: scenario.name,
        error: undefined,
        failed: [],
      });
      expect(result).toMatchObject({ success: true, recovered: true, taskCompleted: true, inconclusive: false, seed });
    }
  });

  it('runs with no arguments at all', async () => {
    const result = await getScenario('ProductCrashMidUpload').run();
    expect(result.success).toBe(true);
    expect(result.seed.length).toBeGreaterThan(0);
  });
});

describe('ProductCrashMidUpload', () => {
  it('resumes from the checkpoint completed by peer context, and measures one recovery', async () => {
    const result = await runWith(productCrashMidUpload, 'seed-1');
    expect(result.faults).toHaveLength(1);
    expect(result.faults[0]).toMatchObject({ agentId: 'product', faultType: 'crash', scenario: 'ProductCrashMidUpload' });
    expect(result.events[0]).toMatchObject({ kind: 'fault', scenario: 'ProductCrashMidUpload', runId: 'ProductCrashMidUpload#seed-1' });
    expect(result.recoveries).toHaveLength(1);
    const recovery = result.recoveries[0];
    expect(recovery).toMatchObject({ agentId: 'product', success: true, usedPeerContext: true, reconstructionAccuracy: 1 });
    // Crash at 6 of 12 uploads (progress 0.5), checkpoint every 4: the peers supply uploads 5 and 6.
    expect(result.checks.find((c) => c.name === 'resumed from checkpoint')?.detail).toBe('resumed at 6 of 6 uploads');
    // Restart costs 1 s ± 25 % plus a 0.1 s recall from the marketing agent.
    expect(result.mttrSeconds).toBeGreaterThanOrEqual(0.85);
    expect(result.mttrSeconds).toBeLessThanOrEqual(1.35);
    expect(result.detectSeconds).toBe(0);
  });

  it('fails when the reconstructor loses the checkpoint: items are uploaded twice', async () => {
    const result = await runWith(productCrashMidUpload, 'seed-1', {
      reconstructor: { ...agentReconstructor, restoreProduct: async () => ({ state: { uploaded: [] }, usedPeerContext: false }) },
    });
    expect(result.success).toBe(false);
    expect(failedChecks(result)).toEqual(['resumed from checkpoint', 'no item duplicated']);
    expect(result.error).toContain('no item duplicated');
  });

  it('fails when the reconstructor ignores peer context: the stale checkpoint re-uploads two items', async () => {
    const result = await runWith(productCrashMidUpload, 'seed-1', {
      reconstructor: {
        ...agentReconstructor,
        restoreProduct: async ({ checkpoint }) => ({ state: { uploaded: [...(checkpoint?.uploaded ?? [])] }, usedPeerContext: false }),
      },
    });
    expect(result.success).toBe(false);
    expect(failedChecks(result)).toContain('no item duplicated');
    expect(result.recoveries[0]?.reconstructionAccuracy).toBeCloseTo(4 / 6);
  });
});

describe('MarketingTimeout', () => {
  it('detects the hang at the deadline and restarts with the handoff context', async () => {
    const wallStart = performance.now();
    const result = await runWith(marketingTimeout, 'seed-2');
    expect(performance.now() - wallStart).toBeLessThan(2_000);
    expect(result.success).toBe(true);
    const recovery = result.recoveries[0];
    expect(recovery).toMatchObject({ agentId: 'marketing', faultType: 'timeout', success: true, usedPeerContext: true });
    // Detected by the 10 s deadline, not by the 30 s hang ending.
    expect(result.detectSeconds).toBe(10);
    expect(result.mttrSeconds).toBeGreaterThanOrEqual(10.75);
    expect(result.mttrSeconds).toBeLessThanOrEqual(11.25);
  });

  it('fails when the restarted agent gets no handoff context', async () => {
    const result = await runWith(marketingTimeout, 'seed-2', {
      reconstructor: { ...agentReconstructor, restoreMarketing: async () => ({ state: undefined, usedPeerContext: false }) },
    });
    expect(result.success).toBe(false);
    expect(failedChecks(result)).toEqual(['timeout detected, restarted with context', 'campaign produced']);
  });
});

describe('HandoffCorruption', () => {
  it('rejects the damaged handoff, re-sends it and accepts only the intact one', async () => {
    const result = await runWith(handoffCorruption, 'seed-3');
    expect(result.success).toBe(true);
    expect(result.faults[0]).toMatchObject({ agentId: 'handoff', faultType: 'corruption' });
    expect(result.recoveries).toHaveLength(1);
    expect(result.mttrSeconds).toBeCloseTo(0.3);
  });

  it('fails when the validator accepts anything', async () => {
    const result = await runWith(handoffCorruption, 'seed-3', { validator: () => ({ valid: true, problems: [] }) });
    expect(result.success).toBe(false);
    expect(failedChecks(result)).toContain('no corrupt message accepted');
    expect(failedChecks(result)).toContain('corruption rejected and re-sent');
  });
});

describe('DelayedRecovery', () => {
  it('lets a slow agent finish inside its deadline with no recovery', async () => {
    const result = await runWith(delayedRecovery, 'seed-4');
    expect(result.success).toBe(true);
    expect(result.faults).toEqual([expect.objectContaining({ agentId: 'product', faultType: 'delay' })]);
    expect(result.recoveries).toEqual([]);
    expect(result.mttrSeconds).toBeNull();
  });

  it('fails when the supervisor deadline is shorter than the delay: a false positive', async () => {
    const result = await runWith(delayedRecovery, 'seed-4', { deadlineMs: 1_000 });
    expect(result.success).toBe(false);
    expect(failedChecks(result)).toContain('no recovery triggered');
  });
});

describe('CascadeFailure', () => {
  it('recovers the marketing agent inside the product recovery, one recovery each', async () => {
    const result = await runWith(cascadeFailure, 'seed-5');
    expect(result.success).toBe(true);
    expect(result.recoveries.map((r) => [r.agentId, r.success])).toEqual([
      ['marketing', true],
      ['product', true],
    ]);
    const [marketing, product] = result.recoveries;
    // The nested recovery lies within the outer one.
    expect(marketing!.faultAt).toBeGreaterThanOrEqual(product!.faultAt);
    expect(marketing!.recoveredAt).toBeLessThanOrEqual(product!.recoveredAt);
  });

  it('fails when a peer failing during a recovery is not itself recovered', async () => {
    const result = await runWith(cascadeFailure, 'seed-5', { recoverPeers: false });
    expect(result.success).toBe(false);
    expect(failedChecks(result)).toContain('one recovery each (product, marketing)');
    expect(result.taskCompleted).toBe(false);
    expect(result.recovered).toBe(false);
  });
});

describe('scenario runs', () => {
  it('are reproducible: the same seed gives the same events, another seed other timings', async () => {
    const a = await runWith(cascadeFailure, 'same');
    const b = await runWith(cascadeFailure, 'same');
    const c = await runWith(cascadeFailure, 'other');
    expect(b.events).toEqual(a.events);
    expect(b.recoveries).toEqual(a.recoveries);
    expect(c.mttrSeconds).not.toBe(a.mttrSeconds);
  });

  it('do not interfere when run concurrently', async () => {
    const alone = await Promise.all(SEEDS.map((seed) => runWith(cascadeFailure, seed)));
    const together = await Promise.all([
      ...SEEDS.map((seed) => runWith(cascadeFailure, seed)),
      ...SEEDS.map((seed) => runWith(marketingTimeout, seed)),
    ]);
    expect(together.slice(0, SEEDS.length).map((r) => r.events)).toEqual(alone.map((r) => r.events));
  });
});
