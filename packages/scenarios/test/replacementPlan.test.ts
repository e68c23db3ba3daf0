import { describe, expect, it } from 'vitest';
import { type FaultEvent, isFaultEvent } from '@chaos/config';
import { injectCrash } from '@chaos/faults';
import { defineScenario, type Workflow } from '../src/index.js';

/** Five calls of `step`, each retried once when it crashes. */
const workflow = (): Workflow<null, number> => ({
  async run() {
    const step = injectCrash({ target: 'step' })(async () => {});
    let done = 0;
    for (let i = 0; i < 5; i++) {
      try {
        await step();
      } catch {
        await step().catch(() => undefined);
      }
      done += 1;
    }
    return { taskCompleted: true, output: done };
  },
});

const scenario = defineScenario<null, number>({
  name: 'ReplacementPlan',
  description: 'crash the 2nd step call',
  plan: [{ fault: 'crash', target: 'step', trigger: { on: 'call', call: 2 } }],
  checks: [{ name: 'ran', check: () => ({ passed: true, detail: 'ran' }) }],
  workflowFactory: workflow,
  initialState: null,
});

const faultsOf = (events: readonly unknown[]) => (events as FaultEvent[]).filter(isFaultEvent);

describe('a scenario run with a replacement plan', () => {
  it('fires the given rules instead of its own', async () => {
    const result = await scenario.run({ seed: 's', plan: [{ fault: 'crash', target: 'step', trigger: { on: 'call', call: 4 } }] });
    expect(faultsOf(result.events).map((e) => e.ruleId)).toEqual(['crash@step']);
    expect(result.faults).toHaveLength(1);
    const own = await scenario.run({ seed: 's' });
    expect(faultsOf(own.events)).toHaveLength(1);
  });

  it('pins each fault event to its call with countCalls, and leaves events as they were without it', async () => {
    const counted = await scenario.run({ seed: 's', countCalls: true, config: { crashProbability: 0.5 } });
    const plain = await scenario.run({ seed: 's', config: { crashProbability: 0.5 } });
    const calls = faultsOf(counted.events).map((e) => e.call);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((c) => typeof c === 'number' && c >= 1)).toBe(true);
    expect(faultsOf(plain.events).every((e) => !('call' in e))).toBe(true);
    // Counting changes no decision: the same faults at the same times.
    expect(faultsOf(counted.events).map(({ call: _c, ...rest }) => rest)).toEqual(faultsOf(plain.events));
  });

  it('refuses a plan that is not an array', async () => {
    await expect(scenario.run({ seed: 's', plan: 'crash' as never })).rejects.toThrow('Expected `plan` to be an array of fault rules');
  });
});
