import { describe, expect, it } from 'vitest';
import type { FaultRule } from '@chaos/config';
import { defineScenario, type Scenario } from '@chaos/scenarios';
import { isShrinkError, shrinkRun, type ShrinkResult } from '../src/index.js';
// @ts-expect-error: a plain ES module fixture, without types
import { flakySoak, nothingLost, retryBudgetSoak, retryBudgetWorkflow } from './fixtures/shrinkScenarios.mjs';

const soak = retryBudgetSoak as Scenario;
const NO_CHANCE = { crashProbability: 0, delayProbability: 0, timeoutProbability: 0, hallucinationProbability: 0, corruptionProbability: 0 };

/** Whether the run of `seed` with exactly `plan` (and nothing by chance) fails "nothing lost". */
async function failsWith(plan: readonly FaultRule[], seed: string): Promise<boolean> {
  const result = await soak.run({ seed, plan, config: NO_CHANCE });
  return result.checks.some((c) => c.name === 'nothing lost' && !c.passed);
}

async function seedsWhere(wanted: boolean, count: number): Promise<string[]> {
  const seeds: string[] = [];
  for (let i = 0; seeds.length < count; i++) {
    const result = await soak.run({ seed: `shrink-${i}` });
    if (result.success === wanted) seeds.push(`shrink-${i}`);
  }
  return seeds;
}

describe('shrinkRun', () => {
  it('shrinks a failed soak run to the two crashes of one item, a plan that fails and is 1-minimal', async () => {
    const [seed] = await seedsWhere(false, 1);
    const shrunk = await shrinkRun({ scenario: soak, seed: seed as string });
    expect(shrunk.check.name).toBe('nothing lost');
    expect(shrunk.fired).toBeGreaterThan(4);
    expect(shrunk.plan.map((r) => `${r.fault}@${r.target}`)).toEqual(['crash@writer', 'crash@writer']);
    const calls = shrunk.plan.map((r) => (r.trigger.on === 'call' ? r.trigger.call : -1));
    expect(calls[1]).toBe((calls[0] as number) + 1);
    expect(shrunk.oneMinimal).toBe(true);
    expect(shrunk.planSource).toContain("plan: [\n  { id: 'crash@writer#");
  });

  it('holds its guarantee on 50 seeded failing runs: the plan fails, and fails no more without any one of its faults', async () => {
    const seeds = await seedsWhere(false, 50);
    const sizes: number[] = [];
    for (const seed of seeds) {
      const shrunk: ShrinkResult = await shrinkRun({ scenario: soak, seed });
      expect(shrunk.oneMinimal).toBe(true);
      expect(await failsWith(shrunk.plan, seed)).toBe(true);
      for (let i = 0; i < shrunk.plan.length; i++) {
        expect(await failsWith(shrunk.plan.filter((_, j) => j !== i), seed), `${seed} without rule ${i}`).toBe(false);
      }
      expect(shrunk.plan.length).toBeLessThan(shrunk.fired);
      sizes.push(shrunk.plan.length);
    }
    // The planted bug needs two crashes of one item.
    expect(new Set(sizes)).toEqual(new Set([2]));
  });

  it('gives a plan that, pasted into a scenario of its own, fails on replay with the same seed', async () => {
    const [seed] = await seedsWhere(false, 1);
    const shrunk = await shrinkRun({ scenario: soak, seed: seed as string });
    const pasted = (new Function(`return {\n${shrunk.planSource}\n};`) as () => { plan: FaultRule[] })();
    expect(pasted.plan).toEqual(shrunk.plan);
    const scenario = defineScenario({
      name: 'ShrunkRetryBudget',
      description: 'the shrunk plan',
      plan: pasted.plan,
      workflowFactory: retryBudgetWorkflow,
      initialState: { items: Array.from({ length: 12 }, (_, i) => `item-${i}`) },
      checks: [nothingLost],
    });
    const result = await scenario.run({ seed: seed as string });
    expect(result.success).toBe(false);
    expect(result.checks.find((c) => c.name === 'nothing lost')?.passed).toBe(false);
  });

  it('shrinks a run of a campaign named by campaign seed and run index', async () => {
    const { ChaosRunner } = await import('../src/index.js');
    const summary = await new ChaosRunner({ scenarios: [soak], runsPerScenario: 6, seed: 'shrink-campaign', concurrency: 1, backend: 'in-process' }).runAll();
    const failed = summary.results.findIndex((r) => !r.success);
    expect(failed).toBeGreaterThanOrEqual(0);
    const shrunk = await shrinkRun({ scenario: soak, campaignSeed: 'shrink-campaign', runIndex: failed });
    expect(shrunk.seed).toBe(summary.results[failed]?.seed);
    expect(shrunk.plan).toHaveLength(2);
  });

  it('refuses a run that passed, saying so', async () => {
    const [seed] = await seedsWhere(true, 1);
    const error = await shrinkRun({ scenario: soak, seed: seed as string }).catch((e: unknown) => e);
    expect(isShrinkError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('CHAOS_SHRINK_PASSED');
    expect((error as Error).message).toMatch(/passed: every steady-state check held/);
  });

  it('refuses a run that does not replay, with the first divergence', async () => {
    let error: unknown;
    for (let i = 0; i < 20 && error === undefined; i++) {
      error = await shrinkRun({ scenario: flakySoak as Scenario, seed: `flaky-${i}` }).then(
        () => undefined,
        (e: unknown) => ((e as { code?: string }).code === 'CHAOS_SHRINK_PASSED' ? undefined : e),
      );
    }
    expect(isShrinkError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('CHAOS_SHRINK_NOT_DETERMINISTIC');
    expect((error as Error).message).toMatch(/does not replay: two replays under seed \S+ differ \(event #\d+: the first replay had /);
    expect((error as { divergence: string }).divergence).toMatch(/^event #\d+/);
  });

  it('names a bad option', async () => {
    await expect(shrinkRun({ scenario: soak })).rejects.toThrow(/either `campaignSeed` with `runIndex`, or a run `seed`/);
    const [seed] = await seedsWhere(false, 1);
    await expect(shrinkRun({ scenario: soak, seed: seed as string, check: 'no such check' })).rejects.toThrow(/a check the run failed: nothing lost/);
  });
});
