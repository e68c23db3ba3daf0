import { createReferenceWorkflow, defineScenario, productCrashMidUpload, taskCompleted, type ScenarioResult } from '@chaos/scenarios';
import { describe, expectTypeOf, it } from 'vitest';
import { ChaosRunner, replayRun, type RunnerConfig, type RunnerSummary } from '../src/index.js';

interface CartState {
  readonly items: readonly string[];
}

describe('RunnerConfig types', () => {
  it('accepts typed scenarios and workflow factories of users', () => {
    const mine = defineScenario<CartState, { paid: boolean }>({
      name: 'Typed',
      description: 'typed state and output',
      plan: [],
      checks: [{ name: 'paid', check: (o) => ({ passed: o.outcome?.output.paid === true, detail: '' }) }],
    });
    const config: RunnerConfig = {
      scenarios: [mine, productCrashMidUpload, 'MarketingTimeout'],
      workflowFactory: () => createReferenceWorkflow({ restartMs: 10 }),
      initialState: { items: ['a'] } satisfies CartState,
      config: { crashProbability: 0.1 },
      time: 'virtual',
    };
    expectTypeOf(new ChaosRunner(config).runAll()).resolves.toEqualTypeOf<RunnerSummary>();
    expectTypeOf(replayRun({ scenario: mine, campaignSeed: 1, runIndex: 0 })).resolves.toEqualTypeOf<ScenarioResult>();
    expectTypeOf(taskCompleted).not.toBeAny();
  });

  it('rejects what is not an option', () => {
    // @ts-expect-error `time` is 'virtual' or 'real'
    const badTime: RunnerConfig = { time: 'fast' };
    // @ts-expect-error soak config has no `enabled`
    const badSoak: RunnerConfig = { config: { enabled: true } };
    expectTypeOf(badTime).toEqualTypeOf<RunnerConfig>();
    expectTypeOf(badSoak).toEqualTypeOf<RunnerConfig>();
  });
});
