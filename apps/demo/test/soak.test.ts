import { campaignProduced, defineScenario, noCorruptMessageAccepted, noItemDuplicated, noItemLost, taskCompleted } from '@chaos/scenarios';
import { describe, expect, it } from 'vitest';
import { createDemoWorkflow } from '../src/index.js';

const soak = defineScenario({
  name: 'SoakTest',
  description: 'random faults at the CHAOS_* default probabilities',
  plan: [],
  checks: [noItemLost, noItemDuplicated, noCorruptMessageAccepted, campaignProduced, taskCompleted],
  workflowFactory: () => createDemoWorkflow() as never,
});

describe('the demo system under random faults', () => {
  it('keeps its steady state across 40 seeded soak runs', async () => {
    const config = { crashProbability: 0.1, delayProbability: 0.2, delayMs: 500, timeoutProbability: 0.05, timeoutSeconds: 30, hallucinationProbability: 0.1, corruptionProbability: 0.1 };
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await soak.run({ seed: `soak-${i}`, config }));
    const failures = results.filter((r) => !r.success).map((r) => `${r.seed}: ${r.error}`);
    const faults = results.reduce((n, r) => n + r.faults.length, 0);
    const kinds = new Set(results.flatMap((r) => r.faults.map((f) => f.faultType)));
    console.log({ faults, kinds: [...kinds], recoveries: results.reduce((n, r) => n + r.recoveries.length, 0), failures });
    expect(failures).toEqual([]);
    const unrecovered = results.filter((r) => !r.recovered).map((r) => `${r.seed}: ${r.faults.length} faults, ${r.recoveries.length} recoveries`);
    expect(unrecovered).toEqual([]);
    expect([...kinds].sort()).toEqual(['corruption', 'crash', 'delay', 'hallucination', 'timeout']);
  });
});
